"""Versions of content keys in the shared cache, and what is kept by them.

Every key has a version: the value of a shared clock when it was last purged.
A cached page or value records the versions of its keys when it was stored,
and is fresh while they are unchanged; `purge()` moves them on. A page whose
keys were purged while it rendered is never stored: the clock read before
rendering is older than the new versions. Works the same on every cache
Django offers that is shared between processes (Redis, the database).

A purge is exact or lagging. Every purge moves the keys' versions; an exact
one also moves their exact versions (`pages:exact:<key>`). A page whose keys
moved only by lagging purges may be served a little longer while one request
renders it again (caching.pages: at most NEWSROOM_LAG_SECONDS after the first
purge it missed); one whose exact versions moved never is. For that, a
lagging purge notes when it moved each key from which version
(`pages:lagged:<key>`, the purges of the last NEWSROOM_LAG_SECONDS).
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache

from caching import keys as content
from caching import notices

logger = logging.getLogger(__name__)

CLOCK = "pages:clock"


def _version_key(key):
    return f"pages:key:{key}"


def _exact_key(key):
    return f"pages:exact:{key}"


def _lagged_key(key):
    return f"pages:lagged:{key}"


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


def purge(keys, lagging=(), renew=None):
    """Make every cached page and value carrying any of `keys` or `lagging`
    stale, on every app server sharing the cache: at once for `keys`; for
    `lagging`, a page may still be served while one request renders it again
    (see above). `renew(version)` is called once the purge has its version
    and before it is published (caching.renewal). Returns False when the
    cache did not take it (it is down), so the caller can try again
    later."""
    keys = set(keys)
    lagging = set(lagging) - keys
    if not keys and not lagging:
        return True
    if _moved(keys, lagging, renew):
        return True
    # One slow answer makes Redis count as down for a while (caching.redis): a
    # purge asks it once more, at once, if it answers now, rather than
    # leave the purge to a retry seconds later.
    answers = getattr(cache, "available", None)
    return answers is not None and answers() and _moved(keys, lagging)


def _moved(keys, lagging, renew=None):
    try:
        before = _read_lagged(lagging)
        now = _tick()
        renewed = _renewed(renew, now)
        if renew is not None and cache.get(CLOCK) != now:
            # Another purge began while they rendered: they may lack its
            # change, and publishing `now` after it could move its keys
            # back. Publish past it, renewing nothing.
            renewed, now = {}, _tick()
        for name, (entry, timeout) in renewed.items():
            cache.set(name, entry, timeout)
        values = {_version_key(key): now for key in keys | lagging}
        values.update({_exact_key(key): now for key in keys})
        values.update(_noted(lagging, before, now))
        failed = cache.set_many(values, None)
        # Then tell the processes trusting their copies (caching.notices).
        announced = not failed and notices.announce(keys | lagging, now)
    except Exception:  # any cache failure: report, never raise into a save
        logger.exception("Could not purge %d content keys", len(keys | lagging))
        return False
    return not failed and announced


def _renewed(renew, version):
    """What `renew(version)` renders to store as the purge publishes
    ({cache key: (entry, timeout)}); nothing when it fails."""
    if renew is None:
        return {}
    try:
        return renew(version) or {}
    except Exception:  # the purge goes on without it
        logger.exception("Could not renew pages in place")
        return {}


def _read_lagged(lagging):
    """What `_noted` needs: the lagging keys' versions and notes now."""
    if not lagging:
        return {}
    names = [_version_key(key) for key in lagging]
    return cache.get_many(names + [_lagged_key(key) for key in lagging])


def _noted(lagging, before, version):
    """Each lagging key's note, this purge added: (version moved from,
    version moved to, when), for the purges of the last
    NEWSROOM_LAG_SECONDS. Two purges of one key in the same instant may
    keep only one of theirs: a copy that finds no note for its version is
    then taken to lag since it was rendered (`lagging_since`), which is
    longer."""
    at = time.time()
    recent = at - settings.NEWSROOM_LAG_SECONDS
    return {
        _lagged_key(key): [
            *(note for note in before.get(_lagged_key(key), ()) if note[2] >= recent),
            (before.get(_version_key(key)), version, at),
        ]
        for key in lagging
    }


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


def _read(names):
    found = cache.get_many(names)
    missing = [name for name in names if found.get(name) is None]
    return found, missing


def stamp(keys, since):
    """The versions and exact versions to store with something rendered from
    data read after clock time `since`, or (None, None) when a key was purged
    meanwhile (storing it would keep old content under new versions)."""
    names = {_version_key(key): key for key in keys}
    names.update({_exact_key(key): key for key in keys})
    found, missing = _read(list(names))
    for name in missing:
        # A key never purged (or evicted) gets a version now, so that a later
        # purge is seen; a version missing at read time means "unknown".
        cache.add(name, since, None)
    if missing:
        found.update(cache.get_many(missing))
    recorded = {key: found.get(_version_key(key)) for key in keys}
    exact = {key: found.get(_exact_key(key)) for key in keys}
    if any(version is None or version > since for version in recorded.values()):
        return None, None
    if None in exact.values():
        return None, None
    return recorded, exact


def lagging_since(recorded, exact, rendered):
    """Since when does something stored with these versions and exact
    versions at time `rendered` lag what it shows? The time of the first
    purge of its keys it missed, as the purges noted it, else `rendered`;
    None when an exact purge moved one of them. (One cache round trip.)

    Its data were read after its versions were, so it shows every change
    purged before the first purge it missed."""
    names = [_exact_key(key) for key in exact]
    for key in recorded:
        names += [_version_key(key), _lagged_key(key)]
    found = cache.get_many(names)
    if any(found.get(_exact_key(key)) != value for key, value in exact.items()):
        return None
    since = None
    for key, version in recorded.items():
        if found.get(_version_key(key)) == version:
            continue
        notes = found.get(_lagged_key(key), ())
        missed = [at for moved_from, _, at in notes if moved_from == version]
        if not missed:
            return rendered
        since = min(missed) if since is None else min(since, *missed)
    return rendered if since is None else max(since, rendered)


def version(key):
    """The current version of one key (for fragment caches that vary on it)."""
    found = versions([key])[key]
    if found is None:
        cache.add(_version_key(key), clock(), None)
        found = versions([key])[key]
    return found
