"""JSON-LD for search engines: NewsArticle on stories, ProfilePage on authors."""

import json

from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

import imaging
from articles.text import plain
from public import live_stream
from public.body import inline_uses

# Like Django's json_script: "</script>" or "<!--" in a headline cannot end
# or confuse the script block.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def to_script(data):
    """A complete <script type="application/ld+json"> element, safely escaped."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=False).translate(_ESCAPES)
    return mark_safe(  # noqa: S308 - every <, > and & is escaped above
        f'<script type="application/ld+json">{payload}</script>'
    )


def _absolute(request, path):
    return request.build_absolute_uri(path)


def person(author, request):
    data = {
        "@type": "Person",
        "name": author.name,
        "url": _absolute(request, author.get_absolute_url()),
    }
    if author.job_title:
        data["jobTitle"] = author.job_title
    if author.picture:
        picture = imaging.fallback(
            author.picture_renditions, author.picture.storage, "1:1"
        )
        if picture:
            data["image"] = _absolute(request, picture["url"])
    same_as = [author.website] if author.website else []
    if author.social_handle:
        same_as.append(f"https://x.com/{author.social_handle.lstrip('@')}")
    if same_as:
        data["sameAs"] = same_as
    return data


def credited(credit, request):
    """A credited person: their profile as a Person, or a name typed in (an
    agency, mostly) as an Organization."""
    if credit.author_id:
        return person(credit.author, request)
    return {"@type": "Organization", "name": credit.name}


def publisher(request):
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.NEWSROOM_SITE_NAME,
        "url": _absolute(request, "/"),
    }


#: Google asks for an article's image at 16:9, 4:3 and 1:1.
IMAGE_RATIOS = ("16:9", "4:3", "1:1")


def image_object(photo, request, chosen, *, caption, credit, creators=()):
    """One stored copy of `photo` (`chosen`: a imaging.fallback) as an ImageObject."""
    data = {
        "@type": "ImageObject",
        "url": _absolute(request, chosen["url"]),
        "width": chosen["width"],
        "height": chosen["height"],
    }
    if caption:
        data["caption"] = caption
    if credit:
        data["creditText"] = credit
    if creators:
        data["creator"] = list(creators)
    return data


def gallery(items, request):
    """A story's gallery as an ImageGallery of its photos' widest copies."""
    media_objects = []
    for item in items:
        photo = item.photo
        chosen = imaging.fallback(
            photo.renditions, photo.image.storage, max_width=10**6
        )
        if chosen:
            media_objects.append(
                image_object(
                    photo,
                    request,
                    chosen,
                    caption=item.shown_caption,
                    credit=item.shown_credit,
                )
            )
    return {"@type": "ImageGallery", "associatedMedia": media_objects}


def images(photo, request, creators=()):
    """The photo as ImageObjects, one per ratio in IMAGE_RATIOS, each its
    widest copy; `creators` (schema.org people or organisations) made it."""
    found = []
    for ratio in IMAGE_RATIOS:
        chosen = imaging.fallback(
            photo.renditions, photo.image.storage, ratio, max_width=10**6
        )
        if not chosen or any(data["url"].endswith(chosen["url"]) for data in found):
            continue  # a photo stored before crops has one copy for all
        found.append(
            image_object(
                photo,
                request,
                chosen,
                caption=photo.caption,
                credit=photo.credit,
                creators=creators,
            )
        )
    return found


def inline_images(article, request):
    """The body's inline photos, each its widest copy in the crop used."""
    found = []
    for photo, _alt, caption, credit, ratio in inline_uses(article):
        chosen = imaging.fallback(
            photo.renditions, photo.image.storage, ratio, max_width=10**6
        )
        if chosen:
            found.append(
                image_object(photo, request, chosen, caption=caption, credit=credit)
            )
    return found


def news_article(article, request):
    """NewsArticle for a story, from the prefetched story page data."""
    url = _absolute(request, article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": url,
        "url": url,
        "headline": article.headline,
        "description": article.dek,
        "author": [person(author, request) for author in article.authors_in_order],
        "publisher": publisher(request),
        "keywords": [tag.name for tag in article.tags.all()],
    }
    if article.publish_at:  # a draft seen in preview has none yet
        data["datePublished"] = article.publish_at.isoformat(timespec="seconds")
        data["dateModified"] = (article.last_updated or article.publish_at).isoformat(
            timespec="seconds"
        )
    if article.section_id:
        data["articleSection"] = article.section.name
    contributors = {"contributor": [], "editor": []}
    for credit in article.credits.all():
        role = "editor" if credit.role == credit.Role.EDITING else "contributor"
        contributors[role].append(credited(credit, request))
    data.update((role, people) for role, people in contributors.items() if people)
    photographers = [
        credited(credit, request)
        for credit in article.credits.all()
        if credit.role == credit.Role.PHOTOS
    ]
    pictures = (
        images(article.lead_photo, request, photographers)
        if (article.lead_photo)
        else []
    )
    pictures += inline_images(article, request)
    if pictures:
        data["image"] = pictures
    if article.live_coverage:
        live_blog(data, article, request)
    if items := article.gallery.all():
        data["hasPart"] = [gallery(items, request)]
    citations = [_citation(citation) for citation in article.citations.all()]
    if citations:
        data["citation"] = citations
    corrections = [
        {
            "@type": "CorrectionComment",
            "text": f"{correction.get_kind_display()}: {correction.text}",
            "datePublished": correction.created_at.isoformat(timespec="seconds"),
        }
        for correction in article.corrections.all()
    ]
    if corrections:
        data["correction"] = corrections
    return to_script(data)


def live_blog(data, article, request):
    """A live story is a LiveBlogPosting: when coverage started and ended,
    and its newest updates."""
    data["@type"] = "LiveBlogPosting"
    started = article.first_published_at or article.publish_at
    if started:
        data["coverageStartTime"] = started.isoformat(timespec="seconds")
    if article.coverage_ended_at:
        ended = article.coverage_ended_at.isoformat(timespec="seconds")
        data["coverageEndTime"] = ended
    url = _absolute(request, article.get_absolute_url())
    data["liveBlogUpdate"] = [
        {
            "@type": "BlogPosting",
            "headline": Truncator(plain(update.body)).chars(110),
            "articleBody": plain(update.body),
            "datePublished": update.posted_at.isoformat(timespec="seconds"),
            "url": f"{url}#{update.anchor}",
            "author": [person(author, request) for author in update.authors.all()],
        }
        for update in live_stream.latest(article)
    ]


def _citation(citation):
    data = {
        "@type": "CreativeWork",
        "publisher": {"@type": "Organization", "name": citation.publisher},
    }
    if citation.title:
        data["name"] = citation.title
    if citation.url:
        data["url"] = citation.url
    if citation.published_on:
        data["datePublished"] = citation.published_on.isoformat()
    return data


def profile_page(author, request):
    """ProfilePage whose main entity is the author as a Person."""
    return to_script(
        {
            "@context": "https://schema.org",
            "@type": "ProfilePage",
            "url": _absolute(request, author.get_absolute_url()),
            "mainEntity": person(author, request),
        }
    )
