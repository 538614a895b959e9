"""Shared fragments in templates (articles.fragments)."""

from django import template
from django.utils.safestring import mark_safe

from articles import fragments
from articles.caching import keys

register = template.Library()


@register.simple_tag
def shared_fragment(name):
    """A placeholder the page cache fills (the page is being cached), or the
    fragment itself, as kept on its own keys (a page nobody caches: staff,
    previews, or the page cache off)."""
    if keys.is_collecting():
        return mark_safe(fragments.placeholder(name))  # noqa: S308 - a constant
    return mark_safe(fragments.html(name))  # noqa: S308 - rendered by a template
