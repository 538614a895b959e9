"""Quoted posts and videos in a story's body, as readers see them: a static
card from what the worker kept (articles.embeds), never the provider's HTML
or script. A video's player loads only when the reader presses play
(static/articles/embeds.js)."""

import html

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from articles.embeds import ALONE, provider_for


def render_body(article):
    """The story's body with each quoted post as its card."""
    return render_html(article.body, article)


def render_html(body, article):
    """`body` (the story's, or one of its live updates') with each quoted
    post as its card, from the story's prefetched `embeds`; other addresses
    stay as they are."""
    if "<p>" not in body:
        return mark_safe(body)  # noqa: S308 - sanitized on save
    embeds = {embed.url: embed for embed in article.embeds.all()}
    if not embeds:
        return mark_safe(body)  # noqa: S308 - sanitized on save

    def card(match):
        url = html.unescape(match["linked"] or match["typed"])
        embed = embeds.get(url)
        provider, found = provider_for(url)
        if embed is None or provider is None:  # e.g. a host no longer allowed
            return match.group()
        player = provider.player.format(id=found["id"]) if provider.player else ""
        return render_to_string(
            "articles/includes/embed.html",
            {"embed": embed, "provider": provider, "player": player},
        )

    return mark_safe(ALONE.sub(card, body))  # noqa: S308 - cards are autoescaped
