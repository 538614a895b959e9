"""Plain-text hygiene for everything editors type."""

import html
import re

from django.utils.html import strip_tags

# XML 1.0 forbids the C0 controls (one in a headline would break every feed
# it is in); the bidi overrides can make a headline read differently than it is.
CONTROL_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\u202a-\u202e\u2066-\u2069]"
)


def strip_control_characters(value):
    """The text without control characters (tab and newlines are kept)."""
    if not isinstance(value, str):
        return value
    return CONTROL_CHARACTERS.sub("", value)


def plain(html_text):
    """Rich text as plain text (tags out, entities decoded, spaces single)."""
    return " ".join(html.unescape(strip_tags(html_text or "")).split())


class CleanTextMixin:
    """Strip control characters from every text field when a form validates."""

    def clean_fields(self, exclude=None):
        for field in self._meta.concrete_fields:
            if field.get_internal_type() in {"CharField", "TextField", "SlugField"}:
                value = getattr(self, field.attname)
                setattr(self, field.attname, strip_control_characters(value))
        super().clean_fields(exclude=exclude)
