"""Purges heard from Redis, so a process can know its copy of a page is
current without asking.

Every purge (caching.versions) publishes the keys it moved, and the version
it moved them to, on a channel of the shared cache, after moving them. Each
process (each thread) listens on its own connection and, before trusting
any copy, reads every notice waiting on it (a non-blocking read, no round
trip). A copy whose versions were checked in the shared cache is trusted
from then on until a notice names one of its keys; then the notices since
its check say its keys' versions now (`told`), so that the copy is renewed
without asking for them. A notice that cannot be matched (the log no longer
reaches back that far), a lost or not yet confirmed subscription, or Redis
failing ends the trust: copies are then checked again, one round trip each,
as before.

A reader whose request comes after an editor's change returned finds the
notice waiting, by two barriers:
- Redis writes a reply and the notices a command published in one step,
  but may write the reply first. So a purge asks once more after
  publishing (caching.redis): Redis answers that only after it wrote the
  notice to every subscriber's connection.
- A connection holds only so much unread: beyond that, Redis keeps the
  rest until the reader drains it. A thread that read BEHIND bytes or
  more at once (one idle a long while, or a flood of purges) may so not
  have them all. It pings Redis on its subscription and trusts no copy
  until the answer comes back, after every notice published before it.
  For that, no notice is longer than LONGEST: a purge of more keys says
  only that `all` moved (every copy is then checked, once).
Only Redis offers this; with the database cache every hit is checked (one
query).

"Written" is to the reader's kernel. On one machine that is where the
reader reads it; across a network, a notice delayed past the whole round
trip of the editor's answer and a reader's next request (a lost packet
sent again) would come too late: a limit of every invalidation by message.
"""

import contextlib
import logging
import os
import threading
from collections import deque

from django.core.cache import cache, caches
from redis.exceptions import RedisError

from caching.keys import ALL

logger = logging.getLogger(__name__)

#: Notices remembered to match against copies checked before them.
LOG = 1_000
#: Bytes of notices read at once past which a thread may be behind: well
#: under what a connection holds unread (Linux starts at 128 KiB), less
#: the longest notice (the part of one may wait there, unread).
BEHIND = 8 * 1024
#: The longest notice, in bytes; and what each adds on the wire.
LONGEST = 4 * 1024
FRAMING = 32
#: What the ping that catches up sends, and hears back.
CAUGHT_UP = b"newsroom:caught-up"


def channel():
    return cache.make_key("pages:purges")


def announce(keys, version):
    """Tell every listening process that `keys` moved to `version` (after
    moving them). False when the cache offers notices and did not take
    this one."""
    publish = getattr(cache, "publish", None)
    if publish is None or not keys:
        return True
    notice = " ".join([str(version), *sorted(keys)])
    if len(notice) > LONGEST:  # a bulk change: no version, every copy checked
        notice = ALL
    return publish(channel(), notice)


def _parse(data):
    """(version or None, keys) of a notice as published by `announce`."""
    version, *keys = data.decode().split()
    if not version.isdigit():  # not ours: its keys moved, to we know not what
        return None, frozenset([version, *keys])
    return int(version), frozenset(keys)


class Notices(threading.local):
    """This thread's subscription, and the notices it read (one per thread,
    as Django's cache connections are)."""

    def __init__(self):
        self.pid = None
        self.backend = None
        self.pubsub = None
        self.listening = False
        #: A ping sent to catch up, not answered yet.
        self.catching_up = False
        #: How many notices were read, and (number, version, keys) of the
        #: last LOG.
        self.heard = 0
        self.log = deque(maxlen=LOG)
        #: {copy key: `heard` when that copy was last checked}.
        self.checked = {}

    def _reset(self):
        if self.pubsub is not None:
            with contextlib.suppress(RedisError, OSError):
                self.pubsub.close()
        self.pubsub, self.listening, self.catching_up = None, False, False
        self.checked.clear()

    def _subscribe(self):
        self.pid, self.backend = os.getpid(), caches["default"]
        subscribe = getattr(self.backend, "subscriber", None)
        if subscribe is None:
            return
        try:
            self.pubsub = subscribe()
            self.pubsub.subscribe(channel())
            self.pubsub.connection.register_connect_callback(self._connected_again)
        except (RedisError, OSError):
            self._reset()

    def _connected_again(self, connection):
        """redis-py connected the subscription again (with retries set, it
        does so unasked, and subscribes again): the notices published
        meanwhile are lost, so every copy is checked again."""
        self.listening = self.catching_up = False
        self.checked.clear()

    def poll(self):
        """Read every notice waiting. Are notices to be trusted now?"""
        if self.pid != os.getpid() or self.backend is not caches["default"]:
            # A new process (forked), or a new cache: its own subscription.
            self._reset()
            self._subscribe()
        if self.pubsub is None or not self.backend.answering():
            return False
        read = 0
        try:
            while (message := self.pubsub.get_message(timeout=0)) is not None:
                if message["type"] == "subscribe":
                    self.listening = True
                elif message["type"] == "message":
                    self.heard += 1
                    self.log.append((self.heard, *_parse(message["data"])))
                    read += len(message["data"]) + FRAMING
                elif message["type"] == "pong" and message["data"] == CAUGHT_UP:
                    self.catching_up = False
            if read >= BEHIND and not self.catching_up:
                self.pubsub.ping(CAUGHT_UP)
                self.catching_up = True
        except (RedisError, OSError, ValueError):
            logger.warning("Lost the purge notices; checking every copy again")
            self._reset()
            self.pid = None  # subscribe again on the next request
            return False
        return self.listening and not self.catching_up

    def trusted(self, name, keys):
        """May copy `name`, current by `keys`, be served without a check?"""
        if name not in self.checked or not self.poll():
            return False
        # Read after the poll: one that lost notices forgot every check.
        since = self.checked.get(name)
        if since is None:
            return False
        if since == self.heard:
            return True
        if not self._reaches(since):
            return False
        for number, _, purged in reversed(self.log):
            if number <= since:
                break
            if not purged.isdisjoint(keys):
                return False
        # No notice since names its keys: as good as checked now, so the
        # next hit does not read these notices again.
        self.checked[name] = self.heard
        return True

    def _reaches(self, since):
        """Are all notices after number `since` still in the log?"""
        return bool(self.log) and self.log[0][0] <= since + 1

    def told(self, name, recorded, heard):
        """The versions of copy `name`'s keys as the notices read up to
        number `heard` say (`recorded` with those they moved), or None when
        they cannot say: the copy was never checked, or a notice since is
        missing or did not say its version."""
        since = self.checked.get(name)
        if since is None or heard is None or not self._reaches(since):
            return None
        current = dict(recorded)
        for number, version, purged in self.log:
            if since < number <= heard and not purged.isdisjoint(recorded):
                if version is None:
                    return None
                current.update(dict.fromkeys(purged.intersection(recorded), version))
        return current

    def mark(self, name):
        """Copy `name` is about to be checked in the shared cache."""
        if self.poll():
            if len(self.checked) >= 10 * LOG:
                self.checked.clear()
            return self.heard
        return None

    def checked_at(self, name, heard):
        """Copy `name` was found current by the check started at `heard`."""
        if heard is not None and self.listening:
            self.checked[name] = heard


notices = Notices()
