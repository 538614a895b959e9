"""What a story's body is: sanitized rich text (django-prose-editor, nh3)."""

#: What the rich-text body may hold; the same list drives the editor's toolbar
#: and the server-side nh3 sanitizer, so a crafted POST cannot add more.
BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "History": True,
}
