from django.db import models

from articles.text import CleanTextMixin


class GalleryPhoto(CleanTextMixin, models.Model):
    """One picture of a story's photo gallery, in order: a library photo,
    with a caption and credit of its own for this story if given."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="gallery"
    )
    photo = models.ForeignKey(
        "articles.Photo",
        verbose_name="photo",
        on_delete=models.PROTECT,
        related_name="in_galleries",
    )
    position = models.PositiveIntegerField("position", default=0)
    caption = models.CharField(
        "caption",
        max_length=300,
        blank=True,
        help_text="For this story; empty: the photo's own caption.",
    )
    credit = models.CharField(
        "credit",
        max_length=150,
        blank=True,
        help_text="For this story; empty: the photo's own credit.",
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "gallery photo"
        verbose_name_plural = "gallery photos"

    def __str__(self):
        return str(self.photo)

    @property
    def shown_caption(self):
        return self.caption or self.photo.caption

    @property
    def shown_credit(self):
        return self.credit or self.photo.credit
