"""Versions of content keys in the shared cache, and what is kept by them.

Every key has a version: the value of a shared clock when it was last purged.
A cached page or value records the versions of its keys when it was stored,
and is fresh while they are unchanged; `purge()` moves them on. A page whose
keys were purged while it rendered is never stored: the clock read before
rendering is older than the new versions. Works the same on every cache
Django offers that is shared between processes (Redis, the database).
"""

import logging
import time

from django.core.cache import cache

from caching import keys as content

logger = logging.getLogger(__name__)

CLOCK = "pages:clock"


def _version_key(key):
    return f"pages:key:{key}"


def _start():
    """Where a new clock starts: the epoch microsecond. Purges move it by
    one, so it stays ahead of every version it gave unless a million purges
    a second outrun time."""
    return time.time_ns() // 1000


def clock():
    """The shared clock now. A cache that lost it (evicted, culled, flushed)
    starts it again ahead of every version it gave, so values are stored
    again at once, not only after the next purge."""
    found = cache.get(CLOCK)
    if found is None:
        cache.add(CLOCK, _start(), None)
        found = cache.get(CLOCK)
    return found or 0


def _tick():
    try:
        return cache.incr(CLOCK)
    except ValueError:  # the first purge, or the cache lost the clock
        cache.add(CLOCK, _start(), None)
        return cache.incr(CLOCK)


def purge(keys):
    """Make every cached page and value carrying any of `keys` stale, on every
    app server sharing the cache. Returns False when the cache did not take
    it (it is down), so the caller can try again later."""
    if not keys:
        return True
    try:
        now = _tick()
        failed = cache.set_many({_version_key(key): now for key in keys}, None)
    except Exception:  # any cache failure: report, never raise into a save
        logger.exception("Could not purge %d content keys", len(keys))
        return False
    return not failed


def purge_all():
    """Make every cached page stale (after a bulk load, say)."""
    return purge([content.ALL])


def versions(keys):
    """The current version of each key; a key without one has None."""
    found = cache.get_many([_version_key(key) for key in keys])
    return {key: found.get(_version_key(key)) for key in keys}


def check(recorded):
    """What `is_current` needs to check `recorded` fastest, worth keeping
    beside it: on Redis, the versions as one string a server-side script
    compares in a single short command; elsewhere nothing."""
    pairs = getattr(cache, "pairs", None)
    if pairs is None or None in recorded.values():
        return None
    return pairs({_version_key(key): version for key, version in recorded.items()})


def is_current(recorded, checked=None):
    """Are these recorded versions all still current? (One cache round trip.)"""
    checked = checked or check(recorded)
    if checked is not None:
        return cache.all_at(checked)
    return versions(recorded) == recorded


def stamp(keys, since):
    """The versions to store with something rendered from data read after
    clock time `since`, or None when a key was purged meanwhile (storing it
    would keep old content under new versions)."""
    found = versions(keys)
    missing = [key for key, version in found.items() if version is None]
    for key in missing:
        # A key never purged (or evicted) gets a version now, so that a later
        # purge is seen; a version missing at read time means "unknown".
        cache.add(_version_key(key), since, None)
    if missing:
        found.update(versions(missing))
    if any(version is None or version > since for version in found.values()):
        return None
    return found


def version(key):
    """The current version of one key (for fragment caches that vary on it)."""
    found = versions([key])[key]
    if found is None:
        cache.add(_version_key(key), clock(), None)
        found = versions([key])[key]
    return found
