"""Validate an upload by its content and re-encode it without metadata."""

import io
import logging
import warnings
from typing import IO, Any
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.template.defaultfilters import filesizeformat
from PIL import Image

from imaging.colour import has_transparency, normalise

logger = logging.getLogger(__name__)


ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
# Image.open() wants a list or tuple, not a set.
OPEN_FORMATS = tuple(sorted(ALLOWED_FORMATS))


JPEG_QUALITY = 88

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


# --- settings ---------------------------------------------------------------


def max_upload_bytes() -> int:
    """Largest upload accepted, in bytes (``NEWSROOM_UPLOAD_MAX_BYTES``)."""
    return settings.NEWSROOM_UPLOAD_MAX_BYTES


def max_upload_pixels() -> int:
    """Most pixels accepted, all frames counted (``NEWSROOM_UPLOAD_MAX_PIXELS``)."""
    return settings.NEWSROOM_UPLOAD_MAX_PIXELS


# --- validation ---------------------------------------------------------------


def _reject(code: str, **params: Any) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code, params=params or None)


def read_limited(uploaded: File | IO[bytes], limit: int) -> bytes:
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


def open_first_frame(data: bytes, draft_box: int | None = None) -> Image.Image:
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
            image = Image.open(io.BytesIO(data), formats=OPEN_FORMATS)
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


# --- the upload pipeline ------------------------------------------------------------


def _encode(image: Image.Image) -> tuple[bytes, str]:
    """Encode as PNG when transparency is real, otherwise as progressive JPEG."""
    buffer = io.BytesIO()
    if has_transparency(image):
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
    data = read_limited(uploaded, max_upload_bytes())
    image = open_first_frame(data)
    try:
        encoded, extension = _encode(normalise(image))
    except Exception as exc:
        # The pixels decoded, so a failure here is more likely our bug than the
        # user's file: keep the traceback for the logs.
        logger.warning("Could not re-encode an accepted upload", exc_info=True)
        raise _reject(ERROR_DAMAGED) from exc
    finally:
        image.close()
    return ContentFile(encoded, name=f"{uuid4().hex}.{extension}")
