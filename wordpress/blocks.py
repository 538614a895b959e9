"""WordPress's markup made into the story body's elements (articles.body):

- core/image, a classic [caption] and a bare <img>: an inline photo, the
  image brought into the library (wordpress.images), its alt text and
  caption kept for this use;
- core/gallery: its images, each an inline photo;
- core/table: a table, its <thead> row the header, its caption kept;
- core/pullquote: a pull quote; core/quote: a block quote, its <cite> a
  last line;
- core/embed: its address alone in a paragraph (a quoted post or video);
- headings: level 1 becomes 2, levels 4 to 6 become 3.

Lists, level-2 and level-3 headings, separators and paragraphs are the body's
own already. `photo_for(src=..., attachment=..., alt=...)` gives a library
photo or None (the report says why); what is left out goes in `notes`.
"""

import re

from lxml import etree
from lxml import html as lxml_html

from articles import body

ATTACHMENT = re.compile(r"\bwp-image-(\d+)\b")


def convert(html, photo_for, notes):
    root = body.parse(html)
    for figure in _with_class(root, "figure", "wp-block-gallery"):
        figure.drop_tag()  # its images become photos below, in order
    for image in root.xpath("//img"):
        _photo(image, photo_for, notes)
    for figure in _with_class(root, "figure", "wp-block-table"):
        _table(figure)
    for figure in _with_class(root, "figure", "wp-block-pullquote"):
        _pull_quote(figure)
    for quote in root.xpath("//blockquote[cite]"):
        for cite in quote.xpath("./cite"):
            line = etree.Element("p")
            line.text = f"— {' '.join(cite.text_content().split())}"
            cite.addprevious(line)
            cite.drop_tree()
    for figure in _with_class(root, "figure", "wp-block-embed"):
        _embed(figure)
    for heading in root.xpath("//h1|//h4|//h5|//h6"):
        heading.tag = "h2" if heading.tag == "h1" else "h3"
    for figure in root.xpath("//figure[not(@data-photo)]"):
        if not _ours(figure):
            notes.append("a WordPress block was unwrapped (its text kept)")
            figure.drop_tag()
    return body.serialize(root)


def _with_class(root, tag, name):
    return root.xpath(f"//{tag}[contains(concat(' ', @class, ' '), ' {name} ')]")


def _ours(figure):
    classes = set(figure.get("class", "").split())
    return bool(classes & {"story-photo", "story-table", "pull-quote"})


def _photo(image, photo_for, notes):
    """The image as an inline photo, with the caption of its figure; gone
    (its caption kept as a paragraph) when it cannot come in."""
    figure = image.getparent()
    while figure is not None and figure.tag not in ("figure", "p"):
        figure = figure.getparent()
    caption = ""
    if figure is not None and figure.tag == "figure":
        stored = figure.find("figcaption")
        if stored is not None:
            caption = " ".join(stored.text_content().split())
        elif "wp-caption" in figure.get("class", ""):  # [caption]'s text
            caption = " ".join(figure.text_content().split())
    found = ATTACHMENT.search(image.get("class", ""))
    photo = photo_for(
        src=image.get("src", ""),
        attachment=int(found[1]) if found else None,
        alt=image.get("alt", "").strip(),
    )
    if photo is None:
        replacement = None
        if caption:
            replacement = etree.Element("p")
            replacement.text = caption
            notes.append("an image could not come in: its caption is kept as text")
    else:
        replacement = lxml_html.fragment_fromstring(
            body.photo_html(photo.pk, alt=image.get("alt", "").strip(), caption=caption)
        )
    if figure is not None and figure.tag == "figure":
        _replace(figure, replacement)
    elif figure is not None and not _other_content(figure, image):
        _replace(figure, replacement)  # a paragraph holding the image alone
    else:
        if replacement is not None:
            (figure if figure is not None else image).addnext(replacement)
        image.drop_tree()


def _other_content(paragraph, image):
    rest = "".join(paragraph.itertext()).strip()
    return bool(rest) or len(paragraph) > 1 or image.getparent() is not paragraph


def _replace(element, replacement):
    if replacement is None:
        element.drop_tree()
        return
    replacement.tail = element.tail
    element.getparent().replace(element, replacement)


def _table(figure):
    table = figure.find(".//table")
    if table is None:
        figure.drop_tree()
        return
    stored = figure.find("figcaption")
    shaped = etree.Element("figure", {"class": "story-table"})
    shaped.append(table)
    if stored is not None and stored.text_content().strip():
        caption = etree.SubElement(shaped, "figcaption")
        caption.text = " ".join(stored.text_content().split())
    _replace(figure, shaped)


def _pull_quote(figure):
    quote = figure.find(".//blockquote")
    if quote is None:
        figure.drop_tag()
        return
    cite = quote.find("cite")
    who = " ".join(cite.text_content().split()) if cite is not None else ""
    if cite is not None:
        cite.drop_tree()
    text = " ".join(quote.text_content().split())
    _replace(figure, lxml_html.fragment_fromstring(body.pull_quote_html(text, who)))


def _embed(figure):
    address = " ".join(figure.text_content().split())
    paragraph = etree.Element("p")
    paragraph.text = address
    _replace(figure, paragraph)
