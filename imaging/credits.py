"""The caption and credit a photographer embedded (IPTC/EXIF)."""

import contextlib
import io
import logging
import re
import unicodedata
import warnings
from typing import IO, Any

from django.core.files.base import File
from PIL import Image, IptcImagePlugin

from imaging.uploads import OPEN_FORMATS, max_upload_bytes, read_limited

logger = logging.getLogger(__name__)

CAPTION_MAX_LENGTH = 300
CREDIT_MAX_LENGTH = 150

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
        data = read_limited(uploaded, max_upload_bytes())
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=OPEN_FORMATS) as image:
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
