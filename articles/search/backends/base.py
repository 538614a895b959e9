"""What every search backend offers, and the documents they all index."""

import html
import re
from itertools import batched

from articles.models import Article, Byline, TaggedArticle

BATCH = 1_000
#: The body is sanitized HTML (nh3): its tags are well formed, and a pattern
#: takes them out far faster than an HTML parser over a whole archive.
TAG = re.compile(r"<[^>]*>")


def plain_text(body):
    return " ".join(html.unescape(TAG.sub(" ", body or "")).split())


def documents(pks):
    """(pk, headline, dek, body text, tag names, author names) for each story,
    in three queries per BATCH stories."""
    for batch in batched(sorted(set(pks)), BATCH):
        tags, authors = {}, {}
        for pk, name in TaggedArticle.objects.filter(
            content_object__in=batch
        ).values_list("content_object", "tag__name"):
            tags.setdefault(pk, []).append(name)
        for pk, name in (
            Byline.objects.filter(article__in=batch)
            .order_by("position", "pk")
            .values_list("article", "author__name")
        ):
            authors.setdefault(pk, []).append(name)
        rows = Article.objects.filter(pk__in=batch).values_list(
            "pk", "headline", "dek", "body"
        )
        for pk, headline, dek, body in rows.order_by("pk"):
            yield (
                pk,
                headline,
                dek,
                plain_text(body),
                " ".join(sorted(tags.get(pk, []))),
                " ".join(authors.get(pk, [])),
            )


class SearchBackend:
    """A database without full-text search: nothing is indexed or found."""

    def __init__(self, connection):
        self.connection = connection

    def index(self, pks):
        """Write the documents of the stories `pks`; drop those that are gone."""

    def rebuild(self):
        """Index every story anew."""
        self.index(Article.objects.values_list("pk", flat=True))

    def remove(self, pks):
        """Drop the stories `pks` from the index."""

    def newest(self, words, *, offset, limit):
        """Ids of stories holding every word, the last as a prefix, newest
        (highest id) first: `limit` of them from `offset`."""
        return []
