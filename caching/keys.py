"""Content keys as the page cache sees them: names for what a response shows,
collected while it renders (surrogate keys, as Varnish's xkey, Fastly's
Surrogate-Key and Cloudflare's Cache-Tag call them).

The cache gives keys no meaning: whoever renders a page says what it shows
with `shows()`, and whoever changes something purges the keys of what it
changed (caching.versions.purge). Three keys belong to the cache itself:

- `all`       every cached response carries it (`purge_all()` empties all);
- `missing`   cached 404s: purged when something new may answer there;
- `schedule`  the next scheduled change (caching.schedule), purged when a
              schedule moves.
"""

from contextlib import contextmanager
from contextvars import ContextVar

ALL = "all"
MISSING = "missing"
SCHEDULE = "schedule"

_collected = ContextVar("content_keys", default=None)


@contextmanager
def collecting(*base):
    """Collect the keys of what is rendered inside the block, starting from
    `base` (default: `all`)."""
    keys = set(base or (ALL,))
    token = _collected.set(keys)
    try:
        yield keys
    finally:
        _collected.reset(token)


def is_collecting():
    """Is a response being rendered for the page cache right now?"""
    return _collected.get() is not None


def shows(*keys):
    """Record that the response being rendered shows what `keys` name.
    Outside `collecting()` it does nothing."""
    collected = _collected.get()
    if collected is not None:
        collected.update(keys)
