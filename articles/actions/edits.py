"""Changes to a story's content: save, restore a revision, delete.

State changes live in articles.actions.transitions; these save what editors
type, bring back an earlier revision and remove a story, with the same
permission checks and the same commit step.
"""

from django.db.models import Max

from articles import permissions
from articles.actions.base import ConcurrentEdit, clean
from articles.actions.body import keep_body_records
from articles.actions.embeds import quote_posts
from articles.actions.stories import StoryAction
from articles.actions.story_parts import StoryParts
from articles.models import (
    Article,
    GalleryPhoto,
    Photo,
    Revision,
    Section,
    SlugRedirect,
)


def remember_old_slug(old_slug, article):
    """A published story keeps answering at every address it has had."""
    if old_slug == article.slug:
        return
    SlugRedirect.objects.filter(old_slug=article.slug).delete()
    if article.first_published_at is not None:
        SlugRedirect.objects.update_or_create(
            old_slug=old_slug, defaults={"article": article}
        )


class SaveEdit(StoryAction):
    """Save a new story, or edits made from `base_version`, refusing if anyone
    saved since. `article` carries the new field values; `parts` (anything
    with `write(article)`, such as StoryParts) writes its related rows.

    Status and publication times are never taken from `article`: they move
    only through transitions.
    """

    name, label = "save", "Save"

    def __init__(self, article, *, base_version=None, parts=None):
        super().__init__(article)
        self.base_version = base_version
        self.parts = parts
        self.creating = article.pk is None
        self.stored = None

    @property
    def denied(self):
        if self.creating:
            return "You may not create stories."
        return "You may not change this story."

    def prepare(self):
        if not self.creating:
            self.stored = Article.objects.select_for_update().get(pk=self.article.pk)

    def tracked(self):
        return self.stored

    def permits(self, user):
        if self.creating:
            return permissions.can_create(user)
        return permissions.can_edit(user, self.stored)

    def validate(self):
        # Inside the transaction, on the locked row: of two saves from the
        # same version exactly one gets through.
        if not self.creating and self.stored.version != self.base_version:
            raise ConcurrentEdit("The story was saved by someone else meanwhile.")

    def perform(self, change):
        article, stored = self.article, self.stored
        if self.creating:
            article.created_by = change.by
            article.status = Article.Status.DRAFT
            article.publish_at = article.first_published_at = None
            article.version = 0  # the commit step makes it 1
        else:
            for field in ["status", "publish_at", "first_published_at"]:
                setattr(article, field, getattr(stored, field))
            article.created_by_id, article.version = (
                stored.created_by_id,
                stored.version,
            )
        clean(article)
        article.save()
        if stored is not None:
            remember_old_slug(stored.slug, article)
        if self.parts is not None:
            self.parts.write(article)
        keep_body_records(article)
        quote_posts(article)
        kind = Revision.Kind.CREATED if self.creating else Revision.Kind.EDITED
        change.revise(article, kind=kind)
        return article


def _existing(model, pk):
    return pk if pk is not None and model.objects.filter(pk=pk).exists() else None


class RestoreRevision(StoryAction):
    """Bring back an earlier revision's content as a new revision.

    Restoring never publishes: status and publication times stay as they are.
    What was deleted since (an author, a section, a photo) cannot come back.
    """

    name, label = "restore_revision", "Restore this revision"
    denied = "You may not change this story."

    def __init__(self, revision):
        super().__init__(revision.article)
        self.revision = revision

    def permits(self, user):
        return permissions.can_edit(user, self.article)

    def perform(self, change):
        article, snap = self.article, self.revision.snapshot
        for field in ["headline", "dek", "body"]:
            setattr(article, field, snap[field])
        old_slug = article.slug
        taken = Article.objects.filter(slug=snap["slug"]).exclude(pk=article.pk)
        redirected = SlugRedirect.objects.filter(old_slug=snap["slug"]).exclude(
            article=article
        )
        if not taken.exists() and not redirected.exists():
            article.slug = snap["slug"]
        article.section_id = _existing(Section, snap["section"])
        article.lead_photo_id = _existing(Photo, snap["lead_photo"])
        article.save()
        StoryParts.from_snapshot(snap).write(article)
        keep_body_records(article)
        quote_posts(article)
        remember_old_slug(old_slug, article)
        change.revise(
            article,
            kind=Revision.Kind.RESTORED,
            message=f"Restored revision #{self.revision.number}",
        )
        return article


class AddToGallery(StoryAction):
    """Add library photos to the end of a story's gallery (many uploaded at
    once, desk.admin.gallery_upload)."""

    name, label = "add_to_gallery", "Add to the gallery"
    denied = "You may not change this story."

    def __init__(self, article, photos):
        super().__init__(article)
        self.photos = photos

    def permits(self, user):
        return permissions.can_edit(user, self.article)

    def details(self):
        return {"gallery": {"added": [str(photo) for photo in self.photos]}}

    def perform(self, change):
        article = self.article
        last = article.gallery.aggregate(last=Max("position"))["last"]
        start = 0 if last is None else last + 1
        GalleryPhoto.objects.bulk_create(
            GalleryPhoto(article=article, photo=photo, position=start + n)
            for n, photo in enumerate(self.photos)
        )
        change.revise(
            article,
            kind=Revision.Kind.EDITED,
            message=f"Added {len(self.photos)} photos to the gallery",
        )
        return article


class DeleteStory(StoryAction):
    """Remove a story for good (editors): off every page and out of search."""

    name, label = "delete", "Delete"
    denied = "You may not delete stories."
    refreshes = False

    def permits(self, user):
        return permissions.can_delete(user)

    def perform(self, change):
        change.remove(self.article)
        self.article.delete()
