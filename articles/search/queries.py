"""The search index's operations and readers' queries over it (see the
package's docstring)."""

import re

from django.db import connection
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.models import Article
from articles.search.backends.base import SearchBackend, plain_text
from articles.search.backends.postgres import PostgresSearch
from articles.search.backends.sqlite import SQLiteSearch

MAX_TERMS = 12
MAX_TERM_LENGTH = 40
MAX_RESULTS = 1_000
SNIPPET_CHARS = 220
WORD = re.compile(r"[^\W_]+", re.UNICODE)
#: A word of an escaped snippet, or an entity escaping made (never marked).
TOKEN = re.compile(r"&#?\w+;|[^\W_]+")


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


def search(query, *, start=0, count=MAX_RESULTS):
    """Ids of the live stories matching the query, newest first: `count` of
    them from the `start`-th (at most MAX_RESULTS in all). Only ids: a
    results page loads just its own stories.

    Newest first, because that is what a reader of news looks for, and
    because it is what an index gives without reading every match: a word
    found in a third of the archive costs what a rare one costs. The index
    holds stories that are not live (drafts, withdrawn ones): they are
    dropped here, reading further into the index as needed.
    """
    words = terms(query)
    count = min(count, MAX_RESULTS - start)
    if not words or count <= 0:
        return []
    engine = backend()
    wanted, found, offset = start + count, [], 0
    chunk = wanted + 10
    while len(found) < wanted and offset < 2 * MAX_RESULTS:
        ids = engine.newest(words, offset=offset, limit=chunk)
        if ids:
            shown = _live(ids)
            found += [pk for pk in ids if pk in shown]
        if len(ids) < chunk:
            break
        offset, chunk = offset + chunk, chunk * 2
    return found[start:wanted]


def _live(ids):
    """Which of `ids` are live: read by id and checked with the row form of
    the live rule (`Article.live_at`); a database walking the live index to
    check a few ids would cost more than the search."""
    now = timezone.now()
    rows = Article.objects.filter(pk__in=ids).order_by()
    rows = rows.values_list("pk", *Article.LIVE_FIELDS)
    return {pk for pk, *state in rows if Article.live_at(now, *state)}


def snippets(ids, words):
    """{id: a snippet of the story's dek and body around the first match}
    (one query)."""
    rows = Article.objects.filter(pk__in=ids).values_list("pk", "dek", "body")
    return {
        pk: highlight(f"<p>{escape(dek)}</p>{body}", words) for pk, dek, body in rows
    }


def highlight(text, words, limit=SNIPPET_CHARS):
    """A snippet of plain `text` around the first match, matches in <mark>.

    The text is escaped before any markup is added, so nothing from the
    story or the query can inject HTML. Only the part of a long text around
    the first match is made plain.
    """
    plain = plain_text(_around(text or "", words, limit))
    lowered = plain.casefold()
    start = min(
        (lowered.find(word) for word in words if lowered.find(word) >= 0), default=0
    )
    start = max(0, start - limit // 3)
    snippet = plain[start : start + limit]
    words = tuple(words)

    def mark(match):
        token = match.group()
        if token[0] != "&" and token.casefold().startswith(words):
            return f"<mark>{token}</mark>"
        return token

    # Escaped once, then each word marked (the entities escaping made are
    # passed over whole): a quarter of the time of escaping word by word.
    marked = TOKEN.sub(mark, escape(snippet))
    prefix = "…" if start else ""
    suffix = "…" if start + limit < len(plain) else ""
    return mark_safe(prefix + marked + suffix)  # noqa: S308 - escaped above


def _around(text, words, limit):
    """The part of `text` (HTML) around the first match that a snippet of
    `limit` characters can come from: a whole story body, stripped of its
    tags for every result, costs more than the rest of the page."""
    if len(text) <= 8 * limit:
        return text
    lowered = text.lower()
    found = [lowered.find(word) for word in words]
    at = min((position for position in found if position >= 0), default=0)
    start, end = max(0, at - 2 * limit), at + 3 * limit
    part = text[start:end]
    closes, opens = part.find(">"), part.find("<")
    if start and closes >= 0 and (opens < 0 or closes < opens):  # a tag's tail
        part = part[closes + 1 :]
    if part.rfind("<") > part.rfind(">"):  # the head of a tag
        part = part[: part.rfind("<")]
    return part
