from django.conf import settings
from django.db import models
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField

from articles.text import CleanTextMixin

#: An update is a few paragraphs: no headings, no lists of its own.
UPDATE_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "History": True,
}


class LiveUpdateQuerySet(models.QuerySet):
    def shown(self):
        """The updates readers see: approved and not deleted."""
        return self.filter(status=LiveUpdate.Status.PUBLISHED, deleted_at__isnull=True)


class LiveUpdate(CleanTextMixin, models.Model):
    """One timestamped entry of a live story."""

    class Status(models.TextChoices):
        PUBLISHED = "published", "Published"
        PENDING = "pending", "Waiting for an editor"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="live_updates"
    )
    posted_at = models.DateTimeField("time", default=timezone.now, db_index=True)
    authors = models.ManyToManyField(
        "articles.Author", verbose_name="by", related_name="live_updates"
    )
    body = ProseEditorField(
        "text", config={"extensions": UPDATE_EXTENSIONS}, sanitize=True
    )
    photo = models.ForeignKey(
        "articles.Photo",
        verbose_name="photo",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="in_live_updates",
    )
    pinned = models.BooleanField(
        "key event", default=False, help_text="Shown above the stream."
    )
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.PUBLISHED
    )
    deleted_at = models.DateTimeField("deleted at", null=True, blank=True)
    #: Moves with every correction: an editor approves the version they read.
    version = models.PositiveIntegerField("version", default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    objects = LiveUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-posted_at", "-pk"]
        verbose_name = "live update"
        verbose_name_plural = "live updates"
        indexes = [
            models.Index(
                fields=["article", "status", "-posted_at", "-id"],
                name="live_update_stream_idx",
            )
        ]

    def __str__(self):
        return f"Update {self.pk} at {self.posted_at:%H:%M}"

    @property
    def anchor(self):
        return f"update-{self.pk}"


class LiveUpdateRevision(models.Model):
    """An update as it was before a correction or deletion."""

    update = models.ForeignKey(
        LiveUpdate, on_delete=models.CASCADE, related_name="revisions"
    )
    body = models.TextField("text")
    pinned = models.BooleanField(default=False)
    action = models.CharField("what happened", max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"Update {self.update_id} {self.action} at {self.at:%H:%M}"
