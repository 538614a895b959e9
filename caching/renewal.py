"""Renewing an edited page in place in the page cache, as Varnish's refresh
does at the edge: no reader waits for it, none is served it late.

After an ordinary edit commits, its purge takes the new version from the
shared clock, then, before publishing it, renders each renewed page (the
edited story's, then the first pages of the lists showing it that the page
cache keeps a page for, busiest first, until AT_MOST are renewed) through the whole
site in this process, and stores it just before publishing the versions it
is current by (caching.versions.purge). Values the pages are built from
(caching.values) that the purge moves are worked out again for them: until
it publishes, they still look current. Until then readers get the old
page, current by the old versions; after, the new one, a hit. A page that
cannot be rendered or kept so is only purged: its next reader renders it,
as before. So is every page renewed while another purge began: it may lack
that purge's change.

Pages are renewed for the address readers use (NEWSROOM_SITE_URL); unset,
nothing is renewed here.
"""

import io
import logging
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest

from caching import values

logger = logging.getLogger(__name__)

#: A change of more stories than this at once (a bulk edit) only purges
#: their pages: rendering each would hold up the action. An edit of one
#: story renews its own page and up to this many less one of the lists
#: showing it (lists no reader asked for lately take no place).
AT_MOST = 10

#: The request's META key that asks the page cache to render and keep the
#: page for a `Publishing`, not to look it up.
MARK = "newsroom.renewing"


@dataclass(frozen=True)
class Publishing:
    """A purge about to publish `version` for `keys` (exact) and `lagging`."""

    version: int
    keys: frozenset
    lagging: frozenset
    #: Paths rendered only while the page cache keeps a page for them.
    if_kept: frozenset = frozenset()
    #: What to store once it is published: {cache key: (entry, timeout)}.
    entries: dict = field(default_factory=dict, compare=False)

    def renews(self, path, key):
        """Is the page at `path` (stored under cache `key`) to be rendered?
        One of `if_kept` only while a page is kept for it: a list no reader
        asked for lately is left to its next reader, as before."""
        return path not in self.if_kept or cache.has_key(key)

    def stamped(self, recorded, exact):
        """The versions and exact versions a page rendered now is current
        by once this purge is published (from those it was rendered by)."""
        moved = self.keys | self.lagging
        recorded = {
            key: self.version if key in moved else version
            for key, version in recorded.items()
        }
        exact = {
            key: self.version if key in self.keys else version
            for key, version in exact.items()
        }
        return recorded, exact


_handler = None


def _site():
    global _handler
    if _handler is None:
        handler = BaseHandler()
        handler.load_middleware()
        _handler = handler
    return _handler


def active():
    """Does this page cache renew pages in place at all? Only where it keeps
    pages, for a known address."""
    return settings.NEWSROOM_PAGE_CACHE and _site_address() is not None


def enabled(paths):
    """Are these pages (the changed stories' own) renewed in place, or
    only purged?"""
    return 0 < len(paths) <= AT_MOST and active()


def _site_address():
    """(scheme, host, port, netloc) readers use, or None."""
    try:
        site = urlsplit(settings.NEWSROOM_SITE_URL)
        scheme = site.scheme or "http"
        port = site.port or (443 if scheme == "https" else 80)
    except ValueError:  # a malformed port
        return None
    if not site.hostname:
        return None
    return scheme, site.hostname, port, site.netloc


def renew(paths, publishing):
    """Render each of `paths` (readers' paths, no query) as current by
    `publishing`, until AT_MOST are; what to store once it is published
    (`entries`).
    caching.versions.purge calls this between taking the version and
    publishing it. Rendered as readers ask: no cookie, the site's address."""
    address = _site_address()
    if address is None:
        return {}
    scheme, host, port, netloc = address
    renewed = 0
    for path in paths:
        if renewed >= AT_MOST:
            break
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SCRIPT_NAME": "",
            "SERVER_NAME": host,
            "SERVER_PORT": str(port),
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": netloc,
            "HTTP_X_FORWARDED_PROTO": scheme,
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.input": io.BytesIO(),
            "wsgi.url_scheme": scheme,
            MARK: publishing,
        }
        try:
            with values.moving(publishing.keys | publishing.lagging):
                response = _site().get_response(WSGIRequest(environ))
        except Exception:  # the purge goes on: the page is then only purged
            logger.exception("Could not renew %s in place", path)
            continue
        answer = response.get("X-Page-Cache")
        renewed += answer == "renewed"
        if answer not in ("renewed", "not kept"):
            logger.warning(
                "%s was not renewed in place (%s)", path, response.status_code
            )
    return publishing.entries
