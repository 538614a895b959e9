"""Production settings, security headers, login throttling, serving, SQLite."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError, connections, transaction
from django.urls import reverse

from tests.factories import make_user

ROOT = Path(__file__).resolve().parent.parent

#: The production environment the README documents (secrets are examples).
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "k7#Qm2!vR9zL@x4pT8wN0bF3jH6sD1gY5cV-aE_uI2oP7lK9mZ",
    "ALLOWED_HOSTS": "news.example.com",
    "CSRF_TRUSTED_ORIGINS": "https://news.example.com",
    "HTTPS": "1",
    "BEHIND_PROXY": "1",
    "HSTS_PRELOAD": "1",
    "DATABASE_URL": "postgres://newsroom@db.internal:5432/newsroom",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "STATIC_MANIFEST": "1",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "smtp.example.com",
}


def clean_env():
    """A clean environment: none of the test run's own variables leak in."""
    return {key: os.environ[key] for key in ["PATH", "HOME"] if key in os.environ}


def manage(*args, env=None, **kwargs):
    return subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean_env(), **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        **kwargs,
    )


def test_deploy_check_passes_with_the_documented_production_environment():
    """check --deploy passes with the README's production environment."""
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_has_no_demo_newsroom():
    """The demo app is installed where it is used (make run, the tests):
    production's manage.py knows no load_demo."""
    result = manage("help", "load_demo", env=PRODUCTION_ENV)
    assert result.returncode != 0
    assert "Unknown command: 'load_demo'" in result.stderr
    demo = {"NEWSROOM_DEMO": "1", "DEBUG": "1"}
    assert manage("help", "load_demo", env=demo).returncode == 0


def test_production_refuses_to_start_without_a_secret_key():
    """With DEBUG off and no SECRET_KEY, neither manage.py nor the WSGI
    application starts (the key in the source would let anyone sign a
    preview link), and the message says what to set."""
    for command in (
        [sys.executable, "manage.py", "check"],
        [sys.executable, "-c", "import newsroom.wsgi"],
    ):
        result = subprocess.run(  # noqa: S603 - our own code, fixed arguments
            command,
            cwd=ROOT,
            env=clean_env(),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode != 0
        assert "SECRET_KEY is not set. Set it to a long random value" in result.stderr


#: Signing something in a process started as `manage.py collectstatic`.
SIGNS_AS_COLLECTSTATIC = """
import os, sys
sys.argv = ["manage.py", "collectstatic"]
os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
import django
django.setup()
from django.core import signing
signing.dumps(1)
"""


def test_build_commands_run_without_a_secret_key(tmp_path):
    """makemigrations and collectstatic run where no secret is given (an
    image build, the migrations check), and with no key at all: nothing can
    be signed with one anybody knows."""
    check = manage("makemigrations", "--check", "--dry-run")
    assert check.returncode == 0, check.stderr
    assert "No changes detected" in check.stdout
    collect = manage("collectstatic", "--noinput", env={"STATIC_ROOT": str(tmp_path)})
    assert collect.returncode == 0, collect.stderr
    signing = subprocess.run(  # noqa: S603 - our own code, fixed arguments
        [sys.executable, "-c", SIGNS_AS_COLLECTSTATIC],
        cwd=ROOT,
        env={**clean_env(), "DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "The SECRET_KEY setting must not be empty" in signing.stderr
    assert manage().returncode == 0  # manage.py alone lists the commands


def test_the_local_demo_starts_without_a_secret_key():
    """make run (DEBUG=1) needs no key."""
    assert manage("check", env={"DEBUG": "1"}).returncode == 0


def test_deploy_check_fails_with_the_development_defaults():
    """check --deploy fails on a debug setup, naming SECRET_KEY (the
    development key) among its warnings."""
    result = manage("check", "--deploy", "--fail-level", "WARNING", env={"DEBUG": "1"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr + result.stdout


def test_collectstatic_gives_hashed_names(tmp_path):
    """collectstatic with STATIC_MANIFEST writes hashed file names."""
    env = {"STATIC_MANIFEST": "1", "STATIC_ROOT": str(tmp_path), "DEBUG": "1"}
    result = manage("collectstatic", "--noinput", env=env)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    hashed = manifest["paths"]["articles/site.css"]
    assert hashed != "articles/site.css" and (tmp_path / hashed).exists()


@pytest.mark.django_db
def test_security_headers_and_content_security_policy(client):
    """Pages send nosniff, frame, referrer, opener and content security headers."""
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.django_db
def test_admin_editor_import_map_carries_the_csp_nonce(client):
    """The story add page's markup carries the response's CSP nonce."""
    client.force_login(make_user(role="Editor"))
    response = client.get(reverse("admin:articles_article_add"))
    policy = response["Content-Security-Policy"]
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()


@pytest.mark.django_db
def test_healthz_checks_database_and_cache(client):
    """/healthz reports the database and the cache as ok."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}


@pytest.mark.django_db
class TestLoginThrottling:
    url = "/admin/login/"

    def attempt(self, client, username, password, address="10.0.0.1"):
        return client.post(
            self.url,
            {"username": username, "password": password, "next": "/admin/"},
            REMOTE_ADDR=address,
        )

    def test_five_failures_lock_the_account_from_that_address(self, client):
        """Five failures lock the account from that address, right password or not."""
        make_user("olga", role="Writer")
        for _ in range(4):
            assert self.attempt(client, "olga", "wrong").status_code == 200
        assert self.attempt(client, "olga", "wrong").status_code == 429  # the fifth
        locked = self.attempt(client, "olga", "pw-for-tests-1")
        assert locked.status_code == 429
        assert "Too many failed sign-in attempts" in locked.content.decode()
        assert "_auth_user_id" not in client.session

    def test_the_lock_is_per_account_and_address(self, client):
        """A lock stops neither other accounts nor the account from another address."""
        make_user("olga", role="Writer")
        make_user("ben", role="Writer")
        for _ in range(5):
            self.attempt(client, "olga", "wrong")
        assert self.attempt(client, "ben", "pw-for-tests-1").status_code == 302
        client.logout()
        other = self.attempt(client, "olga", "pw-for-tests-1", address="10.0.0.2")
        assert other.status_code == 302

    def test_fewer_failures_do_not_lock(self, client):
        """Four failed logins do not stop a correct one."""
        make_user("olga", role="Writer")
        for _ in range(4):
            self.attempt(client, "olga", "wrong")
        assert self.attempt(client, "olga", "pw-for-tests-1").status_code == 302


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="SQLite tuning only",
)
def test_sqlite_concurrent_writers_never_hit_database_is_locked(
    tmp_path, django_db_blocker
):
    """Six threads read-then-write at once: every transaction commits.

    A file database with the project's own SQLite settings (WAL, IMMEDIATE
    transactions, busy timeout), outside the test database's transaction.
    """
    alias = "concurrency"
    connections.settings[alias] = {
        **settings.DATABASES["default"],
        "NAME": str(tmp_path / "concurrency.sqlite3"),
        "TEST": {},
    }
    errors, threads_count, rounds = [], 6, 40

    def writer(number):
        try:
            for round_ in range(rounds):
                with (
                    transaction.atomic(using=alias),
                    connections[alias].cursor() as cursor,
                ):
                    cursor.execute("SELECT n FROM counter WHERE id = 1")
                    (value,) = cursor.fetchone()
                    cursor.execute("INSERT INTO log VALUES (%s, %s)", [number, round_])
                    cursor.execute(
                        "UPDATE counter SET n = %s WHERE id = 1", [value + 1]
                    )
        except OperationalError as error:
            errors.append(error)
        finally:
            connections[alias].close()

    with django_db_blocker.unblock():
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INT)")
                cursor.execute("CREATE TABLE log (thread INTEGER, round INTEGER)")
                cursor.execute("INSERT INTO counter VALUES (1, 0)")
            threads = [
                threading.Thread(target=writer, args=(n,)) for n in range(threads_count)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            assert errors == []
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT n FROM counter")
                assert cursor.fetchone()[0] == threads_count * rounds  # none lost
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone()[0] == "wal"
        finally:
            connections[alias].close()
            del connections.settings[alias]
