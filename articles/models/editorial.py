from django.conf import settings
from django.db import models

from articles.text import CleanTextMixin


class Revision(models.Model):
    """A snapshot of a story at one save or transition, with who and when."""

    class Kind(models.TextChoices):
        CREATED = "created", "Created"
        EDITED = "edited", "Edited"
        TRANSITION = "transition", "Status change"
        RESTORED = "restored", "Restored"
        CORRECTION = "correction", "Correction"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField("number")
    version = models.PositiveIntegerField(
        "story version", null=True, help_text="The story's version after this change."
    )
    kind = models.CharField("kind", max_length=20, choices=Kind.choices)
    from_status = models.CharField("from status", max_length=20, blank=True)
    to_status = models.CharField("to status", max_length=20, blank=True)
    message = models.TextField("message", blank=True)
    snapshot = models.JSONField(
        "snapshot", help_text="The story with its bylines, tags and sources."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="by",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField("at", auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = "revision"
        verbose_name_plural = "revisions"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "number"], name="revision_unique_number"
            )
        ]

    def __str__(self):
        return f"#{self.number} {self.get_kind_display()}"

    @property
    def by_name(self):
        user = self.created_by
        if user is None:
            return "someone"
        return user.get_full_name() or user.get_username()


class EditorialNote(CleanTextMixin, models.Model):
    """A staff-only comment between writer and editor; never shown to readers."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="author",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    text = models.TextField("note", max_length=4000)
    created_at = models.DateTimeField("at", auto_now_add=True)
    resolved = models.BooleanField("resolved", default=False)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="resolved by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField("resolved at", null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "editorial note"
        verbose_name_plural = "editorial notes"

    def __str__(self):
        return self.text[:60]
