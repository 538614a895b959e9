"""An oEmbed provider for our own stories (https://oembed.com/): another
site pastes a story's address and gets a card to show, with no script."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from django.urls import Resolver404, resolve
from django.utils.html import format_html

import caching
from articles import keys
from articles.models import Article
from public.api.output import absolute, byline, photo

DEFAULT_WIDTH = 600
HEIGHT = 200


def find_story(request, url):
    """The live story at `url`, an address of this site; Http404 if none."""
    try:
        parts = urlsplit(url or "")
    except ValueError as error:  # "http://[::1/"
        raise Http404("Not an address.") from error
    hosts = {request.get_host().lower()}
    if settings.NEWSROOM_SITE_URL:
        hosts.add(urlsplit(settings.NEWSROOM_SITE_URL).netloc.lower())
    if parts.scheme not in ("http", "https") or parts.netloc.lower() not in hosts:
        raise Http404("Not an address of a story on this site.")
    try:
        match = resolve(parts.path)
    except Resolver404:
        match = None
    if match is None or match.view_name != "articles:detail":
        raise Http404("Not an address of a story on this site.")
    story = Article.objects.live().for_cards().filter(slug=match.kwargs["slug"]).first()
    if story is None:
        caching.shows(caching.MISSING)
        raise Http404("No such story.")
    return story


def answer(request, story, *, maxwidth=None, maxheight=None):
    """The oEmbed "rich" answer: a quoted card linking to the story."""
    caching.shows(keys.story(story.pk), *keys.card_keys(story))
    width = min(maxwidth or DEFAULT_WIDTH, DEFAULT_WIDTH)
    height = min(maxheight or HEIGHT, HEIGHT)
    url = absolute(request, story.get_absolute_url())
    site = settings.NEWSROOM_SITE_NAME
    data = {
        "version": "1.0",
        "type": "rich",
        "provider_name": site,
        "provider_url": absolute(request, "/"),
        "title": story.headline,
        "author_name": byline(story),
        "width": width,
        "height": height,
        "html": format_html(
            '<blockquote class="newsroom-embed" cite="{}"><p><a href="{}">{}</a>'
            "</p><p>{}</p><footer>{} · {}</footer></blockquote>",
            url,
            url,
            story.headline,
            story.dek,
            byline(story),
            site,
        ),
    }
    authors = story.authors_in_order
    if len(authors) == 1:
        data["author_url"] = absolute(request, authors[0].get_absolute_url())
    picture = photo(request, story.lead_photo, max_width=width)
    if picture and picture["width"] <= width:
        data.update(
            thumbnail_url=picture["url"],
            thumbnail_width=picture["width"],
            thumbnail_height=picture["height"],
        )
    return data
