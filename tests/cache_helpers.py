"""The shared cache on the machine's Redis, counting every command sent to
it: for the tests of what a hit, a purge and a notice cost."""

import time

import pytest
import redis


@pytest.fixture
def redis_cache(settings):
    """The shared cache on the machine's Redis (a database of its own),
    counting every command sent to it."""
    url, prefix = "redis://127.0.0.1:6379/14", f"hits-{time.monotonic_ns()}"
    server = redis.Redis.from_url(url)
    try:
        server.ping()
    except redis.ConnectionError:
        pytest.skip("needs Redis on 127.0.0.1:6379")
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "caching.redis.RedisCache",
            "LOCATION": url,
            # Its own keys: a test on another worker uses the same database.
            "KEY_PREFIX": prefix,
        },
    }
    sent = []
    original = redis.connection.AbstractConnection.send_packed_command

    def counted(connection, command, *args, **kwargs):
        sent.append(command)
        return original(connection, command, *args, **kwargs)

    redis.connection.AbstractConnection.send_packed_command = counted
    yield sent
    redis.connection.AbstractConnection.send_packed_command = original
    for key in server.scan_iter(f"{prefix}:*"):
        server.delete(key)
