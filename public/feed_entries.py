"""A feed's entries, written once per version of their story.

Each story's `<item>` (RSS) or `<entry>` (Atom) is written once per version
of the story and of its card (`version`, `card_version`: the commit step
moves them for every change either shows), per feed format and per address
the feed is read at (entries hold absolute links), and kept as cards are:
in this process's memory, then in the shared cache. A feed read afresh
reads which stories it lists with their versions, in one query, and writes
only the entries neither cache holds, all at once.
"""

import re

from django.core.cache import caches

from public.release import release

#: What a feed reads for each story it lists.
FIELDS = ("pk", "version", "card_version", "publish_at", "updated_at")
#: Stored entries outlive any feed: a week, then written again on next use.
TIMEOUT = 7 * 24 * 3600
#: An entry in a written feed. Text in it is escaped, so its closing tag
#: cannot occur inside it.
ENTRY = {
    "rss": re.compile(r"<item>.*?</item>", re.DOTALL),
    "atom": re.compile(r"<entry>.*?</entry>", re.DOTALL),
}


def name(kind, base, pk, version, card_version):
    return f"feed-entry:{release()}:{kind}:{base}:{pk}:{version}:{card_version}"


def stored(names):
    """The entries kept under `names`: {name: (xml, keys)}."""
    local = caches["local"]
    found = local.get_many(names)
    missing = [each for each in names if each not in found]
    if missing:
        shared = caches["default"].get_many(missing)
        local.set_many(shared, TIMEOUT)
        found.update(shared)
    return found


def split(kind, written):
    """The entries of a written feed, in order."""
    return ENTRY[kind].findall(written)


def keep(entries):
    """Store {name: (xml, keys)}."""
    caches["default"].set_many(entries, TIMEOUT)
    caches["local"].set_many(entries, TIMEOUT)
