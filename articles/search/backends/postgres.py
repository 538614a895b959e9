"""PostgreSQL: a weighted tsvector per story, all through
django.contrib.postgres.search (migration 0006 makes the table and its GIN
index). Newest first: the planner either walks the story ids backwards and
stops at the limit (a common word) or takes the few matches from the GIN
index and sorts them (a rare one); neither reads every match of a word on a
third of the archive."""

from itertools import batched

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import Value

from articles.models import SearchDocument
from articles.search.backends.base import BATCH, SearchBackend, documents

CONFIG = "english"


def _vector(text, weight):
    return SearchVector(Value(text), config=CONFIG, weight=weight)


class PostgresSearch(SearchBackend):
    def index(self, pks):
        found = set()
        for batch in batched(documents(pks), BATCH):
            SearchDocument.objects.bulk_create(
                [
                    SearchDocument(
                        article_id=pk,
                        document=_vector(headline, "A")
                        + _vector(f"{tags} {authors}", "B")
                        + _vector(dek, "B")
                        + _vector(body, "C"),
                    )
                    for pk, headline, dek, body, tags, authors in batch
                ],
                update_conflicts=True,
                unique_fields=["article"],
                update_fields=["document"],
            )
            found.update(row[0] for row in batch)
        self.remove(set(pks) - found)

    def remove(self, pks):
        for batch in batched(pks, BATCH):
            SearchDocument.objects.filter(article__in=batch).delete()

    def rebuild(self):
        SearchDocument.objects.all().delete()
        super().rebuild()

    def newest(self, words, *, offset, limit):
        query = SearchQuery(
            " & ".join([*words[:-1], f"{words[-1]}:*"]),
            search_type="raw",
            config=CONFIG,
        )
        found = SearchDocument.objects.filter(document=query).order_by("-article")
        return list(found.values_list("article", flat=True)[offset : offset + limit])
