"""PostgreSQL: a weighted tsvector per story, ranked by cover density, all
through django.contrib.postgres.search (migration 0006 makes the table)."""

from itertools import batched

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import F, Value

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

    def newest_id(self):
        return (
            SearchDocument.objects.order_by("-article")
            .values_list("article", flat=True)
            .first()
        )

    def rank(self, words, *, above_id, limit):
        query = SearchQuery(
            " & ".join([*words[:-1], f"{words[-1]}:*"]),
            search_type="raw",
            config=CONFIG,
        )
        found = SearchDocument.objects.filter(document=query)
        if above_id is not None:
            found = found.filter(article__gt=above_id)
        return list(
            found.annotate(rank=SearchRank(F("document"), query, cover_density=True))
            .order_by("-rank", "-article")
            .values_list("article", flat=True)[:limit]
        )
