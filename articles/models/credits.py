from django.db import models

from articles.text import CleanTextMixin


class Credit(CleanTextMixin, models.Model):
    """Someone besides the bylines who made the story: a writer's profile,
    or a name typed in (an outside agency, a freelancer), in a role."""

    class Role(models.TextChoices):
        REPORTING = "reporting", "Reporting"
        ADDITIONAL_REPORTING = "additional-reporting", "Additional reporting"
        PHOTOS = "photos", "Photos"
        VIDEO = "video", "Video"
        GRAPHICS = "graphics", "Graphics"
        TRANSLATION = "translation", "Translation"
        EDITING = "editing", "Editing"

    #: How the story's credit line names each role: "Photos by …".
    PHRASES = {
        Role.REPORTING: "Reporting by",
        Role.ADDITIONAL_REPORTING: "Additional reporting by",
        Role.PHOTOS: "Photos by",
        Role.VIDEO: "Video by",
        Role.GRAPHICS: "Graphics by",
        Role.TRANSLATION: "Translated by",
        Role.EDITING: "Edited by",
    }

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="credits"
    )
    role = models.CharField("role", max_length=30, choices=Role.choices)
    author = models.ForeignKey(
        "articles.Author",
        verbose_name="author profile",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credits",
    )
    name = models.CharField(
        "or name",
        max_length=150,
        blank=True,
        help_text="Someone without a profile here, e.g. “Reuters”.",
    )
    position = models.PositiveIntegerField("position", default=0)
    #: The story's publish_at, copied by the commit step (as on bylines):
    #: a person's credits read in order from one index.
    publish_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "credit"
        verbose_name_plural = "credits"
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(author__isnull=False, name="")
                    | models.Q(author__isnull=True) & ~models.Q(name="")
                ),
                name="credit_names_one_person",
                violation_error_message=(
                    "Choose an author profile or type a name (for someone "
                    "without a profile), not both."
                ),
            )
        ]
        indexes = [
            models.Index(
                fields=["author", "role", "-publish_at", "-article"],
                name="credit_author_role_order",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.display_name}"

    @property
    def display_name(self):
        return self.author.name if self.author_id else self.name

    def clean(self):
        super().clean()
        # Before the constraint is checked: a name of spaces is no name.
        self.name = " ".join(self.name.split())
