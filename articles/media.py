"""The one upload pipeline for every image: lead photos and writers' pictures.

An upload goes through ``clean_upload`` (validated by content, re-encoded, renamed)
before it is stored; ``read_embedded_credits`` offers the caption and credit the
photographer embedded; ``make_renditions`` makes the resized copies once, at upload
time; ``srcset`` and ``fallback`` turn them into ``<img>`` attributes.
"""

import contextlib
import io
import logging
import re
import unicodedata
import warnings
from pathlib import PurePosixPath
from typing import IO, Any, Literal, TypedDict
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage, Storage
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageCms, ImageOps, IptcImagePlugin
from sorl.thumbnail.engines.pil_engine import Engine

logger = logging.getLogger(__name__)

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
# Image.open() wants a list or tuple, not a set.
_OPEN_FORMATS = tuple(sorted(ALLOWED_FORMATS))

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_PIXELS = 40_000_000
DEFAULT_RENDITION_WIDTHS = (320, 640, 960, 1280, 1920)

JPEG_QUALITY = 88
RENDITION_QUALITY = {"webp": 80, "jpeg": 82}
RENDITION_EXTENSIONS = {"webp": "webp", "jpeg": "jpg"}
FALLBACK_MAX_WIDTH = 1280
CAPTION_MAX_LENGTH = 300
CREDIT_MAX_LENGTH = 150

ERROR_TOO_LARGE = "file_too_large"
ERROR_FORMAT = "unsupported_format"
ERROR_PIXELS = "too_many_pixels"
ERROR_DAMAGED = "damaged_image"

MESSAGES = {
    ERROR_TOO_LARGE: (
        "The file is too large (%(size)s). Upload an image of at most %(limit)s."
    ),
    ERROR_FORMAT: (
        "Upload a JPEG, PNG, WebP or GIF image. This file is not one of those, "
        "whatever its name says."
    ),
    ERROR_PIXELS: (
        "The image has too many pixels: at most %(limit)s megapixels are accepted, "
        "counting every frame of an animation. Resize it and upload it again."
    ),
    ERROR_DAMAGED: (
        "The image file is damaged or incomplete. Export it again from the "
        "original and upload the new file."
    ),
}

RenditionFormat = Literal["webp", "jpeg"]


class Rendition(TypedDict):
    format: RenditionFormat
    width: int
    height: int
    name: str


# --- settings ---------------------------------------------------------------


def max_upload_bytes() -> int:
    """Largest upload accepted, in bytes (``NEWSROOM_UPLOAD_MAX_BYTES``)."""
    return getattr(settings, "NEWSROOM_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_upload_pixels() -> int:
    """Most pixels accepted, all frames counted (``NEWSROOM_UPLOAD_MAX_PIXELS``)."""
    return getattr(settings, "NEWSROOM_UPLOAD_MAX_PIXELS", DEFAULT_MAX_PIXELS)


def rendition_widths() -> list[int]:
    """Widths of the resized copies, ascending (``NEWSROOM_RENDITION_WIDTHS``)."""
    widths = getattr(settings, "NEWSROOM_RENDITION_WIDTHS", DEFAULT_RENDITION_WIDTHS)
    return sorted({int(width) for width in widths if int(width) > 0})


# --- validation ---------------------------------------------------------------


def _reject(code: str, **params: Any) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code, params=params or None)


def _read_limited(uploaded: File | IO[bytes], limit: int) -> bytes:
    """Read the whole upload from the start, refusing more than ``limit`` bytes.

    The declared ``size`` is checked before anything is read, and the read itself
    stops one byte past the limit, so a lying ``size`` cannot make us buffer more.
    """
    size = getattr(uploaded, "size", None)
    if size is not None and size > limit:
        raise _reject(
            ERROR_TOO_LARGE, size=filesizeformat(size), limit=filesizeformat(limit)
        )
    uploaded.seek(0)
    data = uploaded.read(limit + 1)
    uploaded.seek(0)
    if len(data) > limit:
        raise _reject(
            ERROR_TOO_LARGE, size=filesizeformat(len(data)), limit=filesizeformat(limit)
        )
    return data


def _open_first_frame(data: bytes, draft_box: int | None = None) -> Image.Image:
    """Open ``data`` as an allowed format and decode its first frame only.

    The rule: the content (not the name) must be JPEG, PNG, WebP or GIF; width x
    height x frames must not exceed ``max_upload_pixels()``, checked from the header
    before any pixel is decoded; and the first frame must decode completely.
    Pillow's decompression-bomb warning and error are rejections too.

    With ``draft_box``, a JPEG may be decoded at 1/2, 1/4 or 1/8 scale as long as
    both sides stay at least ``draft_box`` pixels long.
    """
    limit = max_upload_pixels()
    # catch_warnings is process-wide before Python 3.14; another thread may briefly
    # see this filter, which is harmless, and our own pixel check below does not
    # depend on it.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=_OPEN_FORMATS)
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise _reject(ERROR_PIXELS, limit=f"{limit / 1_000_000:g}") from exc
        except OSError as exc:  # UnidentifiedImageError included
            raise _reject(ERROR_FORMAT) from exc
        except Exception as exc:
            # Pillow turns bad headers into UnidentifiedImageError, so anything
            # else may be our bug: still a rejection, but keep the traceback.
            logger.warning("Unexpected error opening an upload", exc_info=True)
            raise _reject(ERROR_FORMAT) from exc

        try:
            width, height = image.size
            frames = getattr(image, "n_frames", 1)
        except Exception as exc:
            raise _reject(ERROR_DAMAGED) from exc
        if width * height * frames > limit:
            raise _reject(ERROR_PIXELS, limit=f"{limit / 1_000_000:g}")

        try:
            image.seek(0)
            if draft_box:
                image.draft("RGB", (draft_box, draft_box))
            image.load()
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise _reject(ERROR_PIXELS, limit=f"{limit / 1_000_000:g}") from exc
        except Exception as exc:
            raise _reject(ERROR_DAMAGED) from exc
    return image


# --- colour and mode ------------------------------------------------------------


def _eight_bit_grey(image: Image.Image) -> Image.Image:
    """Turn 16- or 32-bit greyscale into ``L`` by scaling, never by clipping.

    16-bit images map 0-65535 onto 0-255. Other wide images are scaled from the
    smallest of 255, 65535 or their own maximum that holds every value.
    """
    if image.mode.startswith("I;16"):
        full_scale = 65535.0
    else:
        highest = image.getextrema()[1]
        full_scale = float(
            255 if highest <= 255 else 65535 if highest <= 65535 else highest
        )
    wide = image if image.mode in ("I", "F") else image.convert("I")
    factor = 255 / full_scale
    return wide.point(lambda value: value * factor).convert("L")


def _to_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """Convert RGB, RGBA and CMYK pixels from their embedded ICC profile to sRGB.

    The profile itself is never stored, so the pixels must be in sRGB, the colour
    space browsers assume for untagged images. An unusable profile is ignored.
    """
    if not icc_profile or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    alpha = image.getchannel("A") if image.mode == "RGBA" else None
    source = image.convert("RGB") if alpha is not None else image
    try:
        converted = ImageCms.profileToProfile(
            source,
            ImageCms.ImageCmsProfile(io.BytesIO(icc_profile)),
            ImageCms.createProfile("sRGB"),
            outputMode="RGB",
        )
    except Exception:
        logger.info("Ignoring an unusable ICC profile", exc_info=True)
        return image
    if alpha is not None:
        converted.putalpha(alpha)
    return converted


def _standard_mode(image: Image.Image) -> Image.Image:
    """Return the picture in ``L``, ``RGB`` or ``RGBA``, the modes we encode.

    CMYK, YCbCr, LAB, HSV and opaque palettes become RGB; palettes or greys with
    a transparent colour, ``LA`` and ``PA`` become RGBA; ``1`` becomes L; 16-bit
    greys are scaled down to 8 bits.
    """
    mode = image.mode
    if mode.startswith("I") or mode == "F":
        return _eight_bit_grey(image)
    if mode == "1":
        return image.convert("L")
    if image.info.get("transparency") is not None and mode in ("P", "L", "RGB"):
        return image.convert("RGBA")
    if mode in ("L", "RGB", "RGBA"):
        return image
    if mode in ("LA", "PA", "RGBa"):
        return image.convert("RGBA")
    if mode == "La":
        return image.convert("LA").convert("RGBA")
    return image.convert("RGB")


def _has_transparency(image: Image.Image) -> bool:
    """True when an RGBA image has at least one pixel that is not fully opaque."""
    return image.mode == "RGBA" and image.getextrema()[3][0] < 255


def _upright(image: Image.Image) -> Image.Image:
    """Apply the EXIF orientation to the pixels; unreadable EXIF leaves them as is."""
    try:
        ImageOps.exif_transpose(image, in_place=True)
    except Exception:
        logger.info("Ignoring unreadable EXIF orientation", exc_info=True)
    return image


def _normalise(image: Image.Image) -> Image.Image:
    """Return a loaded image upright, in sRGB, in L/RGB/RGBA, with no metadata.

    EXIF orientation is applied to the pixels; then EXIF (GPS included), XMP,
    ICC profile, comments and text chunks are dropped by emptying ``info``, which
    Pillow's encoders otherwise copy into the output (JPEG comments, PNG ICC).
    ``image`` itself may be changed and returned.
    """
    icc_profile = image.info.get("icc_profile")
    standard = _standard_mode(_to_srgb(_upright(image), icc_profile))
    standard.info = {}
    return standard


# --- the upload pipeline ------------------------------------------------------------


def _encode(image: Image.Image) -> tuple[bytes, str]:
    """Encode as PNG when transparency is real, otherwise as progressive JPEG."""
    buffer = io.BytesIO()
    if _has_transparency(image):
        image.save(buffer, "PNG")
        return buffer.getvalue(), "png"
    if image.mode == "RGBA":
        image = image.convert("RGB")
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, progressive=True, optimize=True)
    return buffer.getvalue(), "jpg"


def clean_upload(uploaded: File | IO[bytes]) -> ContentFile:
    """Validate an uploaded image by its content and return a clean re-encoding.

    Rejected, with a ``ValidationError`` whose code names the rule:
    ``file_too_large`` over ``NEWSROOM_UPLOAD_MAX_BYTES`` (checked before
    reading); ``unsupported_format`` unless the content, whatever the name, is
    JPEG, PNG, WebP or GIF; ``too_many_pixels`` when width x height x frames
    exceeds ``NEWSROOM_UPLOAD_MAX_PIXELS`` (checked from the header, before
    decoding) or Pillow suspects a decompression bomb; ``damaged_image`` when
    the pixels do not decode. No other exception escapes, whatever the bytes.

    The accepted image is re-encoded, so nothing but pixels survives: no EXIF
    (GPS included), XMP, ICC profile, comment or text chunk, and no bytes appended
    after the image (such as an HTML payload). Orientation is applied to the
    pixels, colours are converted to sRGB, and awkward modes (CMYK, 16-bit,
    palette, ``LA``, ``1``) are converted. Images with real transparency become
    PNG, all others JPEG (quality 88, progressive).

    Animated GIF, PNG and WebP keep their first frame only: renditions are still
    images anyway, and decoding one frame keeps memory bounded by one frame.

    The returned file's name is ``<32 random hex digits>.jpg|png``, never derived
    from the uploaded name.
    """
    data = _read_limited(uploaded, max_upload_bytes())
    image = _open_first_frame(data)
    try:
        encoded, extension = _encode(_normalise(image))
    except Exception as exc:
        # The pixels decoded, so a failure here is more likely our bug than the
        # user's file: keep the traceback for the logs.
        logger.warning("Could not re-encode an accepted upload", exc_info=True)
        raise _reject(ERROR_DAMAGED) from exc
    finally:
        image.close()
    return ContentFile(encoded, name=f"{uuid4().hex}.{extension}")


# --- embedded caption and credit -------------------------------------------------

IPTC_CAPTION = (2, 120)
IPTC_CREDIT = (2, 110)
IPTC_BYLINE = (2, 80)
EXIF_DESCRIPTION = 0x010E
EXIF_ARTIST = 0x013B
EXIF_COPYRIGHT = 0x8298

# Bidirectional overrides and isolates can make a credit display as a different
# text than it is; they have no place in a caption.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _clean_text(value: Any, max_length: int) -> str:
    """Decode as UTF-8 (replacing errors), drop control characters, collapse
    whitespace and cut to ``max_length`` characters."""
    if isinstance(value, list | tuple):
        parts = (_clean_text(part, max_length) for part in value)
        value = ", ".join(part for part in parts if part)
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    if not isinstance(value, str):
        return ""
    value = _BIDI_CONTROLS.sub("", value)
    value = "".join(
        " " if char in "\t\n\r" else char
        for char in value
        if char in "\t\n\r" or unicodedata.category(char) != "Cc"
    )
    return " ".join(value.split())[:max_length].rstrip()


def _credit_line(provider: str, creator: str) -> str:
    if provider and creator and provider.casefold() != creator.casefold():
        return f"{provider} / {creator}"
    return provider or creator


def read_embedded_credits(uploaded: File | IO[bytes]) -> dict[str, str]:
    """Return ``{"caption": ..., "credit": ...}`` embedded in an image file.

    Caption: IPTC caption (2:120), else EXIF ImageDescription. Credit: IPTC
    credit line (2:110) and creator (by-line 2:80, else EXIF Artist) as
    "Provider / Creator", else EXIF Copyright. Texts are decoded as UTF-8 with
    replacement, stripped of control characters and capped (caption 300, credit
    150 characters). Any problem gives empty strings; the file is left at
    position 0 for the next reader.
    """
    empty = {"caption": "", "credit": ""}
    try:
        data = _read_limited(uploaded, max_upload_bytes())
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=_OPEN_FORMATS) as image:
                iptc = IptcImagePlugin.getiptcinfo(image) or {}
                exif = image.getexif()
    except Exception:
        return empty
    finally:
        with contextlib.suppress(Exception):
            uploaded.seek(0)

    def iptc_text(key: tuple[int, int], limit: int) -> str:
        return _clean_text(iptc.get(key), limit)

    def exif_text(tag: int, limit: int) -> str:
        value = exif.get(tag)
        if isinstance(value, str):
            # Pillow decodes EXIF text as Latin-1, which maps bytes one to one;
            # undo it, because the tools that write non-ASCII there write UTF-8.
            value = value.encode("latin-1", errors="replace")
        return _clean_text(value, limit)

    caption = iptc_text(IPTC_CAPTION, CAPTION_MAX_LENGTH) or exif_text(
        EXIF_DESCRIPTION, CAPTION_MAX_LENGTH
    )
    creator = iptc_text(IPTC_BYLINE, CREDIT_MAX_LENGTH) or exif_text(
        EXIF_ARTIST, CREDIT_MAX_LENGTH
    )
    credit = _credit_line(iptc_text(IPTC_CREDIT, CREDIT_MAX_LENGTH), creator)
    credit = credit or exif_text(EXIF_COPYRIGHT, CREDIT_MAX_LENGTH)
    return {"caption": caption, "credit": credit[:CREDIT_MAX_LENGTH].rstrip()}


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
    # Orientation and colour were settled by _normalise(); sorl must not redo it.
    "orientation": False,
    "colorspace": "RGB",
    "image_info": {},
    "progressive": True,
}


def widths_for(original_width: int) -> list[int]:
    """The configured widths smaller than the original, or else the original's."""
    return [w for w in rendition_widths() if w < original_width] or [original_width]


def make_renditions(image_field_file: FieldFile) -> list[Rendition]:
    """Make and store resized WebP and JPEG copies of a stored image.

    One copy per configured width smaller than the original (the original width
    alone when it is below them all), each as WebP and as JPEG, saved with the
    image's storage as ``renditions/<original stem>-<width>.webp|jpg``. JPEG
    copies of transparent images get a white background; no copy carries
    metadata. Returns ``[{"format", "width", "height", "name"}, ...]``.
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
    picture = _normalise(
        _open_first_frame(data, draft_box=widest + 1 if widest else None)
    )
    try:
        return [
            rendition
            for width in widths_for(picture.width)
            for rendition in _save_width(picture, width, stem, storage)
        ]
    finally:
        picture.close()


def _save_width(
    picture: Image.Image, width: int, stem: str, storage: Storage
) -> list[Rendition]:
    """Resize ``picture`` to ``width`` once, then store it as WebP and as JPEG."""
    options = {**_ENGINE_OPTIONS, "format": "WEBP"}
    # A geometry as tall as any image makes the width alone decide the scale.
    resized = _ENGINE.create(picture, (width, 1_000_000), options)
    renditions: list[Rendition] = []
    for fmt in ("webp", "jpeg"):
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
            }
        )
    return renditions


def delete_renditions(renditions: list[Rendition], storage: Storage) -> None:
    """Delete every rendition file; files already gone are not an error."""
    for rendition in renditions:
        storage.delete(rendition["name"])


def srcset(renditions: list[Rendition], fmt: RenditionFormat, storage: Storage) -> str:
    """The ``srcset`` value for one format: ``"url 320w, url 640w"``, narrowest
    first; empty when there is no rendition in that format."""
    chosen = sorted(
        (r for r in renditions if r["format"] == fmt), key=lambda r: r["width"]
    )
    return ", ".join(f"{storage.url(r['name'])} {r['width']}w" for r in chosen)


def fallback(renditions: list[Rendition], storage: Storage) -> dict[str, Any]:
    """The ``<img src>`` choice: the widest JPEG rendition at most 1280 pixels
    wide (the narrowest JPEG if all are wider), as ``{"url", "width", "height"}``;
    an empty dict when there is no JPEG rendition."""
    jpegs = [r for r in renditions if r["format"] == "jpeg"]
    if not jpegs:
        return {}
    small_enough = [r for r in jpegs if r["width"] <= FALLBACK_MAX_WIDTH]
    if small_enough:
        chosen = max(small_enough, key=lambda r: r["width"])
    else:
        chosen = min(jpegs, key=lambda r: r["width"])
    return {
        "url": storage.url(chosen["name"]),
        "width": chosen["width"],
        "height": chosen["height"],
    }


# --- wiring -----------------------------------------------------------------------


def refresh_renditions(instance, field: str, attr: str) -> list[Rendition]:
    """Make the renditions of `instance.<field>` and record them in `<attr>`.

    Called explicitly right after an upload is saved (admin, demo loader), never
    while a reader waits. Renditions of a replaced image are deleted.
    """
    image = getattr(instance, field)
    old = getattr(instance, attr) or []
    new: list[Rendition] = []
    if image:
        try:
            new = make_renditions(image)
        except (OSError, ValidationError):
            logger.exception("Could not make renditions of %s", image.name)
    names = {rendition["name"] for rendition in new}
    delete_renditions([r for r in old if r["name"] not in names], image.storage)
    type(instance).objects.filter(pk=instance.pk).update(**{attr: new})
    setattr(instance, attr, new)
    return new


def is_stored(name: str, storage: Storage) -> bool:
    """Whether a file is really there. Checked only on local disk, where it is a
    cheap stat; remote storages are trusted rather than asked on every page."""
    if isinstance(storage, FileSystemStorage):
        return storage.exists(name)
    return True
