"""The database refuses to empty the audit log, as it refuses to rewrite it
(articles migration 0022): SQLite refuses DELETE, PostgreSQL TRUNCATE (its
row triggers already refuse DELETE; TRUNCATE passes them by).

The test suite's own cleanup empties tables with these statements: it drops
these two triggers in its throwaway test databases (tests/conftest.py), and
tests/test_audit_storage.py proves a freshly migrated database refuses them."""

from django.db import migrations

POSTGRES = [
    """
    CREATE TRIGGER articles_auditentry_no_truncate
    BEFORE TRUNCATE ON articles_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION articles_audit_append_only();
    """
]
POSTGRES_UNDO = [
    "DROP TRIGGER IF EXISTS articles_auditentry_no_truncate ON articles_auditentry;"
]
SQLITE = [
    """
    CREATE TRIGGER articles_auditentry_no_delete
    BEFORE DELETE ON articles_auditentry
    BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
    """
]
SQLITE_UNDO = ["DROP TRIGGER IF EXISTS articles_auditentry_no_delete;"]


def run(statements):
    def apply(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("articles", "0022_audit_append_only"),
    ]

    operations = [
        migrations.RunPython(
            run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            run({"postgresql": POSTGRES_UNDO, "sqlite": SQLITE_UNDO}),
        )
    ]
