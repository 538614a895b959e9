from django.db import models


class SlugRedirect(models.Model):
    """An address a published story used to have; it answers 301 to the story."""

    old_slug = models.SlugField(
        "old slug",
        max_length=200,
        unique=True,
        help_text="No story may take this slug while the redirect exists.",
    )
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="old_slugs"
    )
    created_at = models.DateTimeField("created at", auto_now_add=True)

    class Meta:
        verbose_name = "slug redirect"
        verbose_name_plural = "slug redirects"

    def __str__(self):
        return f"{self.old_slug} → {self.article.slug}"
