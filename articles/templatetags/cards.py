"""Stored story cards in templates (articles.cards)."""

from django import template

register = template.Library()


@register.simple_tag
def tag_links(card, url, query=""):
    """The card's tags as list items, each narrowing the list at `url`."""
    return card.tag_links(url, query)
