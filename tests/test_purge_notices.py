"""A reader whose request follows a purge finds its notice waiting
(caching.notices): a purge returns only once Redis wrote the notice to
every subscriber, and a thread that may not have read every notice yet
trusts no copy until it has."""

import pytest

from articles import actions
from articles.models import Article
from caching import notices as notices_module
from caching import versions as store
from caching.notices import notices

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE = True


@pytest.fixture
def front(desk, redis_cache):
    """The front page, served once and checked once: its copy is trusted."""
    story = desk.story(status=Article.Status.IN_REVIEW, headline="Budget passes")
    actions.Publish(story).execute(by=desk.editor)
    notices.poll()  # this thread subscribes (its first request would)
    return "/"


def command(packed):
    """The name of a command as redis-py sent it (RESP, in one or more
    chunks)."""
    data = b"".join(packed) if isinstance(packed, list) else packed
    return data.split(b"\r\n")[2].upper()


def test_a_purge_returns_once_redis_wrote_its_notice_to_every_subscriber(
    redis_cache,
):
    """Redis may write PUBLISH's reply before the notices it sends; it
    answers a later command only once both are written. So the purge asks
    once more after publishing, and nothing else."""
    notices.poll()
    assert store.purge(["story:1"])
    sent = [command(packed) for packed in redis_cache]
    assert sent[sent.index(b"PUBLISH") :] == [b"PUBLISH", b"PING"]
    heard = notices.heard
    notices.poll()
    assert notices.heard == heard + 1
    assert "story:1" in notices.log[-1][2]


def test_a_thread_that_read_a_flood_of_notices_trusts_no_copy_till_caught_up(
    client, front, redis_cache
):
    """Past what a connection holds unread, Redis keeps the notices until
    the reader drains it: a thread that read that much at once may not have
    them all. It pings on its subscription, checks its copies meanwhile,
    and trusts them again once the answer, sent after every notice before
    it, is read."""
    client.get(front)
    assert client.get(front)["X-Page-Cache"] == "hit"
    redis_cache.clear()
    assert client.get(front)["X-Page-Cache"] == "hit"
    assert redis_cache == []  # trusted

    flood = [f"tag:{number}" for number in range(100_000, 102_000)]
    assert sum(map(len, flood)) > notices_module.BEHIND
    assert store.purge(flood)  # none of them on the front page
    redis_cache.clear()
    assert client.get(front)["X-Page-Cache"] == "hit"
    assert any(notices_module.CAUGHT_UP in b"".join(packed) for packed in redis_cache)

    redis_cache.clear()
    assert client.get(front)["X-Page-Cache"] == "hit"
    assert not notices.catching_up
    assert redis_cache == []  # caught up: trusted again


def test_a_few_notices_read_at_once_leave_copies_trusted(client, front, redis_cache):
    """Ordinary traffic: notices a connection holds without fail cost no
    round trip."""
    client.get(front)
    client.get(front)
    assert store.purge(["tag:100000"])
    redis_cache.clear()
    assert client.get(front)["X-Page-Cache"] == "hit"
    assert redis_cache == []
