"""A reader whose request follows a purge finds its notice waiting
(caching.notices): a purge returns only once Redis wrote the notice to
every subscriber, and a thread that may not have read every notice yet
trusts no copy until it has."""

import contextlib
import socket
import threading
import time

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from articles import actions
from articles.models import Article
from caching import notices as notices_module
from caching import versions as store
from caching.notices import notices
from tests.live.conftest import RedisServer

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


@pytest.fixture
def edit(desk, django_capture_on_commit_callbacks):
    """Edit the front page's story through the real action, its purge made
    as it commits (the test decides where that purge's notice goes)."""

    def edit():
        story = Article.objects.get(headline="Budget passes")
        story.headline = "Budget fails"
        with django_capture_on_commit_callbacks(execute=True):
            actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)

    return edit


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

    flood = [
        [f"tag:{number}" for number in range(start, start + 100)]
        for start in range(100_000, 103_000, 100)
    ]
    assert sum(len(" ".join(keys)) for keys in flood) > notices_module.BEHIND
    for keys in flood:  # none of them on the front page
        assert store.purge(keys)
    redis_cache.clear()
    assert client.get(front)["X-Page-Cache"] == "hit"
    assert any(notices_module.CAUGHT_UP in b"".join(packed) for packed in redis_cache)

    deadline = time.monotonic() + 5
    while notices.catching_up and time.monotonic() < deadline:
        notices.poll()  # the answer is on its way
    assert not notices.catching_up
    redis_cache.clear()
    assert client.get(front)["X-Page-Cache"] == "hit"
    assert redis_cache == []  # caught up: trusted again


def test_a_bulk_purge_says_only_that_everything_moved(client, front, redis_cache):
    """A notice naming thousands of keys would be written to a reader in
    parts; past LONGEST, the notice says `all` moved, with no version: every
    copy is checked once (one round trip), none trusted on its word."""
    client.get(front)
    client.get(front)
    bulk = [f"story:{number}" for number in range(1_000_000, 1_001_000)]
    assert store.purge(bulk)
    published = [packed for packed in redis_cache if command(packed) == b"PUBLISH"]
    assert len(b"".join(published[-1])) < notices_module.LONGEST
    redis_cache.clear()
    assert client.get(front)["X-Page-Cache"] == "hit"
    assert notices.log[-1][1:] == (None, frozenset(["all"]))
    assert [command(packed) for packed in redis_cache] == [b"EVALSHA"]


class HoldingProxy:
    """A TCP proxy to a private Redis that can hold back what Redis sends
    to the connection that subscribed, then let whole notices through: the
    part of them a reader's connection holds when Redis keeps the rest."""

    def __init__(self, port):
        self.target = ("127.0.0.1", port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"redis://127.0.0.1:{self.listener.getsockname()[1]}/0"
        self.lock = threading.Lock()
        self.holding, self.held, self.subscriber = False, bytearray(), None
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            for pipe in (self._up, self._down):
                threading.Thread(
                    target=pipe, args=(client, upstream), daemon=True
                ).start()

    def _up(self, client, upstream):
        with contextlib.suppress(OSError):
            while data := client.recv(65536):
                if b"SUBSCRIBE" in data:
                    self.subscriber = client
                upstream.sendall(data)

    def _down(self, client, upstream):
        with contextlib.suppress(OSError):
            while data := upstream.recv(65536):
                with self.lock:
                    if self.holding and client is self.subscriber:
                        self.held += data
                        continue
                client.sendall(data)

    def release(self, count):
        """Let the first `count` notices held through, whole."""
        with self.lock:
            end = 0
            for _ in range(count):
                end = _resp_end(self.held, end)
            self.subscriber.sendall(bytes(self.held[:end]))
            del self.held[:end]

    def close(self):
        self.listener.close()


def _resp_end(buffer, start):
    """Where the RESP array at `start` (of bulk strings) ends."""
    line = buffer.index(b"\r\n", start)
    position = line + 2
    for _ in range(int(buffer[start + 1 : line])):
        line = buffer.index(b"\r\n", position)
        position = line + 2 + int(buffer[position + 1 : line]) + 2
    return position


@pytest.fixture
def held(settings, tmp_path):
    """The shared cache on a private Redis, through a HoldingProxy."""
    server = RedisServer(tmp_path)
    proxy = HoldingProxy(server.port)
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "caching.redis.RedisCache", "LOCATION": proxy.url},
    }
    yield server, proxy
    proxy.close()
    server.stop()


def test_a_reader_with_notices_still_in_redis_trusts_no_copy(client, front, held, edit):
    """More notices wait for a reader than its connection holds, and the
    purge naming its copy is among those Redis still keeps: the reader
    reads only whole notices, enough to know it may be behind, so its copy
    is not served on the notices' word."""
    server, proxy = held
    client.get(front)
    assert client.get(front)["X-Page-Cache"] == "hit"
    assert client.get(front)["X-Page-Cache"] == "hit"  # trusted, unasked

    proxy.holding = True
    publisher = redis.Redis.from_url(server.url)
    notice = "1 " + " ".join(f"tag:{number}" for number in range(100_000, 100_300))
    for _ in range(20):  # none of them on the front page
        publisher.publish(notices_module.channel(), notice)
    edit()  # its purge's notice after them
    deadline = time.monotonic() + 5
    while proxy.held.count(b"message") < 21 and time.monotonic() < deadline:
        time.sleep(0.01)
    proxy.release(20)  # more than BEHIND, but not the purge's notice

    served = client.get(front)
    assert notices.heard >= 20
    assert "Budget fails" in served.text


def test_a_few_notices_read_at_once_leave_copies_trusted(client, front, redis_cache):
    """Ordinary traffic: notices a connection holds without fail cost no
    round trip."""
    client.get(front)
    client.get(front)
    assert store.purge(["tag:100000"])
    redis_cache.clear()
    assert client.get(front)["X-Page-Cache"] == "hit"
    assert redis_cache == []


def test_notices_lost_while_redis_py_subscribed_again_end_every_copys_trust(
    settings, client, front, redis_cache, edit
):
    """With retries configured, redis-py reconnects a dropped subscription
    and subscribes again without a word: the notices published meanwhile
    are lost, so the copies checked before are checked again."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            **settings.CACHES["default"],
            "OPTIONS": {"retry": Retry(NoBackoff(), 1)},
        },
    }
    notices.poll()
    client.get(front)
    client.get(front)
    assert client.get(front)["X-Page-Cache"] == "hit"
    notices.pubsub.connection.disconnect()
    edit()  # its purge's notice published to nobody

    served = client.get(front)

    assert notices.pubsub is not None  # not lost: subscribed again unasked
    assert "Budget fails" in served.text
