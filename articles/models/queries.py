"""How stories are selected: the one visibility rule and its companions."""

from django.apps import apps
from django.db import models
from django.db.models import Min, Q
from django.utils import timezone

#: The tables a tag's or person's list is read from, each with its story
#: column: their rows keep their story's publish_at (copy_publish_at).
LIST_ORDER_TABLES = {
    "TaggedArticle": "content_object",
    "Byline": "article",
    "Credit": "article",
}


class Status(models.TextChoices):
    """A story's stored state; "scheduled" and "expired" are derived."""

    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ArticleQuerySet(models.QuerySet):
    def live(self, now=None):
        """Stories a reader may see: the one visibility rule of the site.

        Published, with `publish_at` reached and `unpublish_at` not yet reached.
        Every public page, feed, count and the Top Stories feed starts here.
        """
        now = now or timezone.now()
        return self.filter(
            Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now),
            status=Status.PUBLISHED,
            publish_at__lte=now,
        )

    def next_change(self, now=None):
        """The next moment live() will give a different answer: the earliest
        future `publish_at` or `unpublish_at` of a published story, or None."""
        now = now or timezone.now()
        found = self.filter(status=Status.PUBLISHED).aggregate(
            publish=Min("publish_at", filter=Q(publish_at__gt=now)),
            unpublish=Min("unpublish_at", filter=Q(unpublish_at__gt=now)),
        )
        return min((t for t in found.values() if t is not None), default=None)

    def scheduled(self, now=None):
        """Published stories waiting for their `publish_at` (editorial view)."""
        return self.filter(
            status=Status.PUBLISHED, publish_at__gt=now or timezone.now()
        )

    def drafts(self):
        return self.filter(status=Status.DRAFT)

    def in_review(self):
        return self.filter(status=Status.IN_REVIEW)

    def gone(self):
        """Stories that were published and then withdrawn: their URL is 410."""
        return self.filter(status=Status.WITHDRAWN, first_published_at__isnull=False)

    def copy_publish_at(self):
        """Copy these stories' publish_at onto their tag, byline and credit
        rows, which keep it so a tag's or author's list reads in order from
        one index."""
        for through, column in LIST_ORDER_TABLES.items():
            model = apps.get_model("articles", through)
            story = self.model.objects.filter(pk=models.OuterRef(column))
            model.objects.filter(**{f"{column}__in": self.values("pk")}).update(
                publish_at=models.Subquery(story.values("publish_at")[:1])
            )

    def for_cards(self):
        """Everything a story card shows, fetched in a fixed number of queries."""
        return self.select_related("section", "lead_photo").prefetch_related(
            bylines_prefetch(), "tags"
        )


def bylines_prefetch():
    """Bylines in order with their authors: one query for any number of stories."""
    byline = apps.get_model("articles", "Byline")
    return models.Prefetch("bylines", queryset=byline.objects.select_related("author"))


class AuthorQuerySet(models.QuerySet):
    def with_live_story_counts(self):
        """Each author with `story_count`: how many live stories carry their
        byline (None for none), in the same query. Counted from the author's
        bylines (their index), each story checked by its primary key: asked
        from the stories' side, SQLite walked every live story per author
        (34 s for a page of the index at 100,000 stories; now 0.2 s)."""
        article = apps.get_model("articles", "Article")
        byline = apps.get_model("articles", "Byline")
        live = article.objects.live().filter(pk=models.OuterRef("article"))
        live_count = (
            byline.objects.filter(author=models.OuterRef("pk"))
            .filter(models.Exists(live))
            .order_by()
            .values("author")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return self.annotate(story_count=models.Subquery(live_count))
