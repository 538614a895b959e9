from django.db import models


class ImportedItem(models.Model):
    """A WordPress post or attachment already brought in (wordpress.importer):
    importing the same export again finds it here and changes nothing."""

    class Kind(models.TextChoices):
        POST = "post", "post"
        ATTACHMENT = "attachment", "attachment"

    #: The exporting site's address (the export's channel link).
    source = models.CharField("source site", max_length=300)
    kind = models.CharField("kind", max_length=20, choices=Kind.choices)
    wp_id = models.PositiveBigIntegerField("WordPress id")
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    photo = models.ForeignKey(
        "articles.Photo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    imported_at = models.DateTimeField("imported at", auto_now_add=True)

    class Meta:
        db_table = "articles_importeditem"  # its table as part of articles
        verbose_name = "imported item"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "wp_id"], name="imported_once"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.wp_id} from {self.source}"
