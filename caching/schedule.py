"""Scheduled moments: nothing cached outlives the next scheduled change.

The cache knows no stories. Whoever schedules things (the newsroom's domain:
a story's publish and unpublish times, a Top Stories window) registers a
function with `watch()` that answers "the next moment after `at` that
changes what readers see, or None"; the soonest of their answers bounds how
long any page or value is kept. It is worked out once and kept until the
`schedule` key is purged (a schedule moved) or the moment passes.
"""

from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache

from caching import keys
from caching.versions import clock, is_current, stamp

NEXT_CHANGE = "pages:next-change"
NOTHING_SCHEDULED = 0

_watched = []


def watch(next_moment):
    """Bound cached things by `next_moment(at)`: a datetime or None."""
    if next_moment not in _watched:
        _watched.append(next_moment)


def next_change(now):
    """Epoch seconds of the next scheduled change, or None."""
    entry = cache.get(NEXT_CHANGE)
    if entry is not None:
        recorded, upcoming = entry
        if (upcoming == NOTHING_SCHEDULED or upcoming > now) and is_current(recorded):
            return upcoming or None
    since = clock()
    at = datetime.fromtimestamp(now, UTC)
    moments = [next_moment(at) for next_moment in _watched]
    moments = [moment.timestamp() for moment in moments if moment is not None]
    upcoming = min(moments, default=None)
    recorded, _ = stamp([keys.SCHEDULE, keys.ALL], since)
    if recorded is not None:
        timeout = int(upcoming - now) + 1 if upcoming else None
        cache.set(NEXT_CHANGE, (recorded, upcoming or NOTHING_SCHEDULED), timeout)
    return upcoming


def kept_until(now):
    """How long something rendered now may be kept: the page cache's limit,
    or the next scheduled change if sooner."""
    until = now + settings.NEWSROOM_PAGE_CACHE_SECONDS
    upcoming = next_change(now)
    return min(until, upcoming) if upcoming is not None else until
