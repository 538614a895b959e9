"""What a story is checked for when it is published: worth an editor's look,
no reason to stop publication (articles.actions.transitions shows them as
warnings). Each check reads the story as saved, never what a browser says.
"""

from html.parser import HTMLParser

from articles import body

#: Search engines show about this many characters of a headline in results.
HEADLINE_SHOWN = 70
#: Search engines feature an article's image only this wide or wider.
LEAD_PHOTO_WIDTH = 1200


def warnings(article):
    """The warnings for `article`, in the order an editor would fix them."""
    found = []
    if not article.citations.exists():
        found.append("This story lists no sources.")
    if len(article.headline) > HEADLINE_SHOWN:
        found.append(
            f"The headline has {len(article.headline)} characters; search "
            f"engines show about the first {HEADLINE_SHOWN}."
        )
    photo = article.lead_photo
    if photo is not None and photo.width and photo.width < LEAD_PHOTO_WIDTH:
        found.append(
            f"The lead photo is {photo.width} px wide; search engines feature "
            f"pictures {LEAD_PHOTO_WIDTH} px wide or wider."
        )
    found.extend(heading_problems(article.body))
    found.extend(body.warnings(article.body))
    return found


def heading_problems(body):
    """The body's headings out of order: the headline is the page's only
    level-1 heading, and each heading goes at most one level below the one
    before it (a level-2 heading starts the body's outline)."""
    parser = _Headings()
    parser.feed(body or "")
    problems, previous = [], 1
    for level, text in parser.headings:
        if level == 1:
            problems.append(
                f"The body has a level-1 heading (“{text}”); the headline is "
                "the page's only one: use level 2."
            )
        elif level > previous + 1:
            problems.append(
                f"The heading “{text}” is level {level} after level {previous} "
                f"(the headline is level 1): use level {previous + 1}."
            )
        previous = level
    return problems


class _Headings(HTMLParser):
    """Collects (level, text) of every heading, h1 to h6, in document order."""

    LEVELS = {f"h{n}": n for n in range(1, 7)}

    def __init__(self):
        super().__init__()
        self.headings, self._open = [], None

    def handle_starttag(self, tag, attrs):
        if tag in self.LEVELS:
            self._open = [self.LEVELS[tag], ""]

    def handle_data(self, data):
        if self._open is not None:
            self._open[1] += data

    def handle_endtag(self, tag):
        if tag in self.LEVELS and self._open is not None:
            level, text = self._open
            self.headings.append((level, " ".join(text.split())[:60]))
            self._open = None
