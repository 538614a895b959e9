"""A production database keeps the audit log whatever code asks: a freshly
migrated database refuses to rewrite an entry or to empty the log (SQLite:
UPDATE and DELETE; PostgreSQL: UPDATE, DELETE and TRUNCATE). The test
databases drop the DELETE/TRUNCATE triggers so that tests can be cleaned
up (tests/conftest.py); these tests migrate databases of their own."""

import os
import sqlite3
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
INSERT = (
    "INSERT INTO articles_auditentry (actor_name, action, object_type, "
    "object_id, object_repr, changes, at) VALUES ('x', 'publish', '', '', '', "
    "'{}', CURRENT_TIMESTAMP)"
)


def migrate(database_url):
    clean = {key: os.environ[key] for key in ["PATH", "HOME"] if key in os.environ}
    done = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env={**clean, "DEBUG": "1", "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_a_migrated_sqlite_database_keeps_every_entry(tmp_path):
    database = tmp_path / "audit.sqlite3"
    migrate(f"sqlite:///{database}")
    with sqlite3.connect(database) as db:
        db.execute(INSERT)
    for statement in (
        "UPDATE articles_auditentry SET action = 'tampered'",
        "DELETE FROM articles_auditentry",
    ):
        with sqlite3.connect(database) as db, pytest.raises(sqlite3.DatabaseError):
            db.execute(statement)
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT action FROM articles_auditentry").fetchall() == [
            ("publish",)
        ]


@pytest.mark.django_db
def test_a_migrated_postgresql_database_keeps_every_entry():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (the PostgreSQL pass runs it)")
    import psycopg
    from psycopg import sql

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    server = {k: params[k] for k in ("host", "port", "user") if params.get(k)}
    name = f"newsroom_audit_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(**server, dbname="postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        host, port = server.get("host", "127.0.0.1"), server.get("port", 5432)
        migrate(f"postgres://{server.get('user', 'postgres')}@{host}:{port}/{name}")
        with psycopg.connect(**server, dbname=name, autocommit=True) as db:
            db.execute(INSERT.replace("'{}'", "'{}'::jsonb"))
            for statement in (
                "UPDATE articles_auditentry SET action = 'tampered'",
                "DELETE FROM articles_auditentry",
                "TRUNCATE articles_auditentry",
            ):
                with pytest.raises(psycopg.errors.RaiseException):
                    db.execute(statement)
            assert db.execute("SELECT action FROM articles_auditentry").fetchall() == [
                ("publish",)
            ]
    finally:
        with psycopg.connect(**server, dbname="postgres", autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
            )


def fail_sign_in(client, name):
    response = client.post("/admin/login/", {"username": name, "password": "x"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_failed_sign_in_keeps_a_bounded_name(client):
    from audit.models import AuditEntry

    fail_sign_in(client, "n" * 100_000)
    entry = AuditEntry.objects.get(action="sign_in_failed")
    assert entry.actor_name == "n" * 150
    assert entry.changes == {"username": [None, "n" * 150]}
    assert len(entry.object_repr) <= 200


@pytest.mark.django_db
def test_a_flood_of_failed_sign_ins_is_counted_and_sampled(client, settings, clock):
    """Past the sample of a ten-minute window, failures are counted, not
    logged; the next window's first failure sums the flood up in one entry."""
    from audit.models import AuditEntry, FailedSignInWindow

    settings.NEWSROOM_FAILED_SIGN_INS_LOGGED = 5
    for n in range(30):
        fail_sign_in(client, f"made-up-{n}")
    logged = AuditEntry.objects.filter(action="sign_in_failed")
    assert logged.count() == 5
    assert FailedSignInWindow.objects.get().counted == 25

    clock.shift(timedelta(minutes=10))
    fail_sign_in(client, "the-next-one")
    summary = AuditEntry.objects.get(action="sign_in_failures_counted")
    assert summary.changes["counted"] == 25 and summary.changes["logged"] == 5
    assert logged.count() == 6
    clock.shift(timedelta(minutes=10))
    fail_sign_in(client, "later-still")
    assert AuditEntry.objects.filter(action="sign_in_failures_counted").count() == 1
