"""What a story's body holds: sanitized rich text (django-prose-editor, nh3)
with the elements news stories carry, each stored as plain, sanitized HTML:

- an inline photo, a library photo by id with this use's alt text, credit,
  crop and caption:
  <figure class="story-photo" data-photo="12" data-ratio="original"
  data-alt="…" data-credit="…"><figcaption>…</figcaption></figure>
- a table with a header row (<th> cells) and an optional caption:
  <figure class="story-table"><table>…</table><figcaption>…</figcaption></figure>
- a pull quote: <figure class="pull-quote"><blockquote><p>…</p></blockquote>
  <figcaption>attribution</figcaption></figure>
- a fact box: <aside class="fact-box"><p class="fact-box-title">…</p>
  paragraphs or a list</aside>
- a link to another of our stories, kept by the story's id: <a href="…"
  data-story="34"> (the id is worked out on every save from the address,
  articles.actions.body; readers get the story's address of the day, or
  plain text once it is not live: public.body)
- quoted posts and videos: an address alone in a paragraph (articles.embeds).

The editor inserts them (desk/static/desk/body_elements.js); the sanitizer
below keeps exactly these shapes whatever a browser sends. Nothing here
touches the database: settings read the processors at start-up.
"""

from django.utils.functional import lazy
from django_prose_editor.config import add_allowed_classes, add_tags_and_attributes
from lxml import etree
from lxml import html as lxml_html

#: The crops a photo may be shown in (imaging.CROPS, and its own shape).
RATIOS = ("original", "16:9", "4:3", "1:1")
PHOTO_ATTRIBUTES = ["data-photo", "data-ratio", "data-alt", "data-credit"]


def _story_photo(config, shared):
    add_tags_and_attributes(
        shared, ["figure", "figcaption"], {"figure": PHOTO_ATTRIBUTES}
    )
    add_allowed_classes(shared, {"figure": ["story-photo"]})


def _story_table(config, shared):
    add_tags_and_attributes(shared, ["figure", "figcaption"], None)
    add_allowed_classes(shared, {"figure": ["story-table"]})


def _pull_quote(config, shared):
    add_tags_and_attributes(shared, ["figure", "figcaption", "blockquote", "p"], None)
    add_allowed_classes(shared, {"figure": ["pull-quote"]})


def _fact_box(config, shared):
    add_tags_and_attributes(shared, ["aside", "p", "ul", "ol", "li"], None)
    add_allowed_classes(shared, {"aside": ["fact-box"], "p": ["fact-box-title"]})


def _story_links(config, shared):
    add_tags_and_attributes(shared, ["a"], {"a": ["data-story"]})


def _static(path):
    from django.templatetags.static import static

    return static(path)


#: The body's own elements for django-prose-editor
#: (settings.DJANGO_PROSE_EDITOR_EXTENSIONS): the editor's script for them,
#: and what each lets the sanitizer keep.
EDITOR_EXTENSIONS = {
    "js": [lazy(_static, str)("desk/body_elements.js")],
    "extensions": {
        "StoryPhoto": _story_photo,
        "StoryTable": _story_table,
        "PullQuote": _pull_quote,
        "FactBox": _fact_box,
        "StoryLinks": _story_links,
    },
}

#: What the rich-text body may hold; the same list drives the editor's toolbar
#: and the server-side nh3 sanitizer, so a crafted POST cannot add more.
BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "History": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "Caption": True,
    "StoryPhoto": True,
    "StoryTable": True,
    "PullQuote": True,
    "FactBox": True,
    "StoryLinks": True,
}


# --- writing elements (the demo, the WordPress import) ----------------------


def photo_html(pk, *, alt="", caption="", credit="", ratio="original"):
    attributes = {"class": "story-photo", "data-photo": str(pk), "data-ratio": ratio}
    if alt:
        attributes["data-alt"] = alt
    if credit:
        attributes["data-credit"] = credit
    figure = lxml_html.Element("figure", attributes)
    if caption:
        etree.SubElement(figure, "figcaption").text = caption
    return _html(figure)


def table_html(rows, *, caption="", header=True):
    """A table of `rows` (lists of cell texts), the first a header row."""
    figure = lxml_html.Element("figure", {"class": "story-table"})
    body = etree.SubElement(etree.SubElement(figure, "table"), "tbody")
    for number, row in enumerate(rows):
        line = etree.SubElement(body, "tr")
        for text in row:
            cell = etree.SubElement(line, "th" if header and number == 0 else "td")
            etree.SubElement(cell, "p").text = text
    if caption:
        etree.SubElement(figure, "figcaption").text = caption
    return _html(figure)


def pull_quote_html(text, attribution=""):
    figure = lxml_html.Element("figure", {"class": "pull-quote"})
    etree.SubElement(etree.SubElement(figure, "blockquote"), "p").text = text
    if attribution:
        etree.SubElement(figure, "figcaption").text = attribution
    return _html(figure)


def fact_box_html(title, items, *, listed=True):
    aside = lxml_html.Element("aside", {"class": "fact-box"})
    etree.SubElement(aside, "p", {"class": "fact-box-title"}).text = title
    holder = etree.SubElement(aside, "ul") if listed else aside
    for item in items:
        parent = etree.SubElement(holder, "li") if listed else holder
        etree.SubElement(parent, "p").text = item
    return _html(aside)


def _html(element):
    return etree.tostring(element, encoding="unicode", method="html")


# --- reading a body -------------------------------------------------------


def parse(body):
    """The body as an lxml element (a <div> around it) to read or change."""
    return lxml_html.fragment_fromstring(body or "", create_parent="div")


def serialize(root):
    """The children of `parse()`'s <div> as HTML again."""
    text = root.text or ""
    return text + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in root
    )


def _classed(root, tag, name):
    return root.xpath(f"//{tag}[contains(concat(' ', @class, ' '), ' {name} ')]")


def photos(root):
    """The inline photo figures, in order."""
    return _classed(root, "figure", "story-photo")


def photo_id(figure):
    value = figure.get("data-photo", "")
    return int(value) if value.isdigit() and 0 < int(value) < 2**63 else None


def photo_ids(body):
    """The library photos the body shows, in order, each once."""
    found = (photo_id(figure) for figure in photos(parse(body)))
    return list(dict.fromkeys(pk for pk in found if pk is not None))


def tables(root):
    """Table figures, and tables outside one (an import's), in order."""
    figure = "figure[contains(concat(' ', @class, ' '), ' story-table ')]"
    return root.xpath(f"//{figure} | //table[not(ancestor::{figure})]")


def has_header_row(table):
    """Does the table's first row hold header cells (<th>) only?"""
    rows = table.xpath(".//tr")
    cells = rows[0].xpath("./th|./td") if rows else []
    return bool(cells) and all(cell.tag == "th" for cell in cells)


def story_ids(body):
    """The stories the body links to (data-story), each once."""
    found = (a.get("data-story", "") for a in parse(body).xpath("//a[@data-story]"))
    return list(dict.fromkeys(int(v) for v in found if v.isdigit()))


def problems(body, library_alts):
    """What stops publication: an inline photo no longer in the library, or
    without alt text here and in the library (`library_alts`: photo id to
    its library alt text)."""
    found = []
    for number, figure in enumerate(photos(parse(body)), 1):
        pk = photo_id(figure)
        if pk not in library_alts:
            found.append(f"inline photo {number} is no longer in the library")
        elif not (figure.get("data-alt", "").strip() or library_alts[pk].strip()):
            found.append(f"inline photo {number} needs alt text")
    return found


def warnings(body):
    """Worth an editor's look: tables without a header row."""
    root = parse(body)
    headerless = [t for t in root.xpath("//table") if not has_header_row(t)]
    return [
        f"Table {n} has no header row: readers of screen readers cannot tell "
        "what its columns hold."
        for n, _ in enumerate(headerless, 1)
    ]


def outline(body):
    """The body as lines of text, its elements named, for the revisions'
    diff: "[Photo 12: alt] caption", "[Table]" then a line per row,
    "[Pull quote] …", "[Fact box] …"."""
    root = parse(body)
    for figure in photos(root):
        figure.text = (
            f"[Photo {figure.get('data-photo', '?')}: {figure.get('data-alt', '')}] "
        )
    for figure in tables(root):
        figure.text = f"[Table]\n{figure.text or ''}"
    for figure in _classed(root, "figure", "pull-quote"):
        figure.text = "[Pull quote] "
    for aside in _classed(root, "aside", "fact-box"):
        aside.text = "[Fact box] "
    for cell in root.xpath("//th|//td"):
        cell.tail = f" | {cell.tail or ''}"
    for block in root.xpath("//p|//h2|//h3|//li|//blockquote|//tr|//figcaption"):
        block.tail = f"\n{block.tail or ''}"
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return [line.removesuffix(" |") for line in lines if line]
