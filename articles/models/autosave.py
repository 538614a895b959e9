from django.conf import settings
from django.db import models


class Autosave(models.Model):
    """What one person last typed in a story form and has not saved: kept
    beside the story, never in it (articles.autosave)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    #: None for a story not created yet.
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="autosaves",
    )
    data = models.JSONField("typed fields")
    #: The story version the form was opened at: restoring it makes Save
    #: check against that version, never overwrite a newer one unseen.
    base_version = models.PositiveIntegerField(null=True, blank=True)
    #: When the page took what was typed (its own clock, in ms): a request
    #: that arrives late (the timer's, overtaken by the closing tab's) never
    #: replaces what was typed after it.
    typed_at = models.PositiveBigIntegerField(null=True, blank=True)
    saved_at = models.DateTimeField("saved at", auto_now=True)

    class Meta:
        verbose_name = "autosaved draft"
        verbose_name_plural = "autosaved drafts"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"],
                condition=models.Q(article__isnull=False),
                name="autosave_one_per_story",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(article__isnull=True),
                name="autosave_one_new_story",
            ),
        ]

    def __str__(self):
        return f"{self.user} on {self.article_id or 'a new story'}"
