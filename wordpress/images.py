"""An export's images as library photos: found in a copy of the site's
uploads folder by their attachment or their address, checked by the upload
pipeline, made once each however many posts show them (and recorded, so a
second import finds them), credited to the exporting site."""

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File

import imaging
from articles import actions
from articles.models import Photo
from articles.text import plain
from wordpress.models import ImportedItem

#: WordPress's resized copies: photo-1024x683.jpg is photo.jpg made smaller.
RESIZED = re.compile(r"-\d+x\d+(?=\.\w+$)")


def title(text):
    return plain(text)[:200] or "Untitled"


class Images:
    """The images of one run (`report` collects what happened, `made` the
    photos made in the post being imported, whose files go if it fails)."""

    def __init__(self, report, uploads):
        self.report, self.export = report, report.export
        self.base = Path(uploads).resolve() if uploads else None
        self.by_file = {a.file: a for a in self.export.attachments.values() if a.file}
        self.made = []

    def photo(self, name, *, attachment=None, src="", alt="", by, what="image"):
        """The library photo for an attachment id or an uploads address, made
        if need be; None (with a line in the report saying why) when it is
        not in the export, not in the uploads folder or refused."""
        record = self.export.attachments.get(attachment) if attachment else None
        relative = record.file if record and record.file else self._relative(src)
        if record is None and relative:
            record = self.by_file.get(relative) or self.by_file.get(
                RESIZED.sub("", relative)
            )
            relative = record.file if record else relative
        key = record.wp_id if record else relative
        if not key:
            self.report.note(
                "missing", name, f"{what} {src or attachment} not in export"
            )
            return None
        if key in self.report.photos:
            return self.report.photos[key]
        if record is not None:
            known = ImportedItem.objects.filter(
                source=self.export.site,
                kind=ImportedItem.Kind.ATTACHMENT,
                wp_id=record.wp_id,
            ).first()
            if known and known.photo:
                self.report.photos[key] = known.photo
                return known.photo
        found = self._file(relative) or self._file(RESIZED.sub("", relative or ""))
        if found is None:
            self.report.note(
                "missing", name, f"{what} {relative} not in the uploads folder"
            )
            return None
        try:
            with found.open("rb") as handle:
                cleaned = imaging.clean_upload(File(handle))
        except ValidationError as error:
            self.report.note("refused", name, f"{relative}: {' '.join(error.messages)}")
            return None
        photo = Photo(
            alt_text=title(
                alt or (record and (record.alt or record.title)) or relative
            ),
            caption=title(record.caption)[:300] if record and record.caption else "",
            credit=self.export.title[:120] or "Archive",
        )
        photo.image.save(cleaned.name, cleaned, save=False)
        self.made.append((key, photo))
        actions.SavePhoto(photo).execute(by=by)
        self.report.photos[key] = photo
        if record is not None:
            # The record stays when its photo is deleted here: it points anew.
            ImportedItem.objects.update_or_create(
                source=self.export.site,
                kind=ImportedItem.Kind.ATTACHMENT,
                wp_id=record.wp_id,
                defaults={"photo": photo},
            )
        return photo

    def forget_made(self):
        """The post's transaction rolled back: its photos' files go too."""
        for key, photo in self.made:
            imaging.delete_renditions(photo.renditions, photo.image.storage)
            photo.image.storage.delete(photo.image.name)
            self.report.photos.pop(key, None)
        self.made = []

    @staticmethod
    def _relative(src):
        """The path under uploads/ an image address names, or ""."""
        path = unquote(urlsplit(src or "").path)
        marker = "/wp-content/uploads/"
        return path.split(marker, 1)[1] if marker in path else ""

    def _file(self, relative):
        if not self.base or not relative:
            return None
        found = (self.base / relative).resolve()
        if not found.is_relative_to(self.base) or not found.is_file():
            return None
        return found
