from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    """A story's weighted search vector, on PostgreSQL only.

    Derived data, kept by articles.search; the table (made by migration 0006)
    has no foreign key so that Django's flush can truncate the stories.
    """

    article = models.OneToOneField(
        "articles.Article",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    document = SearchVectorField("document")

    class Meta:
        managed = False
        db_table = "articles_search"
        verbose_name = "search document"

    def __str__(self):
        return f"Search document of story {self.article_id}"
