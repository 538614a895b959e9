"""Two app servers, one PostgreSQL, one Redis: a publish through one is seen
through the other on the next request (the page cache is shared, never stale).
Runs in the PostgreSQL pass (`make test-postgres`, CI), which sets REDIS_URL."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from articles import actions
from articles.models import Article

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"]
        or not os.environ.get("REDIS_URL"),
        reason="needs PostgreSQL and Redis (the PostgreSQL pass sets both)",
    ),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
        return response.read().decode()


@pytest.fixture
def app_servers():
    """Two gunicorn processes on the test database and the shared Redis."""
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        ),
        "NEWSROOM_PAGE_CACHE": "1",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    processes, urls = [], []
    for _ in range(2):
        port = free_port()
        command = [
            sys.executable, "-m", "gunicorn", "newsroom.wsgi", "-w", "1",
            "-b", f"127.0.0.1:{port}",
        ]  # fmt: skip
        processes.append(
            subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)  # noqa: S603
        )
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url in urls:
            deadline = time.monotonic() + 30
            while True:
                try:
                    get(f"{url}/healthz")
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
        yield urls
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


def test_publish_through_one_server_is_seen_through_the_other(app_servers, desk):
    """A publish is seen through both app servers, which share one page cache."""
    first, second = app_servers
    published = desk.story(headline="Council meets", status="in_review")
    actions.Publish(published).execute(by=desk.editor)
    assert "Council meets" in get(f"{first}/articles/")
    assert "Council meets" in get(f"{second}/articles/")

    # Behind the newsroom's back (no workflow, no invalidation) the cached page
    # stays as it was: proof that both servers answer from the shared cache.
    Article.objects.filter(pk=published.pk).update(headline="Changed quietly")
    assert "Council meets" in get(f"{first}/articles/")
    assert "Council meets" in get(f"{second}/articles/")

    story = desk.story(headline="Harbour reopens", status="in_review")
    actions.Publish(story).execute(by=desk.editor)  # as if through the first
    assert "Harbour reopens" in get(f"{second}/articles/")
    assert "Harbour reopens" in get(f"{first}/articles/")
