"""Full-text search over live stories, one module for both databases.

The index (table `articles_search`, made by migration 0006) holds every
story's headline, dek, body text, tags and author names; it is refreshed
explicitly by `index_article` after each save. Queries are reduced to plain
words before they reach the database, so no search syntax (quotes, `*`,
`NEAR`, `%`, `_`, NUL) can change the query; results are filtered through
`Article.objects.live()`.
"""

import re

from django.db import connection
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from articles.models import Article

MAX_TERMS = 12
MAX_TERM_LENGTH = 40
MAX_RESULTS = 500
RECENT_WINDOW = 10_000
SNIPPET_CHARS = 220
WORD = re.compile(r"[^\W_]+", re.UNICODE)


def terms(query):
    """The words of a reader's query: letters and digits only, lower case."""
    words = WORD.findall((query or "")[:1000])
    unique = dict.fromkeys(word.casefold()[:MAX_TERM_LENGTH] for word in words)
    return list(unique)[:MAX_TERMS]


def _document(article):
    return {
        "headline": article.headline,
        "dek": article.dek,
        "body": strip_tags(article.body),
        "tags": " ".join(article.tags.names()),
        "authors": " ".join(byline.author.name for byline in article.bylines.all()),
    }


def index_article(article):
    """Write the story's searchable text into the index (idempotent)."""
    doc = _document(article)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM articles_search WHERE rowid = %s", [article.pk])
            cursor.execute(
                "INSERT INTO articles_search "
                "(rowid, headline, dek, body, tags, authors) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                [article.pk, *doc.values()],
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                "INSERT INTO articles_search (article_id, document) VALUES (%s, "
                "setweight(to_tsvector('english', %s), 'A') || "
                "setweight(to_tsvector('english', %s || ' ' || %s), 'B') || "
                "setweight(to_tsvector('english', %s), 'B') || "
                "setweight(to_tsvector('english', %s), 'C')) "
                "ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document",
                [
                    article.pk,
                    doc["headline"],
                    doc["tags"],
                    doc["authors"],
                    doc["dek"],
                    doc["body"],
                ],
            )


def _ranked_ids(words):
    """Story ids matching every word, best first (prefix match on the last).

    Ranking costs time for every match, and a common word matches a large
    part of the archive: the newest RECENT_WINDOW stories are ranked first,
    and the whole archive only when they hold too few matches.
    """
    newest = _max_indexed_id()
    if newest is None:
        return []
    ids = _rank(words, newest - RECENT_WINDOW)
    if len(ids) < MAX_RESULTS:
        ids = _rank(words, None)
    return ids


def _max_indexed_id():
    column = "rowid" if connection.vendor == "sqlite" else "article_id"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM articles_search ORDER BY {column} DESC LIMIT 1"  # noqa: S608 - a constant
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _rank(words, above_id):
    floor = above_id if above_id is not None else -1
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            match = " AND ".join(f'"{word}"' for word in words[:-1])
            last = f'"{words[-1]}"*'
            match = f"{match} AND {last}" if match else last
            cursor.execute(
                "SELECT rowid FROM articles_search WHERE articles_search MATCH %s "
                "AND rowid > %s "
                "ORDER BY bm25(articles_search, 10.0, 4.0, 1.0, 6.0, 6.0) LIMIT %s",
                [match, floor, MAX_RESULTS],
            )
        elif connection.vendor == "postgresql":
            query = " & ".join([*words[:-1], f"{words[-1]}:*"])
            cursor.execute(
                "SELECT article_id FROM articles_search, "
                "to_tsquery('english', %s) AS query "
                "WHERE document @@ query AND article_id > %s "
                "ORDER BY ts_rank_cd(document, query) DESC, article_id DESC LIMIT %s",
                [query, floor, MAX_RESULTS],
            )
        else:
            return []
        return [row[0] for row in cursor.fetchall()]


def search(query):
    """Ids of the live stories matching the query, best match first (at most
    MAX_RESULTS). Only ids: a results page loads just its own stories."""
    words = terms(query)
    if not words:
        return []
    ids = _ranked_ids(words)
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


def remove_article(pk):
    """Drop a deleted story from the index."""
    column = "rowid" if connection.vendor == "sqlite" else "article_id"
    if connection.vendor in ("sqlite", "postgresql"):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM articles_search WHERE {column} = %s", [pk])  # noqa: S608 - column is one of two constants
