"""A story's body as readers get it (articles.body says what it holds):
inline photos as responsive pictures with their caption and credit, tables
that scroll on a phone with a real <caption> and column headers, fact boxes
titled for screen readers, links to our stories at the story's address of
the day (or plain text once it is not live), and quoted posts as cards.

The page uses `render()`; the read API, ninjs and feeds use
`render_absolute()` (plain <img> at absolute addresses)."""

import re

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.safestring import mark_safe
from lxml import html as lxml_html

import imaging
from articles import body as elements
from articles.models import Article
from public import embeds, pictures

SIZES = "(min-width: 72rem) 44rem, 100vw"
SLOT = re.compile(r'<newsroom-picture data-n="(\d+)"></newsroom-picture>')
#: What rendering a body reads besides the story: its inline photos, and of
#: the stories it links to what says where they are and whether they are live.
PREFETCH = (
    "inline_photos",
    Prefetch(
        "linked_stories",
        queryset=Article.objects.only(
            "pk", "slug", "status", "publish_at", "unpublish_at", "live_coverage"
        ),
    ),
)


def render(article):
    """The body of `article` (its inline_photos, linked_stories and embeds
    prefetched) for its page."""
    shown = []  # each photo's <picture>, put in after serializing

    def picture(photo, figure):
        html = pictures.picture(
            photo, sizes=SIZES, ratio=_ratio(figure), alt=alt_text(photo, figure)
        )
        shown.append(str(html))
        # lxml's HTML writer would close <source>: the markup goes in as text.
        return lxml_html.Element("newsroom-picture", {"data-n": str(len(shown) - 1)})

    html = _render(article, picture)
    return SLOT.sub(lambda match: shown[int(match[1])], html)


def render_absolute(article, request):
    """The body for other sites: photos as <img> and links at absolute
    addresses (`request` says which host); quoted posts stay the address
    alone in a paragraph, for them to show as they like."""

    def image(photo, figure):
        chosen = imaging.fallback(
            photo.renditions, photo.image.storage, _ratio(figure), max_width=1600
        )
        if not chosen:
            return None
        return lxml_html.Element(
            "img",
            src=request.build_absolute_uri(chosen["url"]),
            width=str(chosen["width"]),
            height=str(chosen["height"]),
            alt=alt_text(photo, figure),
        )

    return _render(article, image, absolute=request.build_absolute_uri, cards=False)


def inline_uses(article):
    """Each inline photo the body shows, in order, as used here: (photo,
    alt, caption, credit, ratio); photos no longer in the library left out."""
    photos = {photo.pk: photo for photo in article.inline_photos.all()}
    uses = []
    for figure in elements.photos(elements.parse(article.body)):
        photo = photos.get(elements.photo_id(figure))
        if photo is None:
            continue
        stored = figure.find("figcaption")
        caption = stored.text_content().strip() if stored is not None else ""
        credit = figure.get("data-credit", "").strip()
        uses.append(
            (
                photo,
                alt_text(photo, figure),
                caption or photo.caption,
                credit or photo.credit,
                _ratio(figure),
            )
        )
    return uses


def _render(article, image, absolute=None, cards=True):
    root = elements.parse(article.body)
    photos = {photo.pk: photo for photo in article.inline_photos.all()}
    for figure in elements.photos(root):
        _photo(figure, photos.get(elements.photo_id(figure)), image)
    for number, figure in enumerate(elements.tables(root), 1):
        _table(figure, number)
    for number, aside in enumerate(root.xpath("//aside[@class='fact-box']"), 1):
        _fact_box(aside, number)
    stories = {story.pk: story for story in article.linked_stories.all()}
    for anchor in root.xpath("//a[@data-story]"):
        _link(anchor, stories, absolute)
    html = elements.serialize(root)
    return embeds.render_html(html, article) if cards else html


def alt_text(photo, figure):
    """This use's alt text, or the library's."""
    return figure.get("data-alt", "").strip() or photo.alt_text


def _ratio(figure):
    ratio = figure.get("data-ratio", "original")
    return ratio if ratio in elements.RATIOS else "original"


def _photo(figure, photo, image):
    """The figure as shown, or gone with its photo."""
    if photo is None or (shown := image(photo, figure)) is None:
        figure.drop_tree()
        return
    stored = figure.find("figcaption")
    caption = stored.text_content().strip() if stored is not None else ""
    caption = caption or photo.caption
    credit = figure.get("data-credit", "").strip() or photo.credit
    for name in elements.PHOTO_ATTRIBUTES:
        figure.attrib.pop(name, None)
    figure.clear()
    figure.set("class", "story-photo")
    figure.append(shown)
    if caption or credit:
        shown_caption = lxml_html.Element("figcaption")
        shown_caption.text = f"{caption} " if caption and credit else caption
        if credit:
            span = lxml_html.Element("span", {"class": "credit"})
            span.text = credit
            shown_caption.append(span)
        figure.append(shown_caption)


def _table(figure, number):
    """A table with its caption inside it, headers scoped, in a region that
    scrolls sideways on its own (the page never does)."""
    table = figure if figure.tag == "table" else figure.find(".//table")
    if table is None:
        figure.drop_tree()
        return
    stored = figure.find("figcaption") if figure is not table else None
    label = f"Table {number}"
    if stored is not None:
        if stored.text_content().strip():
            label = " ".join(stored.text_content().split())
            stored.tag = "caption"
            table.insert(0, stored)
        else:
            stored.drop_tree()
    rows = table.xpath(".//tr")
    if rows and elements.has_header_row(table):
        for cell in rows[0].xpath("./th"):
            cell.set("scope", "col")
    scroll = lxml_html.Element(
        "div",
        {
            "class": "table-scroll",
            "role": "region",
            "tabindex": "0",
            "aria-label": label,
        },
    )
    table.addprevious(scroll)
    scroll.append(table)


def _fact_box(aside, number):
    title = aside.find("p[@class='fact-box-title']")
    if title is None:
        aside.set("aria-label", "Fact box")
        return
    title.tag = "h2"
    title.set("id", f"fact-box-{number}")
    aside.set("aria-labelledby", f"fact-box-{number}")


def _link(anchor, stories, absolute):
    """A link to one of our stories at its address of the day, or its words
    alone once the story is not live (withdrawn, deleted, not yet out)."""
    value = anchor.attrib.pop("data-story")
    story = stories.get(int(value)) if value.isdigit() else None
    if story is None or not story.is_live:
        anchor.drop_tag()
        return
    path = story.get_absolute_url()
    anchor.set("href", absolute(path) if absolute else path)


def next_change(article):
    """When a story the body links to comes out or leaves (its link turns
    into text, or back): the body rendered now is good until then, or None."""
    now = timezone.now()
    moments = [
        moment
        for story in article.linked_stories.all()
        for moment in (story.publish_at, story.unpublish_at)
        if moment is not None and moment > now
    ]
    return min(moments, default=None)


def story_body(article):
    """For the templates: the body as the page shows it (safe HTML)."""
    return mark_safe(render(article))  # noqa: S308 - sanitized, then escaped parts
