"""A story's own page, rendered once per version of what it shows.

What a story's page shows (headline, byline, photo, body, corrections,
sources, tags, its meta tags and JSON-LD) moves only with the story's two
versions: `Article.version`, which the commit step bumps for every revision
(a correction is one), and `Article.card_version`, which it bumps for every
library change the story's card or page shows (a tag; an author's name,
picture or links; the section; the photo). So, like its card
(public.cards), the page's own parts are stored in the shared cache under
the story's id and both versions, and never go stale.

A story that has not changed is then not rendered again when its page
leaves the page cache (it expires, or is evicted: an archive does not fit),
when the navigation changes, or for staff; only the first view after a
change renders it. The parts hold absolute addresses (og:image, JSON-LD), so
they are stored per scheme and host the page was asked at.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db.models import Prefetch
from django.http import Http404
from django.template import engines
from django.utils import timezone
from markupsafe import Markup

from articles import keys
from articles.models import Article, Correction, Credit, GalleryPhoto
from public import body, live_stream, pictures, structured_data
from public.release import release

TEMPLATE = "articles/story.html"
#: What the public page reads of a live story to find its stored parts.
FIELDS = ("pk", "version", "card_version")
#: The blocks of the template: the page's parts.
BLOCKS = ("title", "description", "twitter_card", "meta", "content")
#: Stored parts outlive any page: a week, then rendered again on next use.
TIMEOUT = 7 * 24 * 3600


@dataclass(frozen=True, slots=True)
class StoryPage:
    pk: int
    #: Each block of the page rendered (HTML).
    title: Markup
    description: Markup
    twitter_card: Markup
    meta: Markup
    content: Markup
    #: The content keys of what the parts show.
    keys: tuple


def with_story_parts(stories):
    """Everything the story page shows, in a fixed number of queries."""
    return stories.for_cards().prefetch_related(
        "citations",
        Prefetch("credits", queryset=Credit.objects.select_related("author")),
        Prefetch("gallery", queryset=GalleryPhoto.objects.select_related("photo")),
        "embeds",
        Prefetch("corrections", queryset=Correction.objects.order_by("created_at")),
        *body.PREFETCH,
    )


def stored(row, request):
    """The page parts of a live story (`row`: its FIELDS), stored or rendered
    now and stored. Kept in the shared cache only: a story's parts are
    larger than a card, and an archive's do not fit in each process."""
    cache = caches["default"]
    found = cache.get(name(row, request))
    if found is not None:
        return found
    story = with_story_parts(Article.objects.filter(pk=row["pk"])).first()
    if story is None:  # deleted since the row was read
        raise Http404("No such story.")
    with pictures.watching() as missing:
        page = render(story, request)
    # Stored under the versions just read: never an older page under newer ones.
    versions = {field: getattr(story, field) for field in FIELDS}
    timeout = pictures.SOURCES_SECONDS if missing else TIMEOUT
    relinks = body.next_change(story)  # a linked story comes out or leaves
    if relinks is not None:
        timeout = max(1, min(timeout, int((relinks - timezone.now()).total_seconds())))
    cache.set(name(versions, request), page, timeout)
    return page


def name(row, request):
    """The stored parts' name: the release, the story's versions, and the
    address asked at (a digest: a host can be long)."""
    versions = f"{row['pk']}:{row['version']}:{row['card_version']}"
    address = f"{request.scheme}://{request.get_host()}".encode()
    return (
        f"story-page:{release()}:{versions}:{hashlib.sha256(address).hexdigest()[:16]}"
    )


def render(story, request, updates_page=1):
    """The page parts of `story` (loaded `with_story_parts`), as `request`
    asks for them; a live story's with that page of its updates."""
    template = engines["jinja2"].env.get_template(TEMPLATE)
    live = live_stream.stream(story, updates_page) if story.live_coverage else None
    context = template.new_context(
        {
            "article": story,
            "request": request,
            "live": live,
            "live_poll_seconds": settings.NEWSROOM_LIVE_POLL_SECONDS,
            "json_ld": structured_data.news_article(story, request),
        }
    )
    parts = {
        block: Markup("".join(template.blocks[block](context)))  # noqa: S704 - autoescaped
        for block in BLOCKS
    }
    shown = page_keys(story) + live_keys(live)
    return StoryPage(pk=story.pk, keys=tuple(shown), **parts)


def live_keys(live):
    """A live story's page shows its updates' authors and photos too."""
    if live is None:
        return []
    updates = live["pinned"] + live["updates"]
    return [
        *(keys.record(author) for u in updates for author in u.authors.all()),
        *(keys.record(u.photo) for u in updates if u.photo_id),
    ]


def page_keys(article):
    """What a story's page shows of it: itself, its section, photo, authors,
    credited people and tags (from the prefetched parts)."""
    return [
        keys.story(article.pk),
        *(
            keys.record(record)
            for record in (article.section, article.lead_photo)
            if record
        ),
        *(keys.record(author) for author in article.authors_in_order),
        *(
            keys.record(credit.author)
            for credit in article.credits.all()
            if credit.author_id
        ),
        *(keys.record(item.photo) for item in article.gallery.all()),
        *(keys.record(photo) for photo in article.inline_photos.all()),
        *(keys.record(tag) for tag in article.tags.all()),
    ]
