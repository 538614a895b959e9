"""IndexNow and WebSub pings on publish, edit, slug change and withdrawal:
sent by the worker to (here, local) endpoints that record them, retried
until acknowledged, and off unless configured."""

import json
import urllib.parse
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles import actions
from articles.models import Article
from tests.test_purging import endpoint, run_worker  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db(transaction=True)
Status = Article.Status
SITE = "https://news.example.com"


@pytest.fixture
def pinged(settings, endpoint):  # noqa: F811 - the fixture imported above
    indexnow, hub = endpoint(), endpoint()
    settings.NEWSROOM_SITE_URL = SITE
    settings.NEWSROOM_INDEXNOW_KEY = "a1b2c3d4e5f6"
    settings.NEWSROOM_INDEXNOW_ENDPOINT = f"{indexnow.url}/indexnow"
    settings.NEWSROOM_WEBSUB_HUB = f"{hub.url}/hub"
    return indexnow, hub


def url_lists(indexnow):
    return [json.loads(request["body"])["urlList"] for request in indexnow.requests]


def test_publishing_tells_indexnow_and_the_hub(desk, pinged, client):
    indexnow, hub = pinged
    story = desk.story(status=Status.IN_REVIEW, slug="harbour-reopens")
    actions.Publish(story).execute(by=desk.editor)
    assert indexnow.requests == []  # sent by the worker, after the commit
    run_worker()
    (request,) = indexnow.requests
    payload = json.loads(request["body"])
    assert payload == {
        "host": "news.example.com",
        "key": "a1b2c3d4e5f6",
        "keyLocation": f"{SITE}/indexnow-key.txt",
        "urlList": [f"{SITE}/articles/harbour-reopens/"],
    }
    assert client.get("/indexnow-key.txt").content == b"a1b2c3d4e5f6"
    feeds = sorted(
        urllib.parse.parse_qs(r["body"].decode())["hub.url"][0] for r in hub.requests
    )
    assert feeds == [f"{SITE}/feeds/", f"{SITE}/feeds/atom/"]
    assert all(
        urllib.parse.parse_qs(r["body"].decode())["hub.mode"] == ["publish"]
        for r in hub.requests
    )


def test_a_slug_change_and_a_withdrawal_are_pinged_drafts_are_not(desk, pinged):
    indexnow, _ = pinged
    draft = desk.story(status=Status.DRAFT)
    actions.SaveEdit(draft, base_version=draft.version).execute(by=desk.writer)
    run_worker()
    assert indexnow.requests == []  # no reader knows a draft's address

    story = desk.story(status=Status.IN_REVIEW, slug="old-slug")
    actions.Publish(story).execute(by=desk.editor)
    story.refresh_from_db()
    story.slug = "new-slug"
    actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)
    actions.Withdraw(story, note="Legal").execute(by=desk.editor)
    run_worker()
    assert url_lists(indexnow) == [
        [f"{SITE}/articles/old-slug/"],
        [f"{SITE}/articles/new-slug/", f"{SITE}/articles/old-slug/"],
        [f"{SITE}/articles/new-slug/", f"{SITE}/articles/old-slug/"],
    ]


def test_a_failing_endpoint_never_fails_the_save_and_is_retried(
    desk,
    settings,
    endpoint,  # noqa: F811 - the fixture imported above
):
    indexnow = endpoint(failures=1)
    settings.NEWSROOM_SITE_URL = SITE
    settings.NEWSROOM_INDEXNOW_KEY = "k" * 16
    settings.NEWSROOM_INDEXNOW_ENDPOINT = f"{indexnow.url}/indexnow"
    story = desk.story(status=Status.IN_REVIEW)
    actions.Publish(story).execute(by=desk.editor)
    run_worker()
    assert len(indexnow.requests) == 1  # refused: tried again later
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        run_worker()
    assert len(indexnow.requests) == 2


def test_nothing_is_sent_unless_configured(desk, endpoint, client):  # noqa: F811
    watcher = endpoint()
    story = desk.story(status=Status.IN_REVIEW)
    actions.Publish(story).execute(by=desk.editor)
    run_worker()
    assert watcher.requests == []
    assert client.get("/indexnow-key.txt").status_code == 404


def test_the_pinged_feeds_name_their_hub(pinged, client, settings):
    from tests.factories import make_article

    make_article()
    rss = client.get("/feeds/").content.decode()
    atom = client.get("/feeds/atom/").content.decode()
    hub = settings.NEWSROOM_WEBSUB_HUB
    assert f'<atom:link href="{hub}" rel="hub"' in rss
    assert f'<link href="{hub}" rel="hub"' in atom
    assert "hub" not in client.get("/feeds/top/").content.decode()
