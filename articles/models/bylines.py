"""How a story is tied to its authors and tags: ordered bylines, and
taggit's through model with a real foreign key."""

from django.db import models
from taggit.models import TaggedItemBase


class Byline(models.Model):
    """One author's credit on a story, in the order the byline reads."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="bylines"
    )
    author = models.ForeignKey(
        "articles.Author",
        verbose_name="author",
        on_delete=models.PROTECT,
        related_name="bylines",
    )
    position = models.PositiveIntegerField("position", default=0)
    #: The story's publish_at, kept here by the commit step (copy_publish_at) so an
    #: author's stories are read newest first straight from one index.
    publish_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "byline"
        verbose_name_plural = "bylines"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author"], name="byline_unique_author"
            )
        ]
        indexes = [
            models.Index(
                fields=["author", "-publish_at", "-article"],
                name="byline_author_order_idx",
            )
        ]

    def __str__(self):
        return f"{self.author} on {self.article}"


class TaggedArticle(TaggedItemBase):
    """Taggit's through model with a real foreign key: a plain, indexed join."""

    content_object = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="tagged_items"
    )
    #: The story's publish_at, kept here by the commit step (copy_publish_at) so a
    #: tag's stories are read newest first straight from one index.
    publish_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "tag"
        verbose_name_plural = "tags"
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="taggedarticle_unique_tag"
            )
        ]
        indexes = [
            models.Index(
                fields=["tag", "-publish_at", "-content_object"],
                name="taggedarticle_tag_order_idx",
            )
        ]
