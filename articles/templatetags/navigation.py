"""The section navigation on every page, rendered once per change of a section."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from articles import caching
from articles.caching import keys
from articles.models import Section

register = template.Library()


@register.simple_tag
def section_nav():
    """The sections menu: fifty links and reverse() calls, kept until a
    section changes (which purges the `nav` key every page carries)."""
    html = caching.remember("nav", _render, [keys.NAV], scheduled=False)
    return mark_safe(html)  # noqa: S308 - rendered by an autoescaping template


def _render():
    sections = Section.objects.only("name", "slug").order_by("position", "name")
    return render_to_string(
        "articles/includes/section_nav.html", {"sections": sections}
    )
