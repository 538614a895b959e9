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


class TagRedirect(models.Model):
    """A tag address that was renamed or merged away; it answers 301 to the
    tag's page now. A deleted tag takes its redirects with it (then 404)."""

    old_slug = models.SlugField(
        "old slug", max_length=100, unique=True, allow_unicode=True
    )
    tag = models.ForeignKey(
        "taggit.Tag", on_delete=models.CASCADE, related_name="old_slugs"
    )
    created_at = models.DateTimeField("created at", auto_now_add=True)

    class Meta:
        verbose_name = "tag redirect"
        verbose_name_plural = "tag redirects"

    def __str__(self):
        return f"{self.old_slug} → {self.tag.slug}"
