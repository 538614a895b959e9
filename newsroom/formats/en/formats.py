# House style for English dates: sources read "4/25/24", as on the model story.
SHORT_DATE_FORMAT = "n/j/y"
