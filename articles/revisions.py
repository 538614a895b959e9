"""Snapshots of a story (with bylines, tags, credits and sources) and
readable diffs."""

import difflib
import re

from django.db.models import Max

from articles import body
from articles.models import Article, Credit, Revision

FIELD_LABELS = {
    "headline": "Headline",
    "slug": "Slug",
    "dek": "Dek",
    "body": "Body",
    "section": "Section",
    "lead_photo": "Lead photo",
    "status": "Status",
    "publish_at": "Publish at",
    "unpublish_at": "Unpublish at",
    "bylines": "Bylines",
    "tags": "Tags",
    "citations": "Sources",
    "credits": "Credits",
    "related": "Related stories",
    "gallery": "Gallery",
}


def snapshot(article):
    """The story as plain JSON data: what a revision stores and restores."""
    return {
        "headline": article.headline,
        "slug": article.slug,
        "dek": article.dek,
        "body": article.body,
        "section": article.section_id,
        "section_name": str(article.section) if article.section_id else "",
        "lead_photo": article.lead_photo_id,
        "lead_photo_name": str(article.lead_photo) if article.lead_photo_id else "",
        "status": article.status,
        "publish_at": article.publish_at.isoformat() if article.publish_at else None,
        "unpublish_at": (
            article.unpublish_at.isoformat() if article.unpublish_at else None
        ),
        "bylines": [
            {"author": byline.author_id, "name": byline.author.name}
            for byline in article.bylines.select_related("author").order_by(
                "position", "pk"
            )
        ],
        "tags": sorted(article.tags.names()),
        "gallery": [
            {
                "photo": item.photo_id,
                "caption": item.caption,
                "credit": item.credit,
                "name": str(item.photo),
            }
            for item in article.gallery.select_related("photo")
        ],
        "related": [
            {"story": pinned.related_id, "headline": pinned.related.headline}
            for pinned in article.pinned_related.select_related("related")
        ],
        "credits": [
            {"role": credit.role, "author": credit.author_id, "name": credit.name}
            | ({"author_name": credit.author.name} if credit.author_id else {})
            for credit in article.credits.select_related("author")
        ],
        "citations": [
            {
                "publisher": citation.publisher,
                "title": citation.title,
                "url": citation.url,
                "published_on": (
                    citation.published_on.isoformat() if citation.published_on else None
                ),
            }
            for citation in article.citations.order_by("position", "pk")
        ],
    }


def record(article, *, by, kind, message="", from_status="", to_status=""):
    """Append a numbered revision; call inside the transaction of the change."""
    last = article.revisions.aggregate(last=Max("number"))["last"] or 0
    version = Article.objects.filter(pk=article.pk).values_list("version", flat=True)
    return Revision.objects.create(
        article=article,
        number=last + 1,
        version=version.first(),
        kind=kind,
        message=message,
        from_status=from_status,
        to_status=to_status,
        snapshot=snapshot(article),
        created_by=by,
    )


def _display(key, snap):
    value = snap.get(key)
    if key == "section":
        return snap.get("section_name", "")
    if key == "lead_photo":
        return snap.get("lead_photo_name", "")
    if key == "bylines":
        return ", ".join(byline["name"] for byline in value or [])
    if key == "tags":
        return ", ".join(value or [])
    if key == "gallery":
        return "\n".join(
            " · ".join(
                part
                for part in (item["caption"] or item["name"], item["credit"])
                if part
            )
            for item in value or []
        )
    if key == "related":
        return "\n".join(pinned["headline"] for pinned in value or [])
    if key == "credits":
        return "\n".join(
            f"{Credit.PHRASES.get(credit['role'], credit['role'])} "
            f"{credit.get('author_name') or credit['name']}"
            for credit in value or []
        )
    if key == "citations":
        return "\n".join(
            " · ".join(str(part) for part in citation.values() if part)
            for citation in value or []
        )
    if key == "body":
        return _body_text(value or "")
    return "" if value is None else str(value)


def _body_text(html):
    """Body HTML as readable lines, its photos, tables, quotes and fact boxes
    named (articles.body.outline)."""
    return "\n".join(body.outline(html))


def changed_fields(old, new):
    """Labels of the fields that differ between two snapshots."""
    return [
        label
        for key, label in FIELD_LABELS.items()
        if _display(key, old) != _display(key, new)
    ]


def diff(old, new):
    """Rows of (label, segments) for each changed field.

    Segments are (op, text) with op in {"equal", "delete", "insert"}: a word
    level diff a template can show with <del> and <ins>, escaping the text.
    """
    rows = []
    for key, label in FIELD_LABELS.items():
        before, after = _display(key, old), _display(key, new)
        if before != after:
            rows.append((label, word_diff(before, after)))
    return rows


def word_diff(before, after):
    a, b = re.split(r"(\s+)", before), re.split(r"(\s+)", after)
    segments = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("equal", "".join(a[a1:a2])))
            continue
        if op in ("delete", "replace"):
            segments.append(("delete", "".join(a[a1:a2])))
        if op in ("insert", "replace"):
            segments.append(("insert", "".join(b[b1:b2])))
    return segments
