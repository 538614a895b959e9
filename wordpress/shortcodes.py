"""WordPress's shortcodes resolved or removed, in linear time: an enclosing
one keeps its text ([caption] becomes a figure around its image and
caption, wordpress.blocks; [embed] its address alone in a paragraph); a lone
one goes, unless it is not WordPress's own and has no attributes ("[sic]"
is text)."""

import re

#: WordPress's own shortcodes: removed even bare ("[gallery]"); any other
#: name only with attributes or a closing tag, so "[sic]" stays text.
CORE_SHORTCODES = {"gallery", "audio", "video", "playlist", "caption", "embed"}
#: A shortcode's tag: [name attributes], [name/] or [/name].
SHORTCODE = re.compile(r"\[(/)?([a-zA-Z][\w-]*)(\s[^\]]*)?\]")


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


def clean(content, notes):
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
            elif name in ("caption", "wp_caption"):
                out.append('<figure class="wp-caption">')  # wordpress.blocks
            else:
                notes.append(f"shortcode [{name}] removed (its text kept)")
        elif index in closers:
            if name == "embed":
                out.append("\n\n")
            elif name in ("caption", "wp_caption"):
                out.append("</figure>")
        elif tag.group(1) or (name not in CORE_SHORTCODES and not attributes):
            out.append(tag.group(0))  # a stray closing tag, or "[sic]": text
        else:
            notes.append(f"shortcode [{name}] removed")
    out.append(content[position:])
    return "".join(out)
