from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from articles.text import CleanTextMixin
from articles.validators import web_url

FOCAL_OUTSIDE = (
    "The focal point must lie inside the image: give fractions from 0 "
    "(left or top edge) to 1 (right or bottom edge)."
)


class Photo(CleanTextMixin, models.Model):
    """An image in the newsroom's library, reusable across stories."""

    image = models.ImageField(
        "image", upload_to="photos/%Y/%m/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField("width", null=True, editable=False)
    height = models.PositiveIntegerField("height", null=True, editable=False)
    alt_text = models.CharField(
        "alt text",
        max_length=250,
        help_text="Describes the image for readers who cannot see it. Required.",
    )
    caption = models.CharField("caption", max_length=300, blank=True)
    credit = models.CharField(
        "credit",
        max_length=150,
        blank=True,
        help_text="Who made or supplied the image, e.g. “Newsroom photo / Dana Ruiz”.",
    )
    source_url = models.URLField("source URL", blank=True, validators=[web_url])
    license = models.CharField("license", max_length=120, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="uploaded by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("uploaded at", auto_now_add=True)
    focal_x = models.FloatField(
        "focal point across",
        default=0.5,
        validators=[
            MinValueValidator(0, FOCAL_OUTSIDE),
            MaxValueValidator(1, FOCAL_OUTSIDE),
        ],
        help_text="0 is the left edge, 1 the right. Every crop keeps this point.",
    )
    focal_y = models.FloatField(
        "focal point down",
        default=0.5,
        validators=[
            MinValueValidator(0, FOCAL_OUTSIDE),
            MaxValueValidator(1, FOCAL_OUTSIDE),
        ],
        help_text="0 is the top edge, 1 the bottom.",
    )
    renditions = models.JSONField(
        "renditions",
        default=list,
        editable=False,
        help_text="Resized WebP and JPEG copies and crops, made at upload.",
    )

    class Meta:
        ordering = ["-uploaded_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1
                ),
                name="photo_focal_point_inside",
                violation_error_message=FOCAL_OUTSIDE,
            )
        ]
        verbose_name = "photo"
        verbose_name_plural = "photos"

    def __str__(self):
        return self.caption or self.alt_text

    @property
    def focal(self):
        return (self.focal_x, self.focal_y)
