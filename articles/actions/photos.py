"""Saving a library photo, and its follow-up: the worker crops it again
around a moved focal point and renews the stories showing it."""

import logging

from django.contrib.auth import get_user_model
from django.tasks import task

import imaging
from articles import permissions
from articles.actions.records import SHOWN_ON, RecordAction
from articles.models import Photo

logger = logging.getLogger(__name__)


class SavePhoto(RecordAction):
    name, label, model = "save_photo", "Save photo", Photo
    shown_on = SHOWN_ON[Photo]

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
            imaging.refresh_renditions(
                record, "image", "renditions", focal=record.focal
            )
        elif self.did_change("focal_x") or self.did_change("focal_y"):
            # New crops take a few seconds: the worker makes them, and then
            # renews the pages showing them (RecropPhoto).
            recrop_photo.enqueue(record.pk, getattr(change.by, "pk", None))


class RecropPhoto(RecordAction):
    """Crop a photo again around its focal point as stored now, and renew the
    stories showing it: the task worker finishing a SavePhoto that was
    allowed (its person may since have lost the right, or left)."""

    name, label, model = "recrop_photo", "Crop again", Photo
    audited = False  # the worker finishing a SavePhoto, which was logged
    shown_on = SHOWN_ON[Photo]

    def permits(self, user):
        return True  # SavePhoto asked articles.permissions when it was saved

    def prepare(self):
        self.record.refresh_from_db()

    def apply(self, record, change):
        imaging.refresh_renditions(
            record,
            "image",
            "renditions",
            focal=record.focal,
            ratios=tuple(imaging.CROPS),
        )


@task
def recrop_photo(photo_pk, user_pk):
    """Make a photo's crops again around its new focal point, as the person
    who moved it (RecropPhoto)."""
    photo = Photo.objects.filter(pk=photo_pk).first()
    if photo is None:
        logger.info("Photo %s is gone; no crops to make", photo_pk)
        return
    user = get_user_model().objects.filter(pk=user_pk).first()
    RecropPhoto(photo).execute(by=user)
