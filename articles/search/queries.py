"""The search index's operations and readers' queries over it (see the
package's docstring)."""

import re

from django.db import connection
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from articles.models import Article
from articles.search.backends.base import SearchBackend
from articles.search.backends.postgres import PostgresSearch
from articles.search.backends.sqlite import SQLiteSearch

MAX_TERMS = 12
MAX_TERM_LENGTH = 40
MAX_RESULTS = 500
RECENT_WINDOW = 10_000
SNIPPET_CHARS = 220
WORD = re.compile(r"[^\W_]+", re.UNICODE)


#: One backend per database vendor; other databases search nothing.
BACKENDS = {"sqlite": SQLiteSearch, "postgresql": PostgresSearch}


def backend():
    """The search backend of the default database."""
    return BACKENDS.get(connection.vendor, SearchBackend)(connection)


def terms(query):
    """The words of a reader's query: letters and digits only, lower case."""
    words = WORD.findall((query or "")[:1000])
    unique = dict.fromkeys(word.casefold()[:MAX_TERM_LENGTH] for word in words)
    return list(unique)[:MAX_TERMS]


def index(pks):
    """Write the searchable text of the stories `pks` into the index.

    Idempotent, and set-wise: any number of stories in a fixed number of
    queries per thousand. A story that no longer exists leaves the index.
    """
    backend().index(list(pks))


def rebuild():
    """Index every story anew (after a bulk load)."""
    backend().rebuild()


def remove(pks):
    """Drop deleted stories from the index."""
    backend().remove(list(pks))


def search(query):
    """Ids of the live stories matching the query, best match first (at most
    MAX_RESULTS). Only ids: a results page loads just its own stories.

    Ranking costs time for every match, and a common word matches a large
    part of the archive: the newest RECENT_WINDOW stories are ranked first,
    and the whole archive only when they hold too few matches.
    """
    words = terms(query)
    if not words:
        return []
    engine = backend()
    newest = engine.newest_id()
    if newest is None:
        return []
    ids = engine.rank(words, above_id=newest - RECENT_WINDOW, limit=MAX_RESULTS)
    if len(ids) < MAX_RESULTS:
        ids = engine.rank(words, above_id=None, limit=MAX_RESULTS)
    if not ids:
        return []
    live = set(Article.objects.live().filter(pk__in=ids).values_list("pk", flat=True))
    return [pk for pk in ids if pk in live]


def load(ids):
    """The stories for a page of ids, in that order, ready for cards."""
    found = {
        article.pk: article
        for article in Article.objects.filter(pk__in=ids).for_cards()
    }
    return [found[pk] for pk in ids if pk in found]


def highlight(text, words, limit=SNIPPET_CHARS):
    """A snippet of plain `text` around the first match, matches in <mark>.

    The text is escaped before any markup is added, so nothing from the
    story or the query can inject HTML.
    """
    plain = " ".join(strip_tags(text or "").split())
    lowered = plain.casefold()
    start = min(
        (lowered.find(word) for word in words if lowered.find(word) >= 0), default=0
    )
    start = max(0, start - limit // 3)
    snippet = plain[start : start + limit]
    pieces = []
    for token in re.split(r"([^\W_]+)", snippet):
        folded = token.casefold()
        if token and any(folded.startswith(word) for word in words):
            pieces.append(f"<mark>{escape(token)}</mark>")
        else:
            pieces.append(escape(token))
    prefix = "…" if start else ""
    suffix = "…" if start + limit < len(plain) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - escaped above
