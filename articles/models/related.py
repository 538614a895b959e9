from django.db import models


class RelatedStory(models.Model):
    """A story an editor chose to show under another, before the ones picked
    automatically (public.related)."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="pinned_related"
    )
    related = models.ForeignKey(
        "articles.Article",
        verbose_name="related story",
        on_delete=models.CASCADE,
        related_name="+",
    )
    position = models.PositiveIntegerField("position", default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "related story"
        verbose_name_plural = "related stories"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "related"],
                name="related_story_once",
                violation_error_message="That story is chosen already.",
            ),
            models.CheckConstraint(
                condition=~models.Q(related=models.F("article")),
                name="related_story_not_itself",
                violation_error_message="A story cannot be related to itself.",
            ),
        ]

    def __str__(self):
        return f"{self.related} under {self.article}"
