"""Reading a WordPress export (WXR: RSS 2.0 with WordPress's namespaces)
into plain records. The XML is parsed with defusedxml: an export is a file
from elsewhere, and entity bombs or external entities are refused."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from defusedxml import DefusedXmlException, ElementTree

NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}


class ExportError(Exception):
    """The file is not a WordPress export this command can read."""


@dataclass
class Person:
    login: str
    name: str


@dataclass
class Attachment:
    wp_id: int
    title: str
    file: str  # relative to the uploads folder ("2024/04/photo.jpg")
    alt: str
    caption: str


@dataclass
class Post:
    wp_id: int
    title: str
    slug: str
    status: str  # publish, draft, pending, future, private, trash
    published: datetime | None
    creator: str
    content: str
    excerpt: str
    categories: list = field(default_factory=list)  # (slug, name)
    tags: list = field(default_factory=list)  # (slug, name)
    thumbnail: int | None = None


@dataclass
class Export:
    site: str
    title: str
    people: dict
    categories: dict  # slug: name
    posts: list
    attachments: dict  # wp_id: Attachment
    #: Items left out, and why ("item 3: no usable id").
    problems: list = field(default_factory=list)


def _text(element, path):
    found = element.find(path, NS)
    return (found.text or "").strip() if found is not None else ""


def _raw(element, path):
    found = element.find(path, NS)
    return found.text or "" if found is not None else ""


#: The largest id the import records hold.
MAX_ID = 2**63 - 1


def _int(value):
    """A WordPress id: a whole number the records can hold, else None."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None


def _meta(item):
    return {
        _text(meta, "wp:meta_key"): _text(meta, "wp:meta_value")
        for meta in item.findall("wp:postmeta", NS)
    }


def _published(item):
    """WordPress's GMT time, or the RSS date; None for a draft never dated."""
    gmt = _text(item, "wp:post_date_gmt")
    if gmt and not gmt.startswith("0000"):
        try:
            return datetime.fromisoformat(gmt).replace(tzinfo=UTC)
        except ValueError:
            pass
    try:
        dated = parsedate_to_datetime(_text(item, "pubDate"))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    # "-0000" means "zone unknown": WordPress writes GMT.
    return dated if dated.tzinfo else dated.replace(tzinfo=UTC)


def read(path):
    """The export at `path`; ExportError if it is not one."""
    try:
        channel = ElementTree.parse(path).getroot().find("channel")
    except DefusedXmlException as error:  # entity bombs, external entities
        raise ExportError(f"Refused: {type(error).__name__}: {error}") from error
    except (ElementTree.ParseError, OSError, ValueError) as error:
        raise ExportError(f"Not a readable WordPress export: {error}") from error
    if channel is None or channel.find("wp:wxr_version", NS) is None:
        raise ExportError("Not a WordPress export (no <wp:wxr_version>).")
    people = {}
    for author in channel.findall("wp:author", NS):
        login = _text(author, "wp:author_login")
        people[login] = Person(login, _text(author, "wp:author_display_name") or login)
    categories = {
        _text(c, "wp:category_nicename"): _text(c, "wp:cat_name")
        for c in channel.findall("wp:category", NS)
    }
    site = _text(channel, "link") or _text(channel, "wp:base_site_url")
    if not site:
        raise ExportError(
            "The export names no site (<link>): without it a second import "
            "could not tell its posts from another site's."
        )
    posts, attachments, problems, seen = [], {}, [], set()
    for number, item in enumerate(channel.findall("item"), 1):
        kind, wp_id = _text(item, "wp:post_type"), _int(_text(item, "wp:post_id"))
        if kind not in ("post", "attachment"):
            continue
        title = _text(item, "title")[:80]
        if wp_id is None:
            problems.append(f"item {number} “{title}”: no usable <wp:post_id>")
            continue
        if (kind, wp_id) in seen:
            problems.append(f"item {number} “{title}”: {kind} {wp_id} given twice")
            continue
        seen.add((kind, wp_id))
        meta = _meta(item)
        if kind == "attachment":
            attachments[wp_id] = Attachment(
                wp_id=wp_id,
                title=_text(item, "title"),
                file=meta.get("_wp_attached_file", ""),
                alt=meta.get("_wp_attachment_image_alt", ""),
                caption=_text(item, "excerpt:encoded"),
            )
        elif kind == "post":
            terms = item.findall("category")
            posts.append(
                Post(
                    wp_id=wp_id,
                    title=_text(item, "title"),
                    slug=_text(item, "wp:post_name"),
                    status=_text(item, "wp:status"),
                    published=_published(item),
                    creator=_text(item, "dc:creator"),
                    content=_raw(item, "content:encoded"),
                    excerpt=_raw(item, "excerpt:encoded"),
                    categories=[
                        (t.get("nicename", ""), (t.text or "").strip())
                        for t in terms
                        if t.get("domain") == "category"
                    ],
                    tags=[
                        (t.get("nicename", ""), (t.text or "").strip())
                        for t in terms
                        if t.get("domain") == "post_tag"
                    ],
                    thumbnail=_int(meta.get("_thumbnail_id")),
                )
            )
    return Export(
        problems=problems,
        site=site,
        title=_text(channel, "title"),
        people=people,
        categories=categories,
        posts=posts,
        attachments=attachments,
    )
