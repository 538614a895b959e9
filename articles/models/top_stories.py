from django.db import models
from django.db.models import Q
from django.utils import timezone


class TopStoryQuerySet(models.QuerySet):
    def next_change(self, now=None):
        """The next moment a slot's window opens or closes, or None."""
        now = now or timezone.now()
        found = self.aggregate(
            starts=models.Min("starts_at", filter=Q(starts_at__gt=now)),
            ends=models.Min("ends_at", filter=Q(ends_at__gt=now)),
        )
        return min((t for t in found.values() if t is not None), default=None)

    def active(self, now=None):
        """Slots whose window is open now (an empty bound is open-ended)."""
        now = now or timezone.now()
        return self.filter(
            Q(starts_at__isnull=True) | Q(starts_at__lte=now),
            Q(ends_at__isnull=True) | Q(ends_at__gt=now),
        )


class TopStory(models.Model):
    """An editor's curated slot in the Top Stories feed."""

    article = models.OneToOneField(
        "articles.Article",
        verbose_name="story",
        on_delete=models.CASCADE,
        related_name="top_slot",
    )
    position = models.PositiveIntegerField(
        "position", default=0, help_text="Lower numbers come first."
    )
    starts_at = models.DateTimeField(
        "starts at", null=True, blank=True, help_text="Empty: from now on."
    )
    ends_at = models.DateTimeField(
        "ends at", null=True, blank=True, help_text="Empty: until removed."
    )

    objects = TopStoryQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "top story"
        verbose_name_plural = "top stories"
        indexes = [models.Index(fields=["position"], name="topstory_position_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gt=models.F("starts_at")),
                name="topstory_window_order",
                violation_error_message="The slot must end after it starts.",
            )
        ]

    def __str__(self):
        return f"{self.position}: {self.article}"

    def is_open(self, now=None):
        """The instance form of `TopStory.objects.active()`."""
        now = now or timezone.now()
        return (self.starts_at is None or self.starts_at <= now) and (
            self.ends_at is None or self.ends_at > now
        )
