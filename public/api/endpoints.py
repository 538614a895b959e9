"""The read API's endpoints (public.api)."""

from typing import Literal

from django.db.models import Q
from django.http import Http404
from ninja import Query
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from taggit.models import Tag

import caching
from articles import keys
from articles.models import Article, Author, Section, TaggedArticle
from public import body
from public.api import cursors, ninjs, oembed, output
from public.api.cursors import BadCursor
from public.api.serving import served
from public.api.v1 import api
from public.filters import StoryFilters

MAX_PAGE = 50
#: Longer than any cursor the API hands out (a slug is at most 200).
CURSOR_LENGTH = 400
#: What a cursor looks like (base64url): anything else is refused with 422.
CURSOR_PATTERN = r"^[A-Za-z0-9_-]*$"


def _cursor(description=None):
    return Query(
        None, max_length=CURSOR_LENGTH, pattern=CURSOR_PATTERN, description=description
    )


def _after(cursor, kind, *types):
    """The position a cursor names; 404 for one this API did not give (a
    page that does not exist, as ?page=999 is on the site)."""
    if not cursor:
        return None
    try:
        return cursors.decode(cursor, kind, *types)
    except BadCursor as error:
        caching.shows(caching.MISSING)
        raise HttpError(404, str(error)) from error


def _story(slug):
    article = (
        Article.objects.live()
        .for_cards()
        .prefetch_related("citations", "corrections", *body.PREFETCH)
        .filter(slug=slug)
        .first()
    )
    if article is None:
        caching.shows(caching.MISSING)
        raise Http404("No such story.")
    return article


@api.api_operation(["GET", "HEAD"], "/stories/", url_name="stories")
@decorate_view(served)
def stories(
    request,
    tag: list[str] = Query(None, description="Tag slugs: stories carrying all"),
    author: str | None = Query(None, description="An author's slug"),
    section: str | None = Query(None, description="A section's slug"),
    cursor: str | None = _cursor("From a previous page's next"),
    page_size: int = Query(20, ge=1, le=MAX_PAGE),
):
    """Live stories, newest first, with the site's filters combined."""
    filters = StoryFilters.from_query(request.GET)
    if filters.role:
        filters.role = ""  # credit roles narrow author pages, not the API
    caching.shows(*(filters.content_keys() or [keys.STORIES]))
    if filters.problems:
        caching.shows(caching.MISSING)
        raise HttpError(404, " ".join(filters.problems))
    after = _after(cursor, "stories", cursors.aware_datetime, cursors.row_id)
    rows = list(filters.rows(after=after)[: page_size + 1])
    ids = [pk for pk, _ in rows[:page_size]]
    found = Article.objects.filter(pk__in=ids).for_cards().in_bulk()
    page = [found[pk] for pk in ids if pk in found]
    more = len(rows) > page_size and page
    last = page[-1] if more else None
    return {
        "results": [output.story(request, article) for article in page],
        "next": cursors.next_link(
            request,
            cursors.encode("stories", last.publish_at, last.pk) if last else None,
        ),
    }


@api.api_operation(["GET", "HEAD"], "/stories/{slug}/", url_name="story")
@decorate_view(served)
def story(request, slug: str):
    """One live story in full."""
    return output.story_detail(request, _story(slug))


@api.api_operation(["GET", "HEAD"], "/stories/{slug}/ninjs/", url_name="story_ninjs")
@decorate_view(served)
def story_ninjs(request, slug: str):
    """One live story as IPTC ninjs 2.1."""
    article = _story(slug)
    caching.shows(keys.story(article.pk), *keys.card_keys(article))
    return ninjs.document(request, article)


def _keyset(kind, queryset, field, cursor, page_size):
    """A page of `queryset` ordered by (`field`, pk) after the cursor."""
    after = _after(cursor, kind, cursors.text, cursors.row_id)
    if after:
        value, pk = after
        queryset = queryset.filter(
            Q(**{f"{field}__gt": value}) | Q(**{field: value, "pk__gt": pk})
        )
    rows = list(queryset.order_by(field, "pk")[: page_size + 1])
    page = rows[:page_size]
    last = page[-1] if len(rows) > page_size else None
    return page, (cursors.encode(kind, getattr(last, field), last.pk) if last else None)


@api.api_operation(["GET", "HEAD"], "/tags/", url_name="tags")
@decorate_view(served)
def tags(
    request,
    cursor: str | None = _cursor(),
    page_size: int = Query(MAX_PAGE, ge=1, le=MAX_PAGE * 4),
):
    """Tags on live stories, by slug."""
    caching.shows(keys.STORIES, keys.SITEMAPS)
    on_live = TaggedArticle.objects.filter(
        content_object__in=Article.objects.live().values("pk")
    ).values("tag")
    page, after = _keyset(
        "tags", Tag.objects.filter(pk__in=on_live), "slug", cursor, page_size
    )
    caching.shows(*(keys.record(tag) for tag in page))
    return {
        "results": [
            {"name": t.name, "slug": t.slug, "url": output.tag_url(request, t)}
            for t in page
        ],
        "next": cursors.next_link(request, after),
    }


@api.api_operation(["GET", "HEAD"], "/authors/", url_name="authors")
@decorate_view(served)
def authors(
    request,
    cursor: str | None = _cursor(),
    page_size: int = Query(MAX_PAGE, ge=1, le=MAX_PAGE * 4),
):
    """Authors, by slug, with how many live stories carry their byline."""
    caching.shows(keys.AUTHORS)
    counted = Author.objects.with_live_story_counts()
    page, after = _keyset("authors", counted, "slug", cursor, page_size)
    return {
        "results": [
            {
                **output.named(request, a),
                "job_title": a.job_title,
                "bio": a.bio,
                "stories": a.story_count or 0,
            }
            for a in page
        ],
        "next": cursors.next_link(request, after),
    }


@api.api_operation(["GET", "HEAD"], "/sections/", url_name="sections")
@decorate_view(served)
def sections(request):
    """Every section, in the site's order."""
    caching.shows(keys.NAV)
    return {
        "results": [
            {**output.named(request, s), "description": s.description}
            for s in Section.objects.order_by("position", "name")
        ]
    }


@api.api_operation(["GET", "HEAD"], "/oembed/", url_name="oembed")
@decorate_view(served)
def oembed_provider(
    request,
    url: str = Query(..., max_length=2000),
    format: Literal["json", "xml"] = Query("json"),
    maxwidth: int | None = Query(None, ge=1, le=10_000),
    maxheight: int | None = Query(None, ge=1, le=10_000),
):
    """oEmbed for a story's address (JSON only: XML answers 501, as the
    oEmbed specification asks)."""
    if format != "json":
        raise HttpError(501, "Only format=json is offered.")
    story = oembed.find_story(request, url)
    return oembed.answer(request, story, maxwidth=maxwidth, maxheight=maxheight)
