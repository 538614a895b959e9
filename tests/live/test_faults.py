"""A failed dependency is not an outage. Each test starts its own servers and
injects the fault itself: a private redis-server it stops, a TCP proxy in
front of PostgreSQL that it cuts. The machine's own services are untouched."""

import json
import time
import uuid

import pytest
from django.conf import settings
from django.db import connection

from tests.live.conftest import Proxy, RedisServer, clean_env, manage

STORY = "/articles/blinken-opens-china-visit-in-shanghai/"
HEADLINE = "Blinken opens China visit in Shanghai"


def health(server):
    response = server.client().get("/healthz")
    return response.status, json.loads(response.body)


def wait_for(condition, seconds=10):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def test_redis_down_pages_answer_uncached_and_sign_in_stays_throttled(
    embedded, servers, tmp_path
):
    """With Redis stopped every page still answers (uncached), /healthz says
    503 naming the cache, sign-in works and login throttling still applies;
    a Redis started again is used without restarting the app server."""
    redis = RedisServer(tmp_path)
    server = servers({**embedded, "REDIS_URL": redis.url}, workers=1)
    reader = server.client()
    reader.get(STORY)
    assert reader.get(STORY).headers["X-Page-Cache"] == "hit"

    redis.stop()
    for path in ["/", STORY, "/articles/", "/tags/diplomacy/", "/admin/login/"]:
        response = reader.get(path)
        assert response.status == 200, path
        assert response.headers.get("X-Page-Cache") in (None, "miss"), path
    assert HEADLINE in reader.get(STORY).text
    assert health(server) == (503, {"database": "ok", "cache": "error"})
    assert server.client().log_in("editor").get("/admin/").status == 200
    intruder = server.client()
    intruder.get("/admin/login/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        intruder.post("/admin/login/", {"username": "writer", "password": "wrong"})
    locked = intruder.post(
        "/admin/login/", {"username": "writer", "password": "newsroom-demo"}
    )
    assert locked.status in (403, 429) and "locked" in locked.text.lower()

    redis.start()
    assert wait_for(lambda: health(server)[0] == 200)
    reader.get("/tags/diplomacy/")
    assert reader.get("/tags/diplomacy/").headers["X-Page-Cache"] == "hit"


@pytest.fixture
def postgres_through_proxy(tmp_path):
    """A fresh PostgreSQL database with the demo, reached through a proxy the
    test can cut, and a private Redis for the page cache."""
    db = connection.settings_dict
    name = f"newsroom_fault_{uuid.uuid4().hex[:8]}"
    admin = clean_env(
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/postgres"
    )
    manage("shell", "-v", "0", "-c", _sql(f'CREATE DATABASE "{name}"'), env=admin)
    proxy = Proxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))
    redis = RedisServer(tmp_path)
    env = clean_env(
        DATABASE_URL=f"postgres://{db['USER']}@127.0.0.1:{proxy.port}/{name}",
        REDIS_URL=redis.url,
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    manage("migrate", "--noinput", env=env)
    manage("load_demo", "--force", "--photo-width", "64", env=env)
    yield env, proxy
    proxy.close()
    redis.stop()
    manage(
        "shell",
        "-v",
        "0",
        "-c",
        _sql(f'DROP DATABASE "{name}" WITH (FORCE)'),
        env=admin,
    )


def _sql(statement):
    return (
        f"from django.db import connection\nconnection.cursor().execute({statement!r})"
    )


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="cuts a PostgreSQL connection (the PostgreSQL pass runs it)",
)
def test_database_down_readers_get_cached_pages_staff_a_clear_503(
    postgres_through_proxy, servers
):
    """With the database cut, pages cached before still answer (even purged
    or past their time, within the grace period); other pages and every staff
    page answer a 503 saying nothing was saved; nothing is lost, and the site
    recovers when the database is back."""
    env, proxy = postgres_through_proxy
    server = servers({**env, "NEWSROOM_PAGE_CACHE_SECONDS": "1"}, workers=1)
    reader, editor = server.client(), server.client().log_in("editor")
    for path in ["/", STORY]:
        reader.get(path)
    time.sleep(1.5)  # both pages are past their time now: stale, not gone

    proxy.cut()
    for path in ["/", STORY]:
        response = reader.get(path)
        assert response.status == 200, path
        assert response.headers["X-Page-Cache"] == "stale", path
    assert HEADLINE in reader.get(STORY).text
    for client, path in [(reader, "/authors/"), (editor, "/admin/articles/article/")]:
        response = client.get(path)
        assert response.status == 503, path
        assert "Nothing was saved" in response.text, path
    assert health(server) == (503, {"database": "error", "cache": "ok"})

    proxy.restore()
    assert wait_for(lambda: health(server)[0] == 200)
    assert editor.get("/admin/articles/article/").status == 200
    assert reader.get("/authors/").status == 200
