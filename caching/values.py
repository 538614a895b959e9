"""Values derived from what readers see, kept by content key like pages:
`remember()` keeps one until a key it depends on is purged (or the next
scheduled change), `remembered()` gives the last one kept whatever its keys
say (for when the database fails), and `cached_for()` keeps a value that
depends on no key for a fixed time."""

import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache, caches

from caching import keys as content
from caching.schedule import kept_until
from caching.versions import CLOCK, check, clock, is_current, stamp

_used = ContextVar("remembered_versions", default=None)
#: The keys a purge about to be published moves, while it renders pages
#: for readers (caching.renewal): a value kept by one of them still looks
#: current, but may not show the change, so it is worked out again.
_moving = ContextVar("moving_keys", default=frozenset())


@contextmanager
def moving(keys):
    """Work out again, inside the block, every value kept by one of `keys`
    (a purge's, rendered before it publishes)."""
    token = _moving.set(frozenset(keys))
    try:
        yield
    finally:
        _moving.reset(token)


class Used:
    """The versions of the values given inside `noting_versions()`."""

    def __init__(self):
        self.versions = {}
        self.exact = {}
        #: False when a value could not be kept (purged while it rendered):
        #: whatever was assembled from it is current by no versions.
        self.keepable = True


@contextmanager
def noting_versions():
    """Note the versions (and exact versions) of every value `remember`
    gives inside the block: what a page assembled from them is current by."""
    used = Used()
    token = _used.set(used)
    try:
        yield used
    finally:
        _used.reset(token)


def _note(recorded, exact):
    used = _used.get()
    if used is None:
        return
    if recorded is None:
        used.keepable = False
        return
    for key, version in recorded.items():
        used.versions.setdefault(key, version)
    for key, version in exact.items():
        used.exact.setdefault(key, version)


def remember(name, compute, keys=None, *, scheduled=True, shown=False):
    """A value derived from what readers see (the Top Stories ids, the
    section menu, a shared fragment of pages), kept until one of `keys` is
    purged (None: the keys `compute` records as it renders) or, if it depends
    on the schedule (`scheduled`), the next scheduled change comes.

    Like pages, a value this process has used is kept in its local memory
    too, and used only after its versions are checked in the shared cache.
    `shown`: what is rendered around it (a page, a value) records its keys
    too, as if it showed the value itself.
    """
    value, recorded = _remember(name, compute, keys, scheduled)
    if shown and recorded:
        content.shows(*recorded)
    return value


def _remember(name, compute, keys, scheduled):
    now = time.time()
    key = f"pages:value:{name}"
    moved = _moving.get()
    local = caches["pages"].get(key)
    if (
        local is not None
        and local[1] > now
        and moved.isdisjoint(local[0])
        and is_current(local[0], local[3])
    ):
        _note(local[0], local[4])
        return local[2], local[0]
    found = cache.get_many([key, CLOCK])
    entry, since = found.get(key), found.get(CLOCK) or clock()
    if entry is not None:
        recorded, until, value, checked, exact = entry
        if until > now and moved.isdisjoint(recorded) and is_current(recorded, checked):
            caches["pages"].set(key, entry, int(until - now) + 1)
            _note(recorded, exact)
            return value, recorded
    with content.collecting(content.ALL) as collected:
        value = compute()
    keys = [*(collected if keys is None else keys), content.ALL]
    recorded, exact = stamp(keys, since)
    limit = now + settings.NEWSROOM_PAGE_CACHE_SECONDS
    until = kept_until(now) if scheduled else limit
    if recorded is not None and until > now:
        entry = (recorded, until, value, check(recorded), exact)
        cache.set(key, entry, int(until - now) + 1)
        _note(recorded, exact)
    else:
        _note(None, None)
    return value, recorded or dict.fromkeys(keys)


def remembered(name, default=None):
    """The last value `remember` kept under `name`, current or not: for when
    it cannot be worked out again (the database fails)."""
    key = f"pages:value:{name}"
    entry = caches["pages"].get(key) or cache.get(key)
    return default if entry is None else entry[2]


def cached_for(key, compute, timeout):
    """`compute()`, kept in the shared cache under `key` for `timeout`
    seconds: for values that depend on no content key (a picture's URLs)."""
    found = cache.get(key)
    if found is None:
        found = (compute(),)
        cache.set(key, found, timeout)
    return found[0]
