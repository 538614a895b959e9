"""Changes to what stories show besides themselves: tags, authors, sections,
photos. Each re-indexes the stories whose searchable text moves, gives new
card versions to the stories whose cards show the record, and touches the
keys of every page showing it."""

from typing import ClassVar

from django.db import IntegrityError
from django.utils.text import slugify
from taggit.models import Tag

from articles import media, permissions, tasks
from articles.actions.base import Action, ActionError, clean
from articles.caching import keys
from articles.models import (
    Article,
    Author,
    Embed,
    Photo,
    Section,
    TaggedArticle,
    TagRedirect,
)


def _tagged(tags):
    """Ids of the stories carrying any of `tags`."""
    return set(
        TaggedArticle.objects.filter(tag__in=tags).values_list(
            "content_object", flat=True
        )
    )


class TagAction(Action):
    denied = "Only editors manage tags."

    def permits(self, user):
        return permissions.can_manage(user, Tag, "change")

    def subject(self):
        return getattr(self, "tag", None)

    def touch(self, change, tags, stories):
        """Every page showing these tags, and their lists; search finds their
        stories by the new names."""
        change.reindex(stories)
        change.recard(stories)
        change.touch(keys.SEARCH, keys.SITEMAPS, keys.MISSING)
        for tag in tags:
            change.touch(keys.record(tag), keys.listing("tag", tag.pk))
        change.touch(*(keys.story(pk) for pk in stories))


class SaveTag(TagAction):
    """Create a tag, or rename one (name and slug). A renamed tag's old
    address answers 301 to the new one, as a merged tag's addresses do.

    `tag` may carry the new values already (an admin form's instance); the
    stored slug is read again in the transaction."""

    name, label = "save_tag", "Save tag"

    def __init__(self, tag, *, name=None, slug=None):
        super().__init__()
        self.tag = tag
        self.new_name = " ".join((tag.name if name is None else name).split())
        self.new_slug = (slug if slug is not None else tag.slug) or slugify(
            self.new_name, allow_unicode=True
        )
        self.old_slug = None

    def permits(self, user):
        action = "add" if self.tag.pk is None else "change"
        return permissions.can_manage(user, Tag, action)

    def prepare(self):
        if self.tag.pk is not None:
            self.old_slug = Tag.objects.get(pk=self.tag.pk).slug

    def validate(self):
        if not self.new_name or not self.new_slug:
            raise ActionError("A tag needs a name with at least one letter or digit.")
        others = Tag.objects.exclude(pk=self.tag.pk)
        clash = (
            others.filter(name__iexact=self.new_name).first()
            or others.filter(slug=self.new_slug).first()
        )
        if clash is not None:
            raise ActionError(
                f"A tag called “{clash.name}” exists already: merge the two instead."
            )

    def perform(self, change):
        tag = self.tag
        tag.name, tag.slug = self.new_name, self.new_slug
        tag.save()
        TagRedirect.objects.filter(old_slug=tag.slug).delete()
        if self.old_slug not in (None, tag.slug):
            TagRedirect.objects.update_or_create(
                old_slug=self.old_slug, defaults={"tag": tag}
            )
        self.touch(change, [tag], _tagged([tag]))
        return tag


class MergeTags(TagAction):
    """Fold `tags` into `into`: their stories carry `into` instead, they are
    deleted, and their addresses answer 301 to `into`'s page."""

    name, label = "merge_tags", "Merge tags"

    def __init__(self, tags, *, into):
        super().__init__()
        self.into = into
        self.tags = [tag for tag in tags if tag.pk != into.pk]

    def permits(self, user):
        return super().permits(user) and permissions.can_manage(user, Tag, "delete")

    def subject(self):
        return self.into

    def details(self):
        return {"merged": sorted(tag.name for tag in self.tags)}

    def validate(self):
        if not self.tags:
            raise ActionError("Choose at least one other tag to merge.")

    def perform(self, change):
        stories = _tagged(self.tags)
        already = _tagged([self.into])
        TaggedArticle.objects.bulk_create(
            TaggedArticle(content_object_id=pk, tag=self.into)
            for pk in stories - already
        )
        Article.objects.filter(pk__in=stories - already).copy_publish_at()
        for tag in self.tags:
            TagRedirect.objects.filter(tag=tag).update(tag=self.into)
            TagRedirect.objects.update_or_create(
                old_slug=tag.slug, defaults={"tag": self.into}
            )
        self.touch(change, [*self.tags, self.into], stories)
        Tag.objects.filter(pk__in=[tag.pk for tag in self.tags]).delete()
        return self.into


class DeleteTag(TagAction):
    """Take a tag off every story and delete it; its address answers 404."""

    name, label = "delete_tag", "Delete tag"

    def __init__(self, tag):
        super().__init__()
        self.tag = tag

    def permits(self, user):
        return permissions.can_manage(user, Tag, "delete")

    def perform(self, change):
        self.touch(change, [self.tag], _tagged([self.tag]))
        self.tag.delete()


class RecordAction(Action):
    """Save or delete an author, section or photo shown on readers' pages."""

    model: ClassVar[type]

    def __init__(self, record, *, changed=None):
        super().__init__()
        self.record = record
        #: The form fields that changed; None when unknown (all may have).
        self.changed = changed

    @property
    def denied(self):
        return f"You may not change this {self.model._meta.verbose_name}."

    def subject(self):
        return self.record

    def did_change(self, field):
        return self.changed is None or field in self.changed

    def permits(self, user):
        action = "add" if self.record.pk is None else "change"
        return permissions.can_manage(user, self.model, action)

    #: The stories whose cards and pages show a record of this kind, and
    #: which of its fields they show (None: all of them): a change to one of
    #: those renews their stored cards and pages (articles.cards,
    #: articles.story_pages).
    shown_on: ClassVar[tuple] = ()
    shown_fields: ClassVar[tuple | None] = None

    def shows_change(self):
        fields = self.shown_fields
        return fields is None or any(self.did_change(field) for field in fields)

    def perform(self, change):
        record = self.record
        if record.pk is not None and self.shown_on and self.shows_change():
            # Read before `apply`: a deleted photo leaves its stories.
            shown = set()
            for lookup in self.shown_on:
                stories = Article.objects.filter(**{lookup: record})
                shown.update(stories.values_list("pk", flat=True))
            change.recard(shown)
        self.apply(record, change)
        change.touch(keys.record(record), keys.MISSING)
        return record

    def apply(self, record, change):
        clean(record)
        try:
            record.save()
        except IntegrityError as error:
            raise ActionError(str(error)) from error


class SaveAuthor(RecordAction):
    name, label, model = "save_author", "Save author", Author
    # Cards show the name; a story's byline and JSON-LD the rest but the bio.
    shown_on = ("bylines__author", "credits__author", "live_updates__authors")
    shown_fields = ("name", "slug", "picture", "job_title", "website", "social_handle")

    def apply(self, record, change):
        super().apply(record, change)
        change.touch(keys.AUTHORS, keys.SITEMAPS)
        if self.did_change("picture"):
            media.refresh_renditions(
                record, "picture", "picture_renditions", ratios=media.AUTHOR_RATIOS
            )
        if self.did_change("name"):
            change.reindex(
                Article.objects.filter(bylines__author=record).values_list(
                    "pk", flat=True
                )
            )


class SaveSection(RecordAction):
    """Sections are in every page's navigation: a change touches them all."""

    name, label, model = "save_section", "Save section", Section
    shown_on, shown_fields = ("section",), ("name", "slug")

    def apply(self, record, change):
        super().apply(record, change)
        change.touch(keys.NAV, keys.SITEMAPS, keys.SEARCH)


class SavePhoto(RecordAction):
    name, label, model = "save_photo", "Save photo", Photo
    shown_on = ("lead_photo", "gallery__photo", "live_updates__photo")

    def permits(self, user):
        if self.record.pk is None:
            return permissions.can_manage(user, Photo, "add")
        return permissions.can_edit_photo(user, self.record)

    def perform(self, change):
        if self.record.pk is None:
            self.record.uploaded_by = change.by
        return super().perform(change)

    def apply(self, record, change):
        super().apply(record, change)
        if self.did_change("image"):
            media.refresh_renditions(record, "image", "renditions", focal=record.focal)
        elif self.did_change("focal_x") or self.did_change("focal_y"):
            # New crops take a few seconds: the worker makes them, and then
            # renews the pages showing them (RecropPhoto).
            tasks.recrop_photo.enqueue(record.pk, getattr(change.by, "pk", None))


class RecropPhoto(RecordAction):
    """Crop a photo again around its focal point as stored now, and renew the
    stories showing it: the task worker finishing a SavePhoto that was
    allowed (its person may since have lost the right, or left)."""

    name, label, model = "recrop_photo", "Crop again", Photo
    audited = False  # the worker finishing a SavePhoto, which was logged
    shown_on = ("lead_photo", "gallery__photo", "live_updates__photo")

    def permits(self, user):
        return True  # SavePhoto asked articles.permissions when it was saved

    def prepare(self):
        self.record.refresh_from_db()

    def apply(self, record, change):
        media.refresh_renditions(
            record, "image", "renditions", focal=record.focal, ratios=tuple(media.CROPS)
        )


class RenewEmbed(RecordAction):
    """The worker fetched a quoted post (articles.embeds): the stories
    quoting it show its card now."""

    name, label, model = "renew_embed", "Renew quoted post", Embed
    audited = False  # the worker finishing a story's save, which was logged
    shown_on = ("embeds",)

    def permits(self, user):
        return True  # follows a story's save, which was allowed

    def apply(self, record, change):
        for pk in record.articles.values_list("pk", flat=True):
            change.touch(keys.story(pk))


class DeleteRecord(RecordAction):
    """Delete an author, section or photo (the database refuses an author or
    section that stories still use)."""

    name, label = "delete_record", "Delete"

    def __init__(self, record):
        super().__init__(record)
        self.model = type(record)
        saved_by = {Author: SaveAuthor, Section: SaveSection, Photo: SavePhoto}
        self.shown_on = saved_by[self.model].shown_on

    def permits(self, user):
        return permissions.can_manage(user, self.model, "delete")

    def apply(self, record, change):
        if isinstance(record, Photo):
            for pk in record.lead_of.values_list("pk", flat=True):
                change.touch(keys.story(pk), keys.card(pk))
        if isinstance(record, Section):
            change.touch(keys.NAV, keys.SITEMAPS, keys.SEARCH)
        if isinstance(record, Author):
            change.touch(keys.AUTHORS, keys.SITEMAPS)
        pk = record.pk
        record.delete()
        record.pk = pk
