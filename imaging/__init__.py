"""The one upload pipeline for every image: lead photos and writers' pictures.

An upload goes through ``clean_upload`` (validated by content, re-encoded, renamed)
before it is stored; ``read_embedded_credits`` offers the caption and credit the
photographer embedded; ``make_renditions`` makes the resized copies once, right
after the upload is saved (``refresh_renditions``); ``srcset`` and ``fallback``
turn them into ``<img>`` attributes.
"""

from imaging.credits import read_embedded_credits
from imaging.renditions import (
    AUTHOR_RATIOS,
    CROPS,
    ORIGINAL,
    PHOTO_RATIOS,
    Rendition,
    crop_box,
    delete_renditions,
    fallback,
    is_stored,
    make_renditions,
    of_ratio,
    refresh_renditions,
    rendition_widths,
    srcset,
    widths_for,
)
from imaging.uploads import (
    ALLOWED_FORMATS,
    clean_upload,
    max_upload_bytes,
    max_upload_pixels,
)

__all__ = [
    "ALLOWED_FORMATS",
    "AUTHOR_RATIOS",
    "CROPS",
    "ORIGINAL",
    "PHOTO_RATIOS",
    "Rendition",
    "clean_upload",
    "crop_box",
    "delete_renditions",
    "fallback",
    "is_stored",
    "make_renditions",
    "max_upload_bytes",
    "max_upload_pixels",
    "of_ratio",
    "read_embedded_credits",
    "refresh_renditions",
    "rendition_widths",
    "srcset",
    "widths_for",
]
