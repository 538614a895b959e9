"""The demo newsroom as data files.

`content/newsroom.toml` lists the sections and authors; each story is one file
in `content/stories/`: TOML front matter between `+++` lines, then the body,
paragraphs separated by blank lines. Apart from the first story, which
retells the U.S. Secretary of State's April 2024 visit to Shanghai, all
people, places and events are fictional.
"""

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.html import escape

from articles import body
from articles.models import Article

CONTENT = Path(__file__).resolve().parent / "content"
#: A paragraph that stands for one of a story's `elements`.
ELEMENT = re.compile(r"\[element (\d+)\]")
Status = Article.Status
#: The state each demo story is brought to; "scheduled" is published with a
#: future time, as the newsroom derives it.
SCHEDULED = "scheduled"
STATES = [Status.PUBLISHED, Status.DRAFT, Status.IN_REVIEW, SCHEDULED, Status.WITHDRAWN]


@dataclass
class DemoStory:
    slug: str
    headline: str
    dek: str
    section: str
    authors: list
    tags: list
    status: str
    photo: dict
    paragraphs: list
    hours_ago: int = 0
    hours_ahead: int = 0
    top_story: int | None = None
    citations: list = field(default_factory=list)
    corrections: list = field(default_factory=list)
    #: {"role": a Credit role, "author": a slug, or "name": free text}
    credits: list = field(default_factory=list)
    #: Photos of its gallery, each like `photo`.
    gallery: list = field(default_factory=list)
    #: Posts it quotes, as stored: {"url", "author_name", "author_url",
    #: "text", "published"}.
    embeds: list = field(default_factory=list)
    #: A live story, and its updates: {"minutes_ago", "text", "pinned"}.
    live: bool = False
    updates: list = field(default_factory=list)
    #: What the body holds besides paragraphs, each put where a paragraph
    #: reads "[element N]": {"kind": "photo" (like `photo`, with its
    #: "use_caption"), "table" ("rows", "caption"), "quote" ("text", "by")
    #: or "facts" ("title", "items")}.
    elements: list = field(default_factory=list)

    def body(self, photo_for):
        """The body's HTML; `photo_for(data)` gives a library photo."""
        html = []
        for paragraph in self.paragraphs:
            marker = ELEMENT.fullmatch(paragraph)
            if marker is None:
                html.append(f"<p>{escape(paragraph)}</p>")
            else:
                html.append(self.element(self.elements[int(marker[1]) - 1], photo_for))
        return "".join(html)

    @staticmethod
    def element(data, photo_for):
        kind = data["kind"]
        if kind == "photo":
            photo = photo_for(data)
            return body.photo_html(
                photo.pk, alt=photo.alt_text, caption=data.get("use_caption", "")
            )
        if kind == "table":
            return body.table_html(data["rows"], caption=data.get("caption", ""))
        if kind == "quote":
            return body.pull_quote_html(data["text"], data.get("by", ""))
        return body.fact_box_html(data["title"], data["items"])


def newsroom():
    """{"sections": [...], "authors": [...]}, in display order."""
    with (CONTENT / "newsroom.toml").open("rb") as file:
        return tomllib.load(file)


def read_story(path):
    _, front, body = path.read_text(encoding="utf-8").split("+++\n", 2)
    data = tomllib.loads(front)
    if data["status"] not in STATES:
        raise ValueError(f"{path.name}: unknown status {data['status']!r}")
    paragraphs = [" ".join(p.split()) for p in body.split("\n\n") if p.strip()]
    return DemoStory(slug=path.stem, paragraphs=paragraphs, **data)


def stories():
    """Every demo story: published ones newest first, then the hidden ones."""
    found = [read_story(path) for path in sorted(CONTENT.glob("stories/*.md"))]
    return sorted(found, key=lambda s: (STATES.index(s.status), s.hours_ago, s.slug))
