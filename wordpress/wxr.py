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
    #: A password-protected post: never public here (kept as a draft).
    password: str = ""


@dataclass
class Export:
    """An export's site, people, categories and attachments (small records,
    read at once); its posts are read one at a time (`posts()`), so memory
    does not grow with the size of their content."""

    path: object
    site: str
    title: str
    people: dict
    categories: dict  # slug: name
    attachments: dict  # wp_id: Attachment
    #: The item numbers of the posts to read (valid and not repeated).
    post_items: set = field(default_factory=set)
    #: Items left out, and why ("item 3: no usable id").
    problems: list = field(default_factory=list)

    def posts(self):
        """Each post, read from the file as it comes."""
        for number, item in _items(self.path):
            if number in self.post_items:
                yield _post(item)


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


def _stream(path):
    """(event, element) of the export, read as a stream: entity bombs and
    external entities refused, errors as ExportError."""
    try:
        yield from ElementTree.iterparse(path, events=("start", "end"))
    except DefusedXmlException as error:  # entity bombs, external entities
        raise ExportError(f"Refused: {type(error).__name__}: {error}") from error
    except (ElementTree.ParseError, OSError, ValueError) as error:
        raise ExportError(f"Not a readable WordPress export: {error}") from error


def _items(path, header=None):
    """(number, <item>) of every item, each dropped once used; `header` is
    called with each other finished child of <channel> (its title, link,
    authors, categories...)."""
    channel, depth, number = None, 0, 0
    for event, element in _stream(path):
        if event == "start":
            depth += 1
            if depth == 2 and element.tag == "channel":
                channel = element
            continue
        depth -= 1
        if depth != 2 or channel is None:
            continue
        if element.tag == "item":
            number += 1
            yield number, element
        elif header is not None:
            header(element)
        channel.remove(element)  # what was read is let go


def read(path):
    """The export at `path` without its posts' content; ExportError if it is
    not one. Posts come from `Export.posts()`."""
    head = {"people": {}, "categories": {}, "wxr": False, "title": "", "site": ""}

    def header(element):
        tag = element.tag
        if tag == f"{{{NS['wp']}}}wxr_version":
            head["wxr"] = True
        elif tag == f"{{{NS['wp']}}}author":
            login = _text(element, "wp:author_login")
            name = _text(element, "wp:author_display_name") or login
            head["people"][login] = Person(login, name)
        elif tag == f"{{{NS['wp']}}}category":
            name = _text(element, "wp:cat_name")
            head["categories"][_text(element, "wp:category_nicename")] = name
        elif tag == "title":
            head["title"] = (element.text or "").strip()
        elif tag == "link" or (
            tag == f"{{{NS['wp']}}}base_site_url" and not head["site"]
        ):
            head["site"] = (element.text or "").strip() or head["site"]

    attachments, problems, seen, post_items = {}, [], set(), set()
    for number, item in _items(path, header):
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
        if kind == "attachment":
            meta = _meta(item)
            attachments[wp_id] = Attachment(
                wp_id=wp_id,
                title=_text(item, "title"),
                file=meta.get("_wp_attached_file", ""),
                alt=meta.get("_wp_attachment_image_alt", ""),
                caption=_text(item, "excerpt:encoded"),
            )
        else:
            post_items.add(number)
    if not head["wxr"]:
        raise ExportError("Not a WordPress export (no <wp:wxr_version>).")
    if not head["site"]:
        raise ExportError(
            "The export names no site (<link>): without it a second import "
            "could not tell its posts from another site's."
        )
    return Export(
        path=path,
        site=head["site"],
        title=head["title"],
        people=head["people"],
        categories=head["categories"],
        attachments=attachments,
        post_items=post_items,
        problems=problems,
    )


def _post(item):
    meta, terms = _meta(item), item.findall("category")
    return Post(
        wp_id=_int(_text(item, "wp:post_id")),
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
        password=_text(item, "wp:post_password"),
    )
