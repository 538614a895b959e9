"""The public page cache: anonymous reads served from the shared cache.

Never stale, by two rules:
1. A page records the content keys of what it shows (caching.keys) and their
   versions; it is served only while they are current, so a change (which
   purges its keys) is seen on the next request, on this app server or any
   other sharing the cache.
2. A page is kept no longer than the next scheduled change (caching.schedule:
   a story scheduled for 09:00 appears at 09:00 with no job running).

A page is rendered by one request at a time: while one renders a page kept
before, its other readers get the copy out of date if lagging purges alone
moved it, the first of them recently enough (`Lookup.graceful`), or else
wait for that render's copy (`Lookup.awaited`: coalescing, not one render
per process).

Requests carrying a session cookie (staff) are never served from or stored in
the cache, and preview links are not wrapped at all. When the database fails,
readers get the last copy of a page kept within NEWSROOM_STALE_IF_ERROR
seconds, whatever its keys say; an HTTP cache in front is told the same with
`stale-if-error`.

The cache knows no site: a `PageCache` is built by the site that uses it,
which says which paths hold no cached page, how to put shared fragments into
a page as it is answered, and which keys every page carries.
"""

import hashlib
import logging
import math
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.db import Error as DatabaseFailure
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from caching import keys as content
from caching import renewal
from caching import versions as store
from caching.copies import Fragments, assemble, cache_control
from caching.notices import notices
from caching.schedule import kept_until

logger = logging.getLogger(__name__)

CACHEABLE_STATUS = {200, 301, 404, 410}
#: How long a request waits for another that is rendering the same page,
#: and how often it looks whether that one is done.
WAIT_SECONDS = 3.0
WAIT_POLL_SECONDS = 0.005
KEPT_HEADERS = ["Content-Type", "Location", "X-Robots-Tag", "Content-Language"]
#: Headers of a copy a rendered (missed) response takes as they are.
COPIED_HEADERS = [
    "ETag",
    "Last-Modified",
    "xkey",
    "Surrogate-Key",
    "Cache-Tag",
    "Surrogate-Control",
]


def _cacheable(request):
    return (
        settings.NEWSROOM_PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _key(request):
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"pages:page:{request.get_host()}:{digest}"


def _esi(request):
    """Does the HTTP cache in front assemble fragments itself? Only Varnish is
    trusted to say so: another cache might keep the unassembled page for all."""
    return settings.NEWSROOM_HTTP_CACHE == "varnish" and "ESI/1.0" in (
        request.headers.get("Surrogate-Capability", "")
    )


class Lookup:
    """One request's look in the cache.

    A hit is one round trip to the shared cache: this process keeps the
    copies it served (caching.copies: the page assembled with its fragments,
    headers and all) and serves one once its versions (the page's and its
    fragments') are checked together. With Redis, a copy checked once is
    served without asking again until a purge notice names one of its keys
    (caching.notices): no round trip at all, and when a notice names one,
    the notices say which of its versions moved. Only a copy this process
    has not served yet, or one gone out of date, costs more: a copy whose
    fragments moved is renewed from its parts; otherwise the stored page is
    fetched, checked, and assembled again.
    """

    def __init__(self, request, fragments):
        self.key = _key(request)
        self.esi = _esi(request)
        self.fragments = fragments
        self.copy_key = f"{self.key}:{'esi' if self.esi else 'html'}"
        #: Held by the one request rendering this page (`claim`).
        self.lock = f"pages:renewing:{self.key}"
        #: The stored page, current or not, once fetched.
        self.entry = None
        #: The clock before rendering.
        self.since = None
        #: This process's copy, gone out of date.
        self.previous = None
        #: The lock this request holds while it renders the page again.
        self.renewing = None
        #: The purge this render renews the page for (caching.renewal).
        self.publishing = None

    def find(self, now):
        """A current copy of the page, or None."""
        copies = caches["copies"]
        copy = copies.get(self.copy_key)
        if copy is not None and copy.until > now:
            if notices.trusted(self.copy_key, copy.versions):
                return copy
            heard = notices.mark(self.copy_key)
            told = notices.told(self.copy_key, copy.versions, heard)
            if told is not None:  # what moved, without asking
                current, fresh = told, told == copy.versions
            else:
                current, fresh = copy.current()
            if fresh:
                notices.checked_at(self.copy_key, heard)
                return copy
            renewed = copy.renewed(self.fragments, current)
            if renewed is not None and renewed.versions is not None:
                copies.set(self.copy_key, renewed, int(copy.until - now) + 1)
                notices.checked_at(self.copy_key, heard)
                return renewed
            self.previous = copy
        found = cache.get_many([self.key, store.CLOCK])
        entry = self.entry = found.get(self.key)
        self.since = found.get(store.CLOCK) or store.clock()
        return self.keep(entry, now) if _current(entry, now) else None

    def keep(self, entry, now):
        """`entry` assembled, kept as this process's copy if it can be."""
        copy = assemble(entry, self.fragments, esi=self.esi)
        if copy.versions is not None:
            caches["copies"].set(self.copy_key, copy, int(entry["until"] - now) + 1)
        return copy

    def graceful(self, now):
        """A copy out of date by lagging purges only (caching.versions), to
        serve while another request renders the page again; None when this
        request must render it (it then holds the lock) or when the copy is
        too old or out of date by an exact purge.

        The copy shows every change purged before the first purge it
        missed (caching.versions.lagging_since): served no later than
        NEWSROOM_LAG_SECONDS after that purge, it lags no change by more
        (a change is purged as it commits). A page read rarely, rendered
        long ago, may so be served while it renders again, as a busy one is.
        An HTTP cache in front asking is always answered with a fresh page
        (it keeps what it gets, and serves its own copies while it asks)."""
        copy = self.previous
        if copy is None and self.entry is not None and self.entry["kept"]:
            copy = self.entry
        lag = settings.NEWSROOM_LAG_SECONDS
        if (
            self.esi
            or not lag
            or copy is None
            or _get(copy, "until") <= now
            or _get(copy, "versions") is None
        ):
            return None
        since = store.lagging_since(
            _get(copy, "versions"), _get(copy, "exact"), _get(copy, "stored")
        )
        if since is None or now - since >= lag:
            return None
        if self.claim():
            return None
        if copy is self.entry:
            copy = assemble(copy, self.fragments, esi=self.esi)
        return copy

    def claim(self):
        """Take the lock that lets one request at a time render this page;
        True when this request holds it (and is to render)."""
        if self.renewing is None:
            lasts = max(math.ceil(settings.NEWSROOM_LAG_SECONDS), 1)
            if cache.add(self.lock, 1, lasts):
                self.renewing = self.lock
        return self.renewing is not None

    def awaited(self):
        """The page as another request rendering it right now keeps it,
        current; None when this request is to render it: no copy of it was
        ever kept (a page that is not kept is never waited for), the other
        request kept none current, or it took longer than WAIT_SECONDS.

        The coalescing a cache in front does: a purged page that many read
        at once is rendered by one request, not one per app process."""
        if self.previous is None and not (self.entry and self.entry["kept"]):
            return None
        for _ in range(math.ceil(WAIT_SECONDS / WAIT_POLL_SECONDS)):
            if self.claim():
                return None
            time.sleep(WAIT_POLL_SECONDS)
            if cache.get(self.lock) is None:
                entry, now = cache.get(self.key), time.time()
                # None current (not kept, purged again): render it here.
                return self.keep(entry, now) if _current(entry, now) else None
        return None

    def release(self):
        if self.renewing is not None:
            cache.delete(self.renewing)
            self.renewing = None


def _current(entry, now):
    """Is this stored page (or None) kept, within its time, and current by
    its versions (one round trip)?"""
    return (
        entry is not None
        and entry["kept"]
        and entry["until"] > now
        and store.is_current(entry["versions"], entry["check"])
    )


def _get(copy_or_entry, name):
    if isinstance(copy_or_entry, dict):
        return copy_or_entry[name]
    return getattr(copy_or_entry, name)


def _store(lookup, response, keys, now):
    """Keep the page unless its keys were purged while it rendered."""
    recorded, exact = store.stamp(keys, lookup.since)
    if recorded is not None and lookup.publishing is not None:
        recorded, exact = lookup.publishing.stamped(recorded, exact)
    limit = now + settings.NEWSROOM_PAGE_CACHE_SECONDS
    until = kept_until(now)
    entry = {
        "status": response.status_code,
        "content": response.content,
        "headers": {h: response[h] for h in KEPT_HEADERS if h in response},
        "stored": now,
        "until": until,
        "scheduled": until < limit,
        "versions": recorded or dict.fromkeys(keys),
        "exact": exact,
        "check": store.check(recorded) if recorded else None,
        "kept": recorded is not None,
    }
    if recorded is not None and until > now:
        timeout = int(until - now) + 1 + settings.NEWSROOM_STALE_IF_ERROR
        if lookup.publishing is not None:  # stored as the purge publishes
            lookup.publishing.entries[lookup.key] = (entry, timeout)
        else:
            cache.set(lookup.key, entry, timeout)
    return entry


class PageCache:
    """A site's page cache: `middleware` answers hits early, `cache` wraps
    the views whose anonymous answers are kept.

    - `skip`: path prefixes no cached page lives under; their requests are
      not looked up at all.
    - `fragments`: how shared fragments go into the stored bytes as a
      reader gets them (or ESI includes for an HTTP cache that assembles
      them): a caching.copies.Fragments; used once per copy.
    - `base_keys`: what every cached answer carries besides what it shows.
    """

    def __init__(self, *, skip=(), fragments=Fragments, base_keys=(content.ALL,)):
        self.skip = tuple(skip)
        self.fragments = fragments
        self.base_keys = tuple(base_keys)

    def lookup(self, request, now):
        """(the response to a hit, or None; the lookup to render with)."""
        lookup = Lookup(request, self.fragments)
        copy = lookup.find(now)
        if copy is not None:
            return copy.response(now, "hit"), lookup
        copy = lookup.graceful(now)
        if copy is not None:
            return copy.response(now, "grace"), lookup
        copy = lookup.awaited()
        if copy is not None:
            return copy.response(time.time(), "coalesced"), lookup
        return None, lookup

    def middleware(self, get_response):
        """Answer anonymous hits before sessions, auth, CSRF and messages run.

        Sits below the security, CSP and conditional-GET middleware (which
        still shape every response) and above the rest, which a cached public
        page does not need. A miss is noted on the request for `cache` to
        store.
        """

        def page_cache_middleware(request):
            if not _cacheable(request) or request.path.startswith(self.skip):
                return get_response(request)
            publishing = request.META.get(renewal.MARK)
            if publishing is not None:  # render it for that purge, unasked
                lookup = request.page_cache = Lookup(request, self.fragments)
                if not publishing.renews(request.path, lookup.key):
                    return HttpResponse(
                        status=204, headers={"X-Page-Cache": "not kept"}
                    )
                lookup.since, lookup.publishing = publishing.version, publishing
                return get_response(request)
            served, lookup = self.lookup(request, time.time())
            if served is not None:
                return served
            request.page_cache = lookup
            try:
                return get_response(request)
            finally:
                lookup.release()

        return page_cache_middleware

    def cache(self, view):
        """Serve an anonymous GET from the cache, or render it, record its
        keys and keep it."""

        @wraps(view)
        def cached_view(request, *args, **kwargs):
            if not _cacheable(request):
                response = view(request, *args, **kwargs)
                if settings.SESSION_COOKIE_NAME in request.COOKIES:
                    patch_cache_control(response, private=True, no_cache=True)
                return response
            now = time.time()
            lookup = getattr(request, "page_cache", None)
            if lookup is None:  # no middleware in front: look it up here
                served, lookup = self.lookup(request, now)
                if served is not None:
                    return served
            try:
                return self.render(lookup, view, request, now, args, kwargs)
            finally:
                lookup.release()

        return cached_view

    def render(self, lookup, view, request, now, args, kwargs):
        try:
            with content.collecting(*self.base_keys) as keys:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render"):
                    response.render()
        except DatabaseFailure as failure:
            return self.stale(request, lookup, now, failure)
        response["X-Page-Cache"] = "miss"
        if response.status_code not in CACHEABLE_STATUS or response.cookies:
            return response
        if response.status_code == 404:
            keys.add(content.MISSING)
        entry = _store(lookup, response, keys, now)
        if lookup.publishing is not None:  # kept for readers, not for this one
            response["X-Page-Cache"] = "renewed" if entry["kept"] else "miss"
            return response
        copy = lookup.keep(entry, now)
        response.content = copy.content
        for header in COPIED_HEADERS:
            if header in copy.headers:
                response[header] = copy.headers[header]
        patch_vary_headers(response, copy.headers["Vary"].split(", "))
        if copy.versions is None:
            # Purged while it rendered: old already, for this reader only.
            patch_cache_control(response, private=True, no_cache=True)
        else:
            response["Cache-Control"] = cache_control(copy.until - now, copy.scheduled)
        return response

    def stale(self, request, lookup, now, failure):
        """The database failed: the last copy kept, if recent enough."""
        entry = lookup.entry
        if entry is None:
            raise failure
        age = now - entry["until"]
        if age > settings.NEWSROOM_STALE_IF_ERROR:
            raise failure
        logger.warning("Database failed; serving a stale copy of %s", request.path)
        copy = assemble(entry, self.fragments, esi=lookup.esi)
        response = copy.response(now, "stale")
        response["Cache-Control"] = "no-store"
        response["Warning"] = '110 - "Response is stale"'
        return response
