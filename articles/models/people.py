from django.conf import settings
from django.db import models
from django.urls import reverse

from articles.models.queries import AuthorQuerySet
from articles.text import CleanTextMixin
from articles.validators import social_handle, web_url


class Author(CleanTextMixin, models.Model):
    """A person or service that writes; guests and wire services have no login."""

    name = models.CharField("name", max_length=120)
    slug = models.SlugField("slug", max_length=120, unique=True)
    picture = models.ImageField(
        "picture",
        upload_to="authors/",
        width_field="picture_width",
        height_field="picture_height",
        blank=True,
        help_text="The writer's picture shown in bylines and on the profile.",
    )
    picture_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    picture_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    picture_renditions = models.JSONField(
        "picture renditions", default=list, editable=False
    )
    job_title = models.CharField("job title", max_length=120, blank=True)
    bio = models.TextField("short bio", max_length=600, blank=True)
    website = models.URLField("website", blank=True, validators=[web_url])
    social_handle = models.CharField(
        "X/social handle", max_length=31, blank=True, validators=[social_handle]
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="login",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
        help_text="Leave empty for guests and wire services.",
    )

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "author"
        verbose_name_plural = "authors"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})

    @property
    def initials(self):
        return "".join(part[0] for part in self.name.split()[:2]).upper()


class Section(CleanTextMixin, models.Model):
    """A desk of the newsroom (World, Politics, Business…)."""

    name = models.CharField("name", max_length=80, unique=True)
    slug = models.SlugField("slug", max_length=80, unique=True)
    description = models.TextField("description", max_length=400, blank=True)
    position = models.PositiveIntegerField(
        "position", default=0, help_text="Sections are listed in this order."
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "section"
        verbose_name_plural = "sections"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})
