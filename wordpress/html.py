"""A WordPress post's content made into a story body: shortcodes resolved
or removed, bare paragraphs wrapped (WordPress's autop), and everything the
body's sanitizer will not keep reported before it cleans it."""

import re
from html.parser import HTMLParser

from django_prose_editor.config import allowlist_from_extensions, expand_extensions

from articles.body import BODY_EXTENSIONS
from articles.models import Article

ALLOWED = allowlist_from_extensions(expand_extensions(BODY_EXTENSIONS))
#: WordPress's own shortcodes: removed even bare ("[gallery]"); any other
#: name only with attributes or a closing tag, so "[sic]" stays text.
CORE_SHORTCODES = {"gallery", "audio", "video", "playlist", "caption", "embed"}
#: A shortcode's tag: [name attributes], [name/] or [/name].
SHORTCODE = re.compile(r"\[(/)?([a-zA-Z][\w-]*)(\s[^\]]*)?\]")
BLOCK = re.compile(r"<(p|h[1-6]|ul|ol|blockquote|div|figure|table|hr|pre)\b", re.I)
DROPPED_WITH_CONTENT = {"script", "style"}
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _pairs(tags):
    """Which opening tag each closing one closes: the nearest open one of
    its name, in one pass (a regex looking ahead from every opening tag for
    its closing one took quadratic time on "[x a]" repeated)."""
    opened, pairs = {}, {}
    for index, tag in enumerate(tags):
        name = tag.group(2).lower()
        if tag.group(1):
            if opened.get(name):
                pairs[opened[name].pop()] = index
        elif not (tag.group(3) or "").rstrip().endswith("/"):
            opened.setdefault(name, []).append(index)
    return pairs


def _shortcodes(content, notes):
    """Shortcodes resolved or removed, in linear time: an enclosing one
    keeps its text ([caption] its caption, [embed] its address alone in a
    paragraph); a lone one goes, unless it is not WordPress's own and has
    no attributes ("[sic]" is text)."""
    tags = list(SHORTCODE.finditer(content))
    pairs = _pairs(tags)
    closers = {closer: opener for opener, closer in pairs.items()}
    out, position = [], 0
    for index, tag in enumerate(tags):
        out.append(content[position : tag.start()])
        position = tag.end()
        name, attributes = tag.group(2).lower(), tag.group(3)
        if index in pairs:
            if name == "embed":
                out.append("\n\n")
            elif name not in ("caption", "wp_caption"):
                notes.append(f"shortcode [{name}] removed (its text kept)")
        elif index in closers:
            if name == "embed":
                out.append("\n\n")
        elif tag.group(1) or (name not in CORE_SHORTCODES and not attributes):
            out.append(tag.group(0))  # a stray closing tag, or "[sic]": text
        else:
            notes.append(f"shortcode [{name}] removed")
    out.append(content[position:])
    return "".join(out)


def autop(content):
    """WordPress keeps paragraphs as blank lines: make them <p>s (the block
    editor's comments, <!-- wp:paragraph -->, go first)."""
    content = COMMENT.sub("", content).strip()
    if BLOCK.search(content):
        return content
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", content) if p.strip()]
    return "".join(
        "<p>" + p.replace("\r\n", "\n").replace("\n", "<br>") + "</p>"
        for p in paragraphs
    )


class _Inspector(HTMLParser):
    """Notes each tag, attribute and link the sanitizer will drop."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.notes = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            source = dict(attrs).get("src") or ""
            self.notes.append(f"image {source} not kept (bodies hold no images)")
            return
        if tag not in ALLOWED["tags"]:
            kept = "" if tag in DROPPED_WITH_CONTENT else " (its text kept)"
            self.notes.append(f"<{tag}> removed{kept}")
            return
        allowed = ALLOWED["attributes"].get(tag, set())
        for name, value in attrs:
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


def body(content):
    """(the body as the story keeps it, what was removed and why)."""
    notes = []
    prepared = autop(_shortcodes(content, notes))
    notes += inspect(prepared)
    return Article._meta.get_field("body").sanitize(prepared), notes
