from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager

from articles.body import BODY_EXTENSIONS
from articles.models.credits import Credit
from articles.models.queries import ArticleQuerySet, Status
from articles.models.redirects import SlugRedirect
from articles.text import CleanTextMixin


class Article(CleanTextMixin, models.Model):
    """One news story."""

    Status = Status

    headline = models.CharField("headline", max_length=200)
    slug = models.SlugField(
        "slug",
        max_length=200,
        unique=True,
        help_text="The story's address, /articles/this-slug/. Unique.",
    )
    dek = models.TextField(
        "dek",
        max_length=400,
        blank=True,
        help_text="The standfirst under the headline.",
    )
    body = ProseEditorField(
        "body", config={"extensions": BODY_EXTENSIONS}, sanitize=True, blank=True
    )
    section = models.ForeignKey(
        "articles.Section",
        verbose_name="section",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    authors = models.ManyToManyField(
        "articles.Author",
        verbose_name="authors",
        through="articles.Byline",
        related_name="articles",
        blank=True,
    )
    tags = TaggableManager("tags", through="articles.TaggedArticle", blank=True)
    lead_photo = models.ForeignKey(
        "articles.Photo",
        verbose_name="lead photo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lead_of",
    )
    #: What the body shows and links to, kept from it on every save
    #: (articles.actions.body): a photo's or a linked story's change renews
    #: the stories that show it.
    inline_photos = models.ManyToManyField(
        "articles.Photo", related_name="inline_in", blank=True, editable=False
    )
    linked_stories = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="linked_from",
        blank=True,
        editable=False,
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        editable=False,
    )
    publish_at = models.DateTimeField(
        "publish at",
        null=True,
        blank=True,
        help_text="A published story is live from this moment; a future time "
        "schedules it.",
    )
    unpublish_at = models.DateTimeField(
        "unpublish at",
        null=True,
        blank=True,
        help_text="Optional: the story leaves the site at this moment.",
    )
    first_published_at = models.DateTimeField(
        "first published at", null=True, blank=True, editable=False
    )
    updated_at = models.DateTimeField(
        "updated at",
        null=True,
        blank=True,
        editable=False,
        help_text="The “Updated” time readers see; moves with corrections.",
    )
    live_coverage = models.BooleanField(
        "live story",
        default=False,
        help_text="Timestamped updates under the headline, refreshed on "
        "readers' screens.",
    )
    coverage_ended_at = models.DateTimeField(
        "coverage ended at", null=True, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="created by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField("created at", auto_now_add=True)
    modified_at = models.DateTimeField("modified at", auto_now=True)
    version = models.PositiveIntegerField(
        "version", default=1, editable=False, help_text="Bumped by every save."
    )
    card_version = models.PositiveIntegerField(
        "card version",
        default=1,
        editable=False,
        help_text="Bumped whenever the story's card changes: its own save, or a "
        "rename of its section, authors, tags or photo (articles.cards).",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = "story"
        verbose_name_plural = "stories"
        permissions = [
            ("edit_any_article", "Can open and edit every story in any state"),
            ("publish_article", "Can publish, schedule, withdraw and send back"),
            ("manage_corrections", "Can add, change and delete corrections"),
            ("manage_top_stories", "Can curate the Top Stories feed"),
            ("post_live_updates", "Can post live updates without an editor"),
        ]
        indexes = [
            # Lists read newest first (-publish_at, -id): the id in the index
            # lets the database walk it in that order and stop at the page.
            models.Index(
                fields=["status", "-publish_at", "-id"], name="article_live_idx"
            ),
            models.Index(
                fields=["section", "status", "-publish_at", "-id"],
                name="article_section_live_idx",
            ),
            # The desk's stories list: newest activity first.
            models.Index(fields=["-modified_at", "-id"], name="article_activity_idx"),
        ]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        taken = SlugRedirect.objects.filter(old_slug=self.slug)
        if self.pk:
            taken = taken.exclude(article=self)
        if self.slug and taken.exists():
            raise ValidationError(
                {"slug": "An earlier story's address redirects from this slug."}
            )

    #: What the live rule reads of a story.
    LIVE_FIELDS = ("status", "publish_at", "unpublish_at")

    @classmethod
    def live_at(cls, now, status, publish_at, unpublish_at):
        """The row form of `Article.objects.live()`: is a story with these
        LIVE_FIELDS live at `now`?"""
        return (
            status == cls.Status.PUBLISHED
            and publish_at is not None
            and publish_at <= now
            and (unpublish_at is None or unpublish_at > now)
        )

    @property
    def is_live(self):
        """The instance form of `Article.objects.live()`."""
        state = (getattr(self, field) for field in self.LIVE_FIELDS)
        return self.live_at(timezone.now(), *state)

    @property
    def is_scheduled(self):
        """Published but waiting for its `publish_at`; derived, never stored."""
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    @property
    def state_label(self):
        """The status as editors read it, with "Scheduled" and "Expired" derived."""
        if self.is_scheduled:
            return "Scheduled"
        if (
            self.status == self.Status.PUBLISHED
            and self.unpublish_at
            and self.unpublish_at <= timezone.now()
        ):
            return "Expired"
        return self.get_status_display()

    @property
    def authors_in_order(self):
        """Byline authors in byline order, from the prefetched bylines."""
        return [byline.author for byline in self.bylines.all()]

    @property
    def is_live_now(self):
        """A live story whose coverage has not ended: marked LIVE."""
        return self.live_coverage and self.coverage_ended_at is None

    @property
    def credit_lines(self):
        """The credits as ("Photos by", [credit, ...]) in the order of
        Credit.Role, from the prefetched credits."""
        by_role = {}
        for credit in self.credits.all():
            by_role.setdefault(credit.role, []).append(credit)
        return [
            (phrase, by_role[role])
            for role, phrase in Credit.PHRASES.items()
            if role in by_role
        ]

    @property
    def last_updated(self):
        """When readers should see "Updated": only after first publication."""
        if self.updated_at and self.publish_at and self.updated_at > self.publish_at:
            return self.updated_at
        return None
