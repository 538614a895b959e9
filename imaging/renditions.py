"""Resized copies made once at upload, and their use in pages."""

import logging
from pathlib import PurePosixPath
from typing import Any, Literal, TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage
from django.db import transaction
from django.db.models.fields.files import FieldFile
from PIL import Image
from sorl.thumbnail.engines.pil_engine import Engine

from imaging.colour import normalise
from imaging.uploads import open_first_frame

logger = logging.getLogger(__name__)

RENDITION_QUALITY = {"webp": 80, "jpeg": 82}
RENDITION_EXTENSIONS = {"webp": "webp", "jpeg": "jpg"}
FALLBACK_MAX_WIDTH = 1280
WEBP_MAX_SIDE = 16383

RenditionFormat = Literal["webp", "jpeg"]

#: The picture as uploaded, uncropped.
ORIGINAL = "original"
#: The crops made besides it, as width:height, each around the focal point:
#: 16:9 for a story's lead, 4:3 for cards, 1:1 for writers and social previews.
CROPS = {"16:9": (16, 9), "4:3": (4, 3), "1:1": (1, 1)}
PHOTO_RATIOS = (ORIGINAL, *CROPS)
AUTHOR_RATIOS = (ORIGINAL, "1:1")
CENTRE = (0.5, 0.5)


class Rendition(TypedDict):
    format: RenditionFormat
    width: int
    height: int
    name: str
    bytes: int
    #: ORIGINAL or a key of CROPS (renditions made before crops have none).
    ratio: str


def rendition_widths() -> list[int]:
    """Widths of the resized copies, ascending (``NEWSROOM_RENDITION_WIDTHS``)."""
    widths = settings.NEWSROOM_RENDITION_WIDTHS
    return sorted({int(width) for width in widths if int(width) > 0})


# --- renditions -----------------------------------------------------------------


class _Sink:
    """Collects what sorl's engine writes, which it expects to be a file."""

    def __init__(self) -> None:
        self.data = b""

    def write(self, data: bytes) -> None:
        self.data = data


_ENGINE = Engine()
_ENGINE_OPTIONS: dict[str, Any] = {
    "cropbox": None,
    "crop": False,
    "upscale": False,
    "rounded": None,
    "padding": False,
    "padding_color": "#ffffff",
    # Orientation and colour were settled by normalise(); sorl must not redo it.
    "orientation": False,
    "colorspace": "RGB",
    "image_info": {},
    "progressive": True,
}


def widths_for(original_width: int) -> list[int]:
    """The configured widths smaller than the original, and the original's own
    when it is narrower than the widest: a 1,250 px crop gets a 1,250 px copy,
    not only a 960 px one."""
    widths = rendition_widths()
    smaller = [w for w in widths if w < original_width]
    if not widths or original_width <= widths[-1]:
        smaller.append(original_width)
    return smaller


def crop_box(
    size: tuple[int, int], ratio: tuple[int, int], focal: tuple[float, float]
) -> tuple[int, int, int, int]:
    """The largest box of `ratio` inside an image of `size`, centred on the
    focal point (fractions of width and height) as far as the edges allow,
    so the point is always inside it."""
    width, height = size
    across, down = ratio
    if width * down > height * across:  # wider than the ratio: full height
        box_w, box_h = max(1, round(height * across / down)), height
    else:
        box_w, box_h = width, max(1, round(width * down / across))
    left = min(max(round(focal[0] * width - box_w / 2), 0), width - box_w)
    top = min(max(round(focal[1] * height - box_h / 2), 0), height - box_h)
    return left, top, left + box_w, top + box_h


def of_ratio(renditions: list[Rendition], ratio: str) -> list[Rendition]:
    """The renditions cropped to `ratio`; the original's when there are none
    (a picture stored before crops were made)."""
    chosen = [r for r in renditions if r.get("ratio", ORIGINAL) == ratio]
    if chosen or ratio == ORIGINAL:
        return chosen
    return of_ratio(renditions, ORIGINAL)


def make_renditions(
    image_field_file: FieldFile,
    *,
    focal: tuple[float, float] = CENTRE,
    ratios: tuple[str, ...] = PHOTO_RATIOS,
) -> list[Rendition]:
    """Make and store resized WebP and JPEG copies of a stored image.

    For each of `ratios`: the original, or its crop to that ratio around the
    `focal` point (crop_box). One copy per width of ``widths_for`` the crop's
    width, each as WebP and as JPEG, saved with the image's storage as
    ``renditions/<original stem>-<width>.webp|jpg`` (the original) or
    ``renditions/<stem>-16x9-<width>.webp|jpg`` (a crop). JPEG copies of
    transparent images get a white background; no copy carries metadata.
    Returns ``[{"format", "width", "height", "name", "bytes", "ratio"}, ...]``.
    An original that fails ``clean_upload``'s checks raises ``ValidationError``.

    Resizing and encoding use sorl-thumbnail's PIL engine directly:
    ``get_thumbnail`` needs ``sorl.thumbnail`` in INSTALLED_APPS (its key-value
    store is a model) and names files by hash, not by our rule.
    """
    storage = image_field_file.storage
    stem = PurePosixPath(image_field_file.name).stem
    with image_field_file.open("rb") as stored:
        data = stored.read()
    # Decoding a big JPEG at reduced scale saves most of the work. One pixel more
    # than the widest rendition keeps "width < picture width" true for the drafted
    # picture exactly when it is true for the original.
    widest = max(rendition_widths(), default=0)
    picture = normalise(
        open_first_frame(data, draft_box=widest + 1 if widest else None)
    )
    made: list[Rendition] = []
    try:
        for ratio in ratios:
            if ratio == ORIGINAL:
                cropped, name = picture, stem
            else:
                box = crop_box(picture.size, CROPS[ratio], focal)
                cropped, name = picture.crop(box), f"{stem}-{ratio.replace(':', 'x')}"
            for width in widths_for(cropped.width):
                for rendition in _save_width(cropped, width, name, storage):
                    made.append({**rendition, "ratio": ratio})
    except Exception:
        delete_renditions(made, storage)  # leave no half-made set behind
        raise
    finally:
        picture.close()
    return made


def _save_width(
    picture: Image.Image, width: int, stem: str, storage: Storage
) -> list[Rendition]:
    """Resize ``picture`` to ``width`` once, then store it as WebP and as JPEG."""
    options = {**_ENGINE_OPTIONS, "format": "WEBP"}
    # A geometry as tall as any image makes the width alone decide the scale.
    resized = _ENGINE.create(picture, (width, 1_000_000), options)
    renditions: list[Rendition] = []
    # WebP cannot hold a side longer than 16383 pixels; JPEG alone serves then.
    formats = ("webp", "jpeg") if max(resized.size) <= WEBP_MAX_SIDE else ("jpeg",)
    for fmt in formats:
        sink = _Sink()
        write_options = {
            **options,
            "format": fmt.upper(),
            "quality": RENDITION_QUALITY[fmt],
        }
        _ENGINE.write(resized, write_options, sink)
        name = storage.save(
            f"renditions/{stem}-{width}.{RENDITION_EXTENSIONS[fmt]}",
            ContentFile(sink.data),
        )
        renditions.append(
            {
                "format": fmt,
                "width": resized.width,
                "height": resized.height,
                "name": name,
                "bytes": len(sink.data),
            }
        )
    return renditions


def delete_renditions(renditions: list[Rendition], storage: Storage) -> None:
    """Delete every rendition file; files already gone are not an error."""
    for rendition in renditions:
        storage.delete(rendition["name"])


def srcset(
    renditions: list[Rendition],
    fmt: RenditionFormat,
    storage: Storage,
    ratio: str = ORIGINAL,
) -> str:
    """The ``srcset`` value for one format and ratio: ``"url 320w, url 640w"``,
    narrowest first; empty when there is no rendition in that format."""
    chosen = sorted(
        (r for r in of_ratio(renditions, ratio) if r["format"] == fmt),
        key=lambda r: r["width"],
    )
    return ", ".join(f"{storage.url(r['name'])} {r['width']}w" for r in chosen)


def fallback(
    renditions: list[Rendition],
    storage: Storage,
    ratio: str = ORIGINAL,
    max_width: int = FALLBACK_MAX_WIDTH,
) -> dict[str, Any]:
    """The ``<img src>`` choice in `ratio`: the widest JPEG rendition at most
    `max_width` pixels wide (the narrowest JPEG if all are wider), as
    ``{"url", "width", "height", "bytes", "name"}``; an empty dict when there
    is no JPEG rendition."""
    jpegs = [r for r in of_ratio(renditions, ratio) if r["format"] == "jpeg"]
    if not jpegs:
        return {}
    small_enough = [r for r in jpegs if r["width"] <= max_width]
    if small_enough:
        chosen = max(small_enough, key=lambda r: r["width"])
    else:
        chosen = min(jpegs, key=lambda r: r["width"])
    return {
        "url": storage.url(chosen["name"]),
        "width": chosen["width"],
        "height": chosen["height"],
        "bytes": chosen.get("bytes", 0),
        "name": chosen["name"],
    }


# --- wiring -----------------------------------------------------------------------


def refresh_renditions(
    instance,
    field: str,
    attr: str,
    *,
    focal: tuple[float, float] = CENTRE,
    ratios: tuple[str, ...] = PHOTO_RATIOS,
) -> list[Rendition]:
    """Make the renditions of `instance.<field>` and record them in `<attr>`.

    Called right after an upload is saved (admin, demo loader: every ratio),
    or by the task worker when a photo's focal point moves (the crops only);
    never while a reader waits. Renditions in other `ratios` are kept; those
    replaced are deleted once the transaction commits, so a rolled-back
    change leaves the stored list's files in place.
    """
    image = getattr(instance, field)
    old = getattr(instance, attr) or []
    new: list[Rendition] = []
    if image:
        try:
            new = make_renditions(image, focal=focal, ratios=ratios)
        except (OSError, ValueError, ValidationError):
            logger.exception("Could not make renditions of %s", image.name)
    kept = [r for r in old if r.get("ratio", ORIGINAL) not in ratios]
    names = {rendition["name"] for rendition in [*kept, *new]}
    replaced = [r for r in old if r["name"] not in names]
    storage = image.storage
    transaction.on_commit(lambda: delete_renditions(replaced, storage))
    renditions = [*kept, *new]
    type(instance).objects.filter(pk=instance.pk).update(**{attr: renditions})
    setattr(instance, attr, renditions)
    return renditions


def is_stored(name: str, storage: Storage) -> bool:
    """Whether a file is really there. Checked only on local disk, where it is a
    cheap stat; remote storages are trusted rather than asked on every page."""
    if isinstance(storage, FileSystemStorage):
        return storage.exists(name)
    return True
