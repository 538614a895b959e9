"""A story as IPTC ninjs 2.1 (News in JSON): the form news agencies and
aggregators read. Validated in the tests against the IPTC's own schema
(tests/schemas/ninjs/)."""

from django.conf import settings
from django.utils.encoding import iri_to_uri
from django.utils.translation import to_locale

import imaging
from articles.text import plain
from public.api.output import absolute, byline, photo, tag_url
from public.body import inline_uses, render_absolute

STANDARD = {
    "name": "ninjs",
    "version": "2.1",
    "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json",
}


def language():
    """The site's language as a BCP 47 tag ("en-us" is "en-US")."""
    return to_locale(settings.LANGUAGE_CODE).replace("_", "-")


def feature_image(request, article):
    picture = photo(request, article.lead_photo)
    if picture is None:
        return []
    image = {
        "name": "featureimage",
        "uri": picture["url"],
        "type": "picture",
        "renditions": [
            {
                "name": "original",
                "href": picture["url"],
                "contenttype": "image/jpeg",
                "width": picture["width"],
                "height": picture["height"],
            }
        ],
        "descriptions": [{"role": "alternative", "value": picture["alt"]}],
    }
    if picture["caption"]:
        image["descriptions"].append({"role": "caption", "value": picture["caption"]})
    if picture["credit"]:
        image["by"] = picture["credit"]
    return [image]


def inline_images(request, article):
    """The body's inline photos as they are used there (image1, image2...)."""
    images = []
    for picture, alt, caption, credit, ratio in inline_uses(article):
        chosen = imaging.fallback(
            picture.renditions, picture.image.storage, ratio, max_width=10**6
        )
        if not chosen:
            continue
        url = absolute(request, chosen["url"])
        image = {
            "name": f"image{len(images) + 1}",
            "uri": url,
            "type": "picture",
            "renditions": [
                {
                    "name": "original",
                    "href": url,
                    "contenttype": "image/jpeg",
                    "width": chosen["width"],
                    "height": chosen["height"],
                }
            ],
            "descriptions": [{"role": "alternative", "value": alt}],
        }
        if caption:
            image["descriptions"].append({"role": "caption", "value": caption})
        if credit:
            image["by"] = credit
        images.append(image)
    return images


def document(request, article):
    """The ninjs document of a live story (fetched with its bylines, tags,
    section, photo and citations)."""
    url = absolute(request, article.get_absolute_url())
    published = article.first_published_at or article.publish_at
    updated = article.last_updated or article.publish_at
    body = render_absolute(article, request)
    doc = {
        "uri": url,
        "standard": STANDARD,
        "type": "text",
        "representationtype": "full",
        "version": str(article.version),
        "firstcreated": published.isoformat(),
        "versioncreated": updated.isoformat(),
        "pubstatus": "usable",
        "language": language(),
        "headlines": [{"role": "main", "value": article.headline}],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "wordcount": len(plain(body).split()),
                "value": body,
            }
        ],
        "by": byline(article),
        "people": [
            {
                "name": author.name,
                "rel": "author",
                "uri": absolute(request, author.get_absolute_url()),
            }
            for author in article.authors_in_order
        ],
        "subjects": [
            {
                "name": tag.name,
                "rel": "about",
                "literal": tag.slug,
                "uri": tag_url(request, tag),
            }
            for tag in article.tags.all()
        ],
        "copyrightholder": settings.NEWSROOM_SITE_NAME,
        "copyrightnotice": f"© {published.year} {settings.NEWSROOM_SITE_NAME}",
        "associations": feature_image(request, article)
        + inline_images(request, article),
    }
    if article.dek:
        doc["descriptions"] = [
            {"role": "summary", "contenttype": "text/plain", "value": article.dek}
        ]
    if article.section:
        doc["subjects"].append(
            {
                "name": article.section.name,
                "rel": "section",
                "literal": article.section.slug,
                "uri": absolute(request, article.section.get_absolute_url()),
            }
        )
    sources = [
        {
            "name": c.publisher,
            "role": "source",
            **({"uri": iri_to_uri(c.url)} if c.url else {}),
        }
        for c in article.citations.all()
    ]
    if sources:
        doc["infosources"] = sources
    return doc
