from django.db import models
from django.utils import timezone

from articles.text import CleanTextMixin
from articles.validators import web_url


class Citation(CleanTextMixin, models.Model):
    """A source the story rests on, listed under "Sources" at its end."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="citations"
    )
    position = models.PositiveIntegerField("position", default=0)
    publisher = models.CharField(
        "publisher", max_length=200, help_text="e.g. “U.S. Department of State”."
    )
    title = models.CharField("title", max_length=300, blank=True)
    url = models.URLField("URL", max_length=500, blank=True, validators=[web_url])
    published_on = models.DateField("published on", null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "source"
        verbose_name_plural = "sources"

    def __str__(self):
        return self.publisher


class Correction(CleanTextMixin, models.Model):
    """A dated correction, clarification or update shown on the story."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"
        UPDATE = "update", "Update"
        CREDIT = "credit", "Credit change"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="corrections"
    )
    kind = models.CharField(
        "kind", max_length=20, choices=Kind.choices, default=Kind.CORRECTION
    )
    text = models.TextField("text")
    created_at = models.DateTimeField("created at", default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "correction"
        verbose_name_plural = "corrections"

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d})"
