"""SQLite: an FTS5 table ranked with bm25 (migration 0006 makes the table).

Django has no FTS5 API, so this backend speaks SQL; every value is a bound
parameter and every word is quoted, so a query cannot change the statement.
"""

from itertools import batched

from articles.models import Article
from articles.search.backends.base import BATCH, SearchBackend, documents

#: Newest first: FTS5 walks its doclists by rowid (the story's id) from the
#: end and stops at the limit, whatever the number of matches.
NEWEST = (
    "SELECT rowid FROM articles_search WHERE articles_search MATCH %s "
    "ORDER BY rowid DESC LIMIT %s OFFSET %s"
)


class SQLiteSearch(SearchBackend):
    def index(self, pks):
        self.remove(pks)
        self._insert(pks)

    def _insert(self, pks):
        with self.connection.cursor() as cursor:
            for rows in batched(documents(pks), BATCH):  # never the whole archive
                cursor.executemany(
                    "INSERT INTO articles_search "
                    "(rowid, headline, dek, body, tags, authors) "
                    "VALUES (%s, %s, %s, %s, %s, %s)",
                    rows,
                )

    def rebuild(self):
        with self.connection.cursor() as cursor:
            cursor.execute("DELETE FROM articles_search")
        self._insert(Article.objects.values_list("pk", flat=True))

    def remove(self, pks):
        with self.connection.cursor() as cursor:
            cursor.executemany(
                "DELETE FROM articles_search WHERE rowid = %s", [[pk] for pk in pks]
            )

    def newest(self, words, *, offset, limit):
        match = " AND ".join(f'"{word}"' for word in words[:-1])
        last = f'"{words[-1]}"*'
        match = f"{match} AND {last}" if match else last
        with self.connection.cursor() as cursor:
            cursor.execute(NEWEST, [match, limit, offset])
            return [row[0] for row in cursor.fetchall()]
