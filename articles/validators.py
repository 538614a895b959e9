from django.core.validators import RegexValidator, URLValidator

#: Only web links: no javascript:, data: or ftp: URLs reach a reader.
web_url = URLValidator(schemes=["http", "https"])

social_handle = RegexValidator(
    r"^@?[A-Za-z0-9_.]{1,30}$",
    "Enter a handle such as @newsroom: letters, digits, dots and underscores.",
)
