"""The Top Stories feed: curated slots first, then the newest live stories."""

from django.conf import settings
from django.db.models import prefetch_related_objects

import caching
from articles import keys
from articles.models import Article, TopStory
from articles.models.queries import bylines_prefetch


def top_story_ids(*, limit=None):
    """The ids of the feed's stories, in order (see top_stories)."""
    limit = settings.NEWSROOM_TOP_STORIES if limit is None else limit
    caching.shows(keys.TOP)
    return caching.remember(f"top:{limit}", lambda: _top_ids(limit), [keys.TOP])


def top_stories(*, limit=None):
    """Return up to `limit` live stories for the Top Stories feed.

    Curated slots whose window is open come first, in position order; the
    newest live stories fill the rest. A story appears at most once, and only
    live stories ever: the ids come from `Article.objects.live()` and are kept
    only until the next change readers could see (caching.remember).
    """
    ids = top_story_ids(limit=limit)
    found = {
        story.pk: story
        for story in Article.objects.filter(pk__in=ids).select_related(
            "section", "lead_photo"
        )
    }
    stories = [found[pk] for pk in ids if pk in found]
    prefetch_related_objects(stories, bylines_prefetch())
    return stories


def _top_ids(limit):
    live = Article.objects.live()
    # Start from the few open slots, not from every live story.
    slotted = TopStory.objects.active().values("article")
    curated = list(
        live.filter(pk__in=slotted)
        .order_by("top_slot__position", "top_slot__pk")
        .values_list("pk", flat=True)[:limit]
    )
    newest = []
    if len(curated) < limit:
        newest = list(
            live.exclude(pk__in=curated)
            .order_by("-publish_at", "-pk")
            .values_list("pk", flat=True)[: limit - len(curated)]
        )
    return curated + newest
