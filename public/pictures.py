"""Responsive pictures from the renditions made at upload time, as the
public templates call them (public.templating)."""

import hashlib
import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

import caching
import imaging

logger = logging.getLogger(__name__)
TEMPLATE = "articles/includes/picture.html"
_missing = ContextVar("missing_pictures", default=None)


#: The same photo shows on many pages; its URLs (and whether its file is
#: there, which may cost a request to the storage) are worked out once a
#: minute, not once per card.
SOURCES_SECONDS = 60


@contextmanager
def watching():
    """The labels of the pictures rendered inside the block whose files were
    missing: HTML showing a placeholder is kept only as long as that is
    known (SOURCES_SECONDS), not as long as the story's version."""
    noted = []
    token = _missing.set(noted)
    try:
        yield noted
    finally:
        _missing.reset(token)


def _sources(renditions, storage, ratio):
    """srcsets and the <img> choice for a set of renditions in one ratio, or
    None when there are none or the file is missing."""
    names = "|".join(r["name"] for r in imaging.of_ratio(renditions, ratio))
    digest = hashlib.sha256(names.encode()).hexdigest()
    key = f"pictures:{type(storage).__name__}:{digest}"
    return caching.cached_for(
        key, lambda: _compute_sources(renditions, storage, ratio), SOURCES_SECONDS
    )


def _compute_sources(renditions, storage, ratio):
    img = imaging.fallback(renditions, storage, ratio) if renditions else {}
    if not img or not imaging.is_stored(img["name"], storage):
        return None
    return {
        "webp": imaging.srcset(renditions, "webp", storage, ratio),
        "jpeg": imaging.srcset(renditions, "jpeg", storage, ratio),
        "img": img,
    }


def _picture(renditions, storage, *, ratio, alt, sizes, eager, css_class, label):
    """Context for a <picture>, or a placeholder when the files are missing."""
    sources = _sources(renditions, storage, ratio)
    if sources is None:
        logger.warning("Image missing for %s; showing a placeholder", label)
        noted = _missing.get()
        if noted is not None:
            noted.append(label)
        return {"missing": True, "alt": alt, "css_class": css_class}
    return {
        **sources,
        "alt": alt,
        "sizes": sizes,
        "eager": eager,
        "css_class": css_class,
    }


def picture(
    photo, sizes="100vw", eager=False, css_class="", ratio=imaging.ORIGINAL, alt=None
):
    """A library photo as <picture>: WebP with a JPEG fallback, sized srcsets,
    cropped to `ratio` (imaging.CROPS) around its focal point; `alt` for this
    use, or the library's."""
    return _render(
        _picture(
            photo.renditions,
            photo.image.storage,
            ratio=ratio,
            alt=photo.alt_text if alt is None else alt,
            sizes=sizes,
            eager=eager,
            css_class=css_class,
            label=f"photo {photo.pk}",
        )
    )


def author_picture(author, size=48):
    """A writer's picture at `size` CSS pixels (renditions cover 2x screens)."""
    if not author.picture:
        return _render({"initials": author.initials, "size": size})
    context = _picture(
        author.picture_renditions,
        author.picture.storage,
        ratio="1:1",
        alt="",
        sizes=f"{size}px",
        eager=False,
        css_class="avatar",
        label=f"author {author.pk}",
    )
    context.update(size=size, initials=author.initials, square=True)
    return _render(context)


def embed_thumbnail(embed):
    """A quoted video's or post's thumbnail, re-hosted (articles.embeds)."""
    return _render(
        _picture(
            embed.thumbnail_renditions,
            embed.thumbnail.storage,
            ratio="16:9",
            alt="",
            sizes="(min-width: 48rem) 40rem, 100vw",
            eager=False,
            css_class="embed-thumbnail",
            label=f"embed {embed.pk}",
        )
    )


def _render(context):
    return mark_safe(render_to_string(TEMPLATE, context))  # noqa: S308 - autoescaped


def photo_url(photo, ratio=imaging.ORIGINAL):
    """The URL of the photo's main rendition in `ratio` (for og:image), or ""."""
    chosen = imaging.fallback(photo.renditions, photo.image.storage, ratio)
    return chosen.get("url", "")
