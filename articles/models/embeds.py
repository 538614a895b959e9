from django.db import models


class Embed(models.Model):
    """A post or video a story quotes, kept as static parts (articles.embeds):
    readers' browsers never ask the provider for them."""

    class Status(models.TextChoices):
        PENDING = "pending", "Not fetched yet"
        FETCHED = "fetched", "Fetched"
        FAILED = "failed", "Provider failed"

    url = models.URLField("address", max_length=500, unique=True)
    provider = models.CharField("provider", max_length=20)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PENDING
    )
    author_name = models.CharField(max_length=200, blank=True)
    author_url = models.URLField(max_length=500, blank=True)
    title = models.CharField(max_length=300, blank=True)
    text = models.TextField(blank=True)
    published = models.CharField("date", max_length=60, blank=True)
    thumbnail = models.ImageField(upload_to="embeds/%Y/%m/", blank=True)
    thumbnail_renditions = models.JSONField(default=list, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    articles = models.ManyToManyField("articles.Article", related_name="embeds")

    class Meta:
        verbose_name = "embedded post"
        verbose_name_plural = "embedded posts"

    def __str__(self):
        return self.url
