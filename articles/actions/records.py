"""Changes to the library records stories show besides themselves:
authors, sections, photos (and quoted posts, actions.embeds). Each gives
new card versions to the stories whose cards show the record, re-indexes
those whose searchable text moves, and touches the keys of every page
showing it."""

from typing import ClassVar

from django.db import IntegrityError

import caching
import imaging
from articles import keys, permissions
from articles.actions.base import Action, ActionError, clean
from articles.models import Article, Author, Photo, Section

#: Where stories show a record of each kind: their cards and stored pages
#: hold what it says.
SHOWN_ON = {
    Author: ("bylines__author", "credits__author", "live_updates__authors"),
    Section: ("section",),
    Photo: ("lead_photo", "gallery__photo", "live_updates__photo", "inline_photos"),
}


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

    #: The stories whose cards and pages show a record of this kind (see
    #: SHOWN_ON), and which of its fields they show (None: all of them): a
    #: change to one of those renews their stored cards and pages.
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
        change.touch(keys.record(record), caching.MISSING)
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
    shown_on = SHOWN_ON[Author]
    shown_fields = ("name", "slug", "picture", "job_title", "website", "social_handle")

    def apply(self, record, change):
        super().apply(record, change)
        change.touch(keys.AUTHORS, keys.SITEMAPS)
        if self.did_change("picture"):
            imaging.refresh_renditions(
                record, "picture", "picture_renditions", ratios=imaging.AUTHOR_RATIOS
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
    shown_on, shown_fields = SHOWN_ON[Section], ("name", "slug")

    def apply(self, record, change):
        super().apply(record, change)
        change.touch(keys.NAV, keys.SITEMAPS, keys.SEARCH)


class DeleteRecord(RecordAction):
    """Delete an author, section or photo (the database refuses an author or
    section that stories still use)."""

    name, label = "delete_record", "Delete"

    def __init__(self, record):
        super().__init__(record)
        self.model = type(record)
        self.shown_on = SHOWN_ON[self.model]

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
