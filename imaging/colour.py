"""Colour and mode fixes so every stored image is plain sRGB, 8 bits."""

import io
import logging

from PIL import Image, ImageCms, ImageOps

logger = logging.getLogger(__name__)

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


def has_transparency(image: Image.Image) -> bool:
    """True when an RGBA image has at least one pixel that is not fully opaque."""
    return image.mode == "RGBA" and image.getextrema()[3][0] < 255


def _upright(image: Image.Image) -> Image.Image:
    """Apply the EXIF orientation to the pixels; unreadable EXIF leaves them as is."""
    try:
        ImageOps.exif_transpose(image, in_place=True)
    except Exception:
        logger.info("Ignoring unreadable EXIF orientation", exc_info=True)
    return image


def normalise(image: Image.Image) -> Image.Image:
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
