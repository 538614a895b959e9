"""A WordPress post's content made into a story body: shortcodes resolved
or removed (wordpress.shortcodes), bare paragraphs wrapped (WordPress's
autop), block-editor and classic markup made into the body's elements
(wordpress.blocks), and everything the body's sanitizer will not keep
reported before it cleans it."""

import re
from html.parser import HTMLParser

from django_prose_editor.config import allowlist_from_extensions, expand_extensions

from articles.body import BODY_EXTENSIONS
from articles.models import Article
from wordpress import blocks, shortcodes

ALLOWED = allowlist_from_extensions(expand_extensions(BODY_EXTENSIONS))
BLOCK = re.compile(
    r"<(p|h[1-6]|ul|ol|blockquote|div|figure|table|hr|pre|aside|section)\b", re.I
)
DROPPED_WITH_CONTENT = {"script", "style"}
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def autop(content):
    """WordPress keeps paragraphs as blank lines: make each stretch of text
    between blank lines that is not a block already (the block editor's, a
    classic post's figure or list) a <p> (the block editor's comments,
    <!-- wp:paragraph -->, go first)."""
    content = COMMENT.sub("", content).replace("\r\n", "\n").strip()
    chunks = [c.strip() for c in re.split(r"\n\s*\n", content) if c.strip()]
    return "".join(
        chunk if BLOCK.match(chunk) else "<p>" + chunk.replace("\n", "<br>") + "</p>"
        for chunk in chunks
    )


class _Inspector(HTMLParser):
    """Notes each tag, attribute and link the sanitizer will drop."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.notes = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED["tags"]:
            kept = "" if tag in DROPPED_WITH_CONTENT else " (its text kept)"
            self.notes.append(f"<{tag}> removed{kept}")
            return
        allowed = ALLOWED["attributes"].get(tag, set())
        for name, value in attrs:
            if name == "class":
                continue  # WordPress's presentation: nothing to miss
            if name not in allowed:
                self.notes.append(f"{name} attribute on <{tag}> removed")
            elif name == "href" and value:
                scheme = value.split(":", 1)[0].strip().lower() if ":" in value else ""
                if scheme and scheme not in ALLOWED["url_schemes"]:
                    self.notes.append(f"{scheme}: link removed")

    handle_startendtag = handle_starttag


def inspect(html):
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    return list(dict.fromkeys(inspector.notes))  # each once, in order


def body(content, photo_for):
    """(the body as the story keeps it, what was removed and why): its
    images brought into the library through `photo_for` (wordpress.blocks)."""
    notes = []
    prepared = autop(shortcodes.clean(content, notes))
    prepared = blocks.convert(prepared, photo_for, notes) if prepared else prepared
    notes += inspect(prepared)
    return Article._meta.get_field("body").sanitize(prepared), notes
