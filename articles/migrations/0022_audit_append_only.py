"""The database itself refuses to change audit entries, whatever code asks
(the model and the admin refuse first). PostgreSQL refuses updates and
deletions; SQLite refuses updates (its test runs empty tables with DELETE,
which PostgreSQL's do with TRUNCATE, which row triggers do not see)."""

from django.db import migrations

POSTGRES = [
    """
    CREATE OR REPLACE FUNCTION articles_audit_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'audit entries are append-only';
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER articles_auditentry_append_only
    BEFORE UPDATE OR DELETE ON articles_auditentry
    FOR EACH ROW EXECUTE FUNCTION articles_audit_append_only();
    """,
]
POSTGRES_UNDO = [
    "DROP TRIGGER IF EXISTS articles_auditentry_append_only ON articles_auditentry;",
    "DROP FUNCTION IF EXISTS articles_audit_append_only();",
]
SQLITE = [
    """
    CREATE TRIGGER articles_auditentry_append_only
    BEFORE UPDATE ON articles_auditentry
    BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
    """,
]
SQLITE_UNDO = ["DROP TRIGGER IF EXISTS articles_auditentry_append_only;"]


def run(statements):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("articles", "0021_imported_items")]

    operations = [
        migrations.RunPython(
            run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            run({"postgresql": POSTGRES_UNDO, "sqlite": SQLITE_UNDO}),
        )
    ]
