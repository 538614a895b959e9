"""Times for machines inside pages."""

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def machine_time(value):
    """A `<time datetime>` value: local time to the second with its offset.

    HTML allows at most three fraction digits, and readers need none.
    """
    if value is None:
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")
