"""What the read API says of stories, tags, authors and sections, and the
content keys of what it says (so an edit purges the answers showing it)."""

from django.urls import reverse
from django.utils.text import get_text_list

import caching
import imaging
from articles import keys
from public import body


def absolute(request, path):
    return request.build_absolute_uri(path)


def named(request, record):
    return {
        "name": record.name,
        "slug": record.slug,
        "url": absolute(request, record.get_absolute_url()),
    }


def tag_url(request, tag):
    return absolute(request, reverse("articles:tag", args=[tag.slug]))


def photo(request, picture, max_width=10**6):
    """The photo's widest JPEG at most `max_width` wide, with its words."""
    if picture is None:
        return None
    chosen = imaging.fallback(
        picture.renditions, picture.image.storage, max_width=max_width
    )
    if not chosen:
        return None
    return {
        "url": absolute(request, chosen["url"]),
        "width": chosen["width"],
        "height": chosen["height"],
        "alt": picture.alt_text,
        "caption": picture.caption,
        "credit": picture.credit,
    }


def byline(article):
    """ "Olga Nesterova and Marcus Adeyemi" (the site's own phrasing)."""
    return str(get_text_list([a.name for a in article.authors_in_order], "and"))


def story(request, article):
    """A story as lists give it (fetched with `for_cards()`)."""
    caching.shows(keys.story(article.pk), *keys.card_keys(article))
    return {
        "id": article.pk,
        "slug": article.slug,
        "url": absolute(request, article.get_absolute_url()),
        "api_url": absolute(request, reverse("api-v1:story", args=[article.slug])),
        "headline": article.headline,
        "dek": article.dek,
        "byline": byline(article),
        "authors": [named(request, a) for a in article.authors_in_order],
        "section": named(request, article.section) if article.section else None,
        "tags": [
            {"name": t.name, "slug": t.slug, "url": tag_url(request, t)}
            for t in article.tags.all()
        ],
        # As the page's JSON-LD and its "Updated" line give them.
        "published_at": article.publish_at,
        "updated_at": article.last_updated or article.publish_at,
        "live_coverage": article.is_live_now,
        "lead_photo": photo(request, article.lead_photo),
    }


def story_detail(request, article):
    """A story in full: its body, sources and corrections too."""
    caching.shows(*(keys.record(photo) for photo in article.inline_photos.all()))
    return {
        **story(request, article),
        "ninjs_url": absolute(
            request, reverse("api-v1:story_ninjs", args=[article.slug])
        ),
        "body": body.render_absolute(article, request),
        "sources": [
            {
                "publisher": c.publisher,
                "title": c.title,
                "url": c.url,
                "published_on": c.published_on,
            }
            for c in article.citations.all()
        ],
        "corrections": [
            {"kind": c.kind, "text": c.text, "created_at": c.created_at}
            for c in article.corrections.all()
        ],
    }
