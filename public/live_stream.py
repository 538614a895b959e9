"""What readers see of a live story: its key events, its updates newest
first in pages (?updates=2 without JavaScript), each update's permalink,
and the JSON open pages poll for new updates."""

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse

from articles.models import Author, LiveUpdate
from public import pagination

#: Updates per page of the stream.
PAGE_SIZE = 20


def _shown(article):
    return (
        LiveUpdate.objects.shown()
        .filter(article=article)
        .select_related("photo")
        .prefetch_related(Prefetch("authors", queryset=Author.objects.order_by("name")))
    )


def stream(article, page=1):
    """The key events and one page of the other updates (four queries); a
    page past the last is a 404."""
    updates = pagination.probe(_shown(article).filter(pinned=False), page, PAGE_SIZE)
    return {
        "pinned": list(_shown(article).filter(pinned=True)),
        "updates": updates.object_list,
        "page": page,
        "more": updates.more,
    }


def latest(article, count=PAGE_SIZE):
    """The newest updates, key events included (for JSON and JSON-LD)."""
    return list(_shown(article)[:count])


def permalink(update):
    """Where an update is read: its page of the stream, at its anchor (a key
    event is above every page)."""
    url = update.article.get_absolute_url()
    if not update.pinned:
        newer = (
            LiveUpdate.objects.shown()
            .filter(article=update.article_id, pinned=False)
            .filter(posted_at__gt=update.posted_at)
            .count()
        )
        page = newer // PAGE_SIZE + 1
        if page > 1:
            url += f"?updates={page}"
    return f"{url}#{update.anchor}"


def as_json(article):
    """What an open page needs to offer new updates: each one's id and HTML,
    newest first, and whether coverage ended."""
    return {
        "ended": article.coverage_ended_at is not None,
        "updates": [
            {
                "id": update.pk,
                "html": render_to_string(
                    "articles/includes/live_update.html",
                    {"update": update, "article": article},
                ),
            }
            for update in latest(article)
            if not update.pinned
        ],
        "url": reverse("articles:live-updates", args=[article.slug]),
    }
