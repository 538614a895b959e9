"""Several app servers never serve old content after a change returns: the
page cache (and what invalidates it) is shared by every process, in the
embedded default (SQLite, no Redis) and in production (PostgreSQL, Redis)."""

import os
import time

import pytest
from django.conf import settings
from django.db import connection

from articles import actions
from articles.models import Article
from tests.live.conftest import clean_env, manage

STORY = "blinken-opens-china-visit-in-shanghai"
HEADLINE = "Blinken opens China visit in Shanghai"


def shown_by_none(server, path, text):
    return all(text not in r.text for r in server.many(path))


#: How long the front page may lag an ordinary edit (NEWSROOM_LAG_SECONDS),
#: with the time the requests themselves take on a busy machine.
LAG = 3.0


def shown_by_all(server, path, text):
    responses = server.many(path)
    return all(r.status == 200 and text in r.text for r in responses)


def test_two_workers_never_serve_a_withdrawn_or_old_story(embedded, servers):
    """Without Redis, two gunicorn workers share the cache in the database:
    after a withdraw (admin), a publish (management command) or an edit (a
    shell script) returns, no worker serves the old content; after an
    ordinary edit, lists may lag by NEWSROOM_LAG_SECONDS (2 s), no more."""
    server = servers(embedded, workers=2)
    assert shown_by_all(server, "/", HEADLINE)  # cached by both workers now

    editor = server.client().log_in("editor")
    find = (
        "from articles.models import Article; "
        f"print(Article.objects.get(slug='{STORY}').pk)"
    )
    story_id = manage("shell", "-v", "0", "-c", find, env=embedded).strip()
    withdrawn = editor.post(
        f"/admin/articles/article/{story_id}/transition/withdraw/", {"note": ""}
    )
    assert withdrawn.status == 302
    assert shown_by_none(server, "/", HEADLINE)
    assert all(r.status == 410 for r in server.many(f"/articles/{STORY}/", 8))

    manage("transition", "restore_to_draft", STORY, "--as", "editor", env=embedded)
    manage("transition", "publish", STORY, "--as", "editor", env=embedded)
    assert shown_by_all(server, "/", HEADLINE)

    manage(
        "shell", "-v", "0", "-c",
        "from articles import actions; from articles.models import Article; "
        "from django.contrib.auth.models import User; "
        f"story = Article.objects.get(slug='{STORY}'); "
        "story.headline = 'Blinken lands in Beijing'; "
        "actions.SaveEdit(story, base_version=story.version)"
        ".execute(by=User.objects.get(username='editor'))",
        env=embedded,
    )  # fmt: skip
    edited = time.monotonic()
    assert shown_by_all(server, f"/articles/{STORY}/", "Blinken lands in Beijing")
    while not shown_by_none(server, "/", HEADLINE):
        assert time.monotonic() - edited < LAG
        time.sleep(0.05)
    assert shown_by_all(server, "/", "Blinken lands in Beijing")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"]
    or not os.environ.get("REDIS_URL"),
    reason="needs PostgreSQL and Redis (the PostgreSQL pass sets both)",
)
def test_publish_through_one_server_is_seen_through_the_other(servers, desk):
    """Two app servers on one PostgreSQL and one Redis: a publish is seen by
    both on the next request, and both answer from the shared cache."""
    db = connection.settings_dict
    env = clean_env(
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        REDIS_URL=os.environ["REDIS_URL"],
    )
    first, second = servers(env, workers=1), servers(env, workers=1)
    published = desk.story(headline="Council meets", status="in_review")
    actions.Publish(published).execute(by=desk.editor)
    assert "Council meets" in first.client().get("/articles/").text
    assert "Council meets" in second.client().get("/articles/").text

    # Behind the newsroom's back (no action, no purge) the cached page stays
    # as it was: proof that both servers answer from the shared cache.
    Article.objects.filter(pk=published.pk).update(headline="Changed quietly")
    assert "Council meets" in first.client().get("/articles/").text
    assert "Council meets" in second.client().get("/articles/").text

    story = desk.story(headline="Harbour reopens", status="in_review")
    actions.Publish(story).execute(by=desk.editor)
    assert "Harbour reopens" in second.client().get("/articles/").text
    assert "Harbour reopens" in first.client().get("/articles/").text
