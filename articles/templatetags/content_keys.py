"""Templates name the content they show, for the page cache's keys."""

from django import template

from articles import caching

register = template.Library()


@register.simple_tag
def card_keys(article):
    """Record the keys of a story card (outside its fragment cache, so a card
    served from that cache still counts)."""
    caching.tag(*caching.card_keys(article))
    return ""
