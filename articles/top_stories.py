"""The Top Stories feed: curated slots first, then the newest live stories."""

from django.conf import settings
from django.db.models import prefetch_related_objects

from articles.models import Article, TopStory
from articles.models.articles import bylines_prefetch


def top_stories(*, limit=None, exclude=None):
    """Return up to `limit` live stories for the Top Stories feed.

    Curated slots whose window is open come first, in position order; the
    newest live stories fill the rest. A story appears at most once, `exclude`
    (the story being read) never, and only live stories ever: both queries
    start from `Article.objects.live()`.
    """
    limit = settings.NEWSROOM_TOP_STORIES if limit is None else limit
    excluded = {exclude.pk} if exclude is not None else set()
    live = Article.objects.live().select_related("section", "lead_photo")

    # Start from the few open slots, not from every live story.
    slotted = TopStory.objects.active().values("article")
    curated = list(
        live.filter(pk__in=slotted)
        .exclude(pk__in=excluded)
        .order_by("top_slot__position", "top_slot__pk")[:limit]
    )
    newest = []
    if len(curated) < limit:
        taken = excluded | {article.pk for article in curated}
        newest = list(
            live.exclude(pk__in=taken).order_by("-publish_at", "-pk")[
                : limit - len(curated)
            ]
        )
    stories = curated + newest
    prefetch_related_objects(stories, bylines_prefetch())
    return stories
