"""Django's Redis cache, made to survive Redis going away.

- One redis.Redis client per connection pool: Django's RedisCacheClient
  builds a new one for every operation, and each build registers a hundred-odd
  response callbacks (about a quarter of a millisecond per cache call).
- A failed Redis is not an outage: every operation that cannot reach it
  answers as a miss (reads) or a refusal (writes) instead of raising, and
  for `RETRY_SECONDS` the cache is not asked at all, so pages are served
  uncached at full speed. The first operation after that tries Redis again:
  a Redis that is back is picked up without a restart.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 2.0

#: Are these keys all at these values? ARGV[1] is "key value key value …".
#: One short command instead of fetching dozens of values to compare here.
ALL_AT = """
local key
local i = 0
for word in string.gmatch(ARGV[1], "%S+") do
  i = i + 1
  if i % 2 == 1 then
    key = word
  elseif redis.call("GET", key) ~= word then
    return 0
  end
end
return 1
"""


class PooledRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)
            client = self._clients[index] = self._client(connection_pool=pool)
        return client


def _guarded(name, fallback):
    """`name` of Django's RedisCache, answering `fallback(*args)` while Redis
    cannot be reached."""

    def method(self, *args, **kwargs):
        if self.down_until > time.monotonic():
            return fallback(*args, **kwargs)
        try:
            result = getattr(super(RedisCache, self), name)(*args, **kwargs)
        except RedisError:
            if not self.failing:
                logger.exception("Redis is unreachable; serving without a cache")
            self.failing = True
            self.down_until = time.monotonic() + RETRY_SECONDS
            return fallback(*args, **kwargs)
        if self.failing:
            logger.warning("Redis answers again")
            self.failing = False
        return result

    method.__name__ = name
    return method


def _default(key, default=None, *args, **kwargs):
    return default


def _refused(*args, **kwargs):
    return False


def _all_failed(data, *args, **kwargs):
    return list(data)


def _missing(*args, **kwargs):
    raise ValueError("The cache is unavailable.")


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        params = {**params}
        params["OPTIONS"] = {
            # A dead or unreachable Redis must not hold a page for long.
            "socket_connect_timeout": 0.5,
            "socket_timeout": 0.5,
            **params.get("OPTIONS", {}),
        }
        super().__init__(server, params)
        self._class = PooledRedisCacheClient
        self.down_until = 0.0
        self.failing = False
        self._all_at = None

    get = _guarded("get", _default)
    get_many = _guarded("get_many", lambda keys, *a, **k: {})
    set = _guarded("set", _refused)
    add = _guarded("add", _refused)
    touch = _guarded("touch", _refused)
    delete = _guarded("delete", _refused)
    set_many = _guarded("set_many", _all_failed)
    delete_many = _guarded("delete_many", _refused)
    has_key = _guarded("has_key", _refused)
    incr = _guarded("incr", _missing)
    _clear = _guarded("clear", _refused)

    def clear(self):
        """Empty the cache, and tell every process trusting its page copies
        (caching.notices) that everything moved."""
        cleared = self._clear()
        self.publish(self.make_key("pages:purges"), "all")
        return cleared

    def pairs(self, values):
        """`values` ({key: int}) as `all_at` takes them; worth keeping."""
        return " ".join(
            f"{self.make_key(key)} {value}" for key, value in values.items()
        )

    def all_at(self, pairs):
        """Are all these keys at these values? `pairs` comes from `pairs()`.
        False while Redis is down."""
        if self.down_until > time.monotonic():
            return False
        try:
            if self._all_at is None:
                client = self._cache.get_client(write=False)
                self._all_at = client.register_script(ALL_AT)
            return self._all_at(args=[pairs]) == 1
        except RedisError:
            self.failing = True
            self.down_until = time.monotonic() + RETRY_SECONDS
            return False

    def answering(self):
        """Is Redis taken for up (no failure in the last RETRY_SECONDS)?"""
        return self.down_until <= time.monotonic()

    def publish(self, channel, message):
        """Publish `message` on `channel`, and return once it is written to
        every subscriber's connection; False when Redis did not take it.

        Redis may write PUBLISH's reply before the message: the PING after
        it is answered only once both are written (caching.notices)."""
        if not self.answering():
            return False
        try:
            client = self._cache.get_client(write=True)
            client.publish(channel, message)
            client.ping()
        except RedisError:
            self.failing = True
            self.down_until = time.monotonic() + RETRY_SECONDS
            return False
        return True

    def subscriber(self):
        """A new PubSub on its own connection (caching.notices)."""
        return self._cache.get_client(write=True).pubsub()

    def validate_key(self, key):
        """Redis takes any key: skip the memcached portability checks, which
        walk every character of every key (dozens per cached page)."""

    def available(self):
        """Does Redis answer now? (Asks it, whatever the last failure.)"""
        try:
            self._cache.get_client(write=True).ping()
        except RedisError:
            return False
        self.down_until = 0.0
        return True
