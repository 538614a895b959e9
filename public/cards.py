"""Story cards, rendered once per version of what they show.

A card shows its story's headline, dek, time, section, photo and byline names,
and lists print the story's tags under it. `Article.card_version` moves
whenever any of that changes: the commit step bumps it for every story it
revises, and for every story whose card shows a tag, author, section or photo
that a library action changed. So a card is stored under its story's id and
card version, and a stored card is never stale: each process keeps the cards
it used (the `local` cache, in memory), the shared cache keeps them for every
process, and only the cards neither holds are rendered, all of a page's at
once, in three queries.

A list therefore reads `(id, card_version)` for its page and puts stored HTML
together; it renders no story through a template unless a card is new. Nor
then, mostly: a change that gives a few stories new cards has them rendered
in every variant as it commits (`prepare`), once, before readers' lists move.
"""

from dataclasses import dataclass

from django.core.cache import caches
from django.template.loader import get_template
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

import caching
from articles import keys
from articles.models import Article
from public import pictures
from public.release import release

#: Card variants: the template's flags for each.
VARIANTS = {
    "card": {},
    "large": {"large": True},
    "compact": {"compact": True},
}
#: What a list reads for each story on its page.
FIELDS = ("pk", "card_version")
#: Stored cards outlive any page: a week, then rendered again on next use.
TIMEOUT = 7 * 24 * 3600
#: The layout of a stored card; a new layout is stored under new names, so a
#: process never reads a card another release stored differently.
LAYOUT = 2


@dataclass(frozen=True, slots=True)
class Card:
    pk: int
    html: SafeString
    #: (slug, name) of the story's tags, HTML-escaped when the card was stored.
    tags: tuple
    #: The content keys of what the card and its tags show.
    keys: tuple

    def __str__(self):
        return self.html

    def __html__(self):
        return self.html

    def tag_links(self, url, query=""):
        """The story's tags as list items linking to `url` narrowed by each."""
        prefix = escape(f"{url}?{query}&tag=" if query else f"{url}?tag=")
        return mark_safe(  # noqa: S308 - every part escaped
            "".join(f'<li><a href="{prefix}{s}">{n}</a></li>' for s, n in self.tags)
        )


def cards(rows, variant="card"):
    """The cards of `rows` ((pk, card_version) pairs of live stories, or
    dicts of `values(*FIELDS)`), in order, and their keys recorded for the
    page cache."""
    names = {pair: name(*pair, variant) for pair in map(_pair, rows)}
    local = caches["local"]
    found = local.get_many(names.values())
    missing = [stored for stored in names.values() if stored not in found]
    if missing:
        shared = caches["default"].get_many(missing)
        local.set_many(shared, TIMEOUT)
        found.update(shared)
    new = [pair for pair, stored in names.items() if stored not in found]
    if new:
        found.update(render(new, variant))
    result = []
    for pair, stored in names.items():
        value = found.get(stored)
        if value is None:  # deleted since the page's query
            continue
        html, tags, card_keys = value
        card = Card(pair[0], mark_safe(html), tags, card_keys)  # noqa: S308 - rendered by a template
        caching.shows(*card_keys)
        result.append(card)
    return result


def current(ids):
    """(pk, card_version) of the live stories among `ids`, in their order.

    For ids a list kept (its stories change its card versions, not the
    list): read by id and checked with the row form of the live rule
    (`Article.live_at`), as a database walking the live index to check 20
    ids would cost more than the list it saves.
    """
    now = timezone.now()
    rows = Article.objects.filter(pk__in=ids).order_by()
    rows = rows.values_list(*FIELDS, *Article.LIVE_FIELDS)
    live = {pk: card for pk, card, *state in rows if Article.live_at(now, *state)}
    return [(pk, live[pk]) for pk in ids if pk in live]


def name(pk, version, variant):
    return f"card:{LAYOUT}:{release()}:{pk}:{version}:{variant}"


def render(pairs, variant):
    """Render and store the cards of `pairs` ((pk, card_version) asked for);
    return them under the names asked for."""
    found = _render(Article.objects.filter(pk__in=[pk for pk, _ in pairs]), [variant])
    return {
        name(*pair, variant): found[pair[0], variant]
        for pair in pairs
        if (pair[0], variant) in found
    }


def prepare(sender, pks, **kwargs):
    """Render the new cards of stories `pks` in every variant, once for
    every process, as the change that gave them new versions commits
    (articles.signals.cards_changed): the lists its purge moves then find
    them stored, and no reader's request renders them."""
    _render(Article.objects.live().filter(pk__in=pks), VARIANTS)


def _render(stories, variants):
    """Render and store the cards of `stories` (a queryset) in `variants`,
    under each story's card version as read now; {(pk, variant): card
    value}."""
    template = get_template("articles/includes/card.html")
    stored, found = {}, {}
    briefly = {}  # cards showing a missing picture's placeholder
    for story in stories.for_cards():
        tags = story.tags.all()
        shown = tuple((escape(tag.slug), escape(tag.name)) for tag in tags)
        card_keys = (*keys.card_keys(story), *(keys.record(tag) for tag in tags))
        for variant in variants:
            with pictures.watching() as missing:
                html = template.render({"article": story, **VARIANTS[variant]})
            # Stored under the version just read: if the story changed since
            # the page read its version, the newer card is stored, never an
            # older one.
            stored_name = name(story.pk, story.card_version, variant)
            value = found[story.pk, variant] = (html, shown, card_keys)
            (briefly if missing else stored)[stored_name] = value
    for cards_, timeout in [(stored, TIMEOUT), (briefly, pictures.SOURCES_SECONDS)]:
        caches["default"].set_many(cards_, timeout)
        caches["local"].set_many(cards_, timeout)
    return found


def _pair(row):
    if isinstance(row, dict):
        return row["pk"], row["card_version"]
    return tuple(row)
