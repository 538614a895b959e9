"""The full-text index behind /search/: FTS5 on SQLite, tsvector on PostgreSQL."""

from django.db import migrations

SQLITE = [
    (
        "CREATE VIRTUAL TABLE articles_search USING fts5("
        "headline, dek, body, tags, authors, tokenize='unicode61 remove_diacritics 2')"
    ),
]
POSTGRES = [
    (
        "CREATE TABLE articles_search ("
        # No foreign key: the index is derived data (search joins through
        # live()), and Django's flush must be able to truncate the stories.
        "article_id bigint PRIMARY KEY, "
        "document tsvector NOT NULL)"
    ),
    "CREATE INDEX articles_search_document ON articles_search USING GIN (document)",
]


def create(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(
        schema_editor.connection.vendor, []
    )
    for statement in statements:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS articles_search")


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_slug_redirects")]

    operations = [migrations.RunPython(create, drop)]
