"""The public page cache: anonymous reads served from the shared cache.

Never stale, by two rules:
1. A page records the content keys of what it shows (caching.keys) and their
   versions; it is served only while they are current, so a change (which
   purges its keys) is seen on the next request, on this app server or any
   other sharing the cache.
2. A page is kept no longer than the next scheduled change (caching.schedule:
   a story scheduled for 09:00 appears at 09:00 with no job running).

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
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.db import Error as DatabaseFailure
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from caching import keys as content
from caching import versions as store
from caching.schedule import kept_until

logger = logging.getLogger(__name__)

CACHEABLE_STATUS = {200, 301, 404, 410}
KEPT_HEADERS = ["Content-Type", "Location", "X-Robots-Tag", "Content-Language"]


def _cacheable(request):
    return (
        settings.NEWSROOM_PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _key(request):
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"pages:{request.get_host()}:{digest}"


class Lookup:
    """One request's look in the cache: its entry (fresh or not) and the
    clock before rendering.

    This process keeps a copy of the entries it served (the `pages` cache,
    local memory): a copy is served only after its key versions are checked
    in the shared cache, one small round trip, so it is never stale and the
    page itself need not cross the network again.
    """

    def __init__(self, request):
        self.key = _key(request)
        self.checked = False
        local = caches["pages"].get(self.key)
        if (
            local is not None
            and local["until"] > time.time()
            and store.is_current(local["versions"], local["check"])
        ):
            self.entry, self.since, self.checked = local, None, True
            return
        found = cache.get_many([self.key, store.CLOCK])
        self.entry = found.get(self.key)
        self.since = found.get(store.CLOCK) or store.clock()

    def fresh(self, now):
        entry = self.entry
        if entry is None or entry["until"] <= now:
            return False
        if not self.checked:
            if not store.is_current(entry["versions"], entry["check"]):
                return False
            caches["pages"].set(self.key, entry, int(entry["until"] - now) + 1)
        return True


def _keys_headers(response, keys):
    names = " ".join(sorted(keys))
    response["xkey"] = names
    response["Surrogate-Key"] = names
    if settings.NEWSROOM_HTTP_CACHE == "cloudflare":
        response["Cache-Tag"] = ",".join(sorted(keys))


def _shared_cache_headers(response, fresh_for, scheduled):
    """How long an HTTP cache in front may keep the page. With a purging
    cache configured it may be long, and serve stale copies while it
    revalidates (not past a scheduled change) or while we fail."""
    shared = max(0, min(settings.NEWSROOM_CDN_MAX_AGE, int(fresh_for)))
    directives = {"public": True, "max_age": 0, "s_maxage": shared}
    if settings.NEWSROOM_HTTP_CACHE:
        directives["stale_if_error"] = settings.NEWSROOM_STALE_IF_ERROR
        if not scheduled:
            directives["stale_while_revalidate"] = settings.NEWSROOM_STALE_REVALIDATE
    patch_cache_control(response, **directives)
    patch_vary_headers(response, ["Cookie"])


def _esi(request):
    """Does the HTTP cache in front assemble fragments itself? Only Varnish is
    trusted to say so: another cache might keep the unassembled page for all."""
    return settings.NEWSROOM_HTTP_CACHE == "varnish" and "ESI/1.0" in (
        request.headers.get("Surrogate-Capability", "")
    )


def _untouched(content, *, esi, content_type):
    return content


def _store(lookup, response, keys, now):
    """Keep the page unless its keys were purged while it rendered."""
    recorded = store.stamp(keys, lookup.since)
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
        "check": store.check(recorded) if recorded else None,
        "kept": recorded is not None,
    }
    if recorded is not None and until > now:
        timeout = int(until - now) + 1 + settings.NEWSROOM_STALE_IF_ERROR
        cache.set(lookup.key, entry, timeout)
    return entry


class PageCache:
    """A site's page cache: `middleware` answers hits early, `cache` wraps
    the views whose anonymous answers are kept.

    - `skip`: path prefixes no cached page lives under; their requests are
      not looked up at all.
    - `assemble(content, esi=..., content_type=...)`: the stored bytes as a
      reader gets them (shared fragments put in, or ESI includes for an
      HTTP cache that assembles them); run on every answer, hit or miss.
    - `base_keys`: what every cached answer carries besides what it shows.
    """

    def __init__(self, *, skip=(), assemble=_untouched, base_keys=(content.ALL,)):
        self.skip = tuple(skip)
        self.assemble = assemble
        self.base_keys = tuple(base_keys)

    def finish(self, request, response, stored):
        """The page as this request gets it, with its ETag."""
        esi = _esi(request)
        content_type = response.get("Content-Type", "")
        assembled = self.assemble(stored, esi=esi, content_type=content_type)
        if assembled is not stored:
            patch_vary_headers(response, ["Surrogate-Capability"])
            if esi:
                response["Surrogate-Control"] = 'content="ESI/1.0"'
        response.content = assembled
        digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        response["ETag"] = f'"{digest}"'
        return response

    def respond(self, request, entry, now, *, stale=False):
        response = HttpResponse(status=entry["status"])
        for header, value in entry["headers"].items():
            response[header] = value
        self.finish(request, response, entry["content"])
        response["Last-Modified"] = http_date(entry["stored"])
        # The middleware that would add this is skipped on a hit.
        response["X-Frame-Options"] = settings.X_FRAME_OPTIONS
        _keys_headers(response, entry["versions"])
        response["X-Page-Cache"] = "stale" if stale else "hit"
        if stale:
            response["Cache-Control"] = "no-store"
            response["Warning"] = '110 - "Response is stale"'
        else:
            _shared_cache_headers(response, entry["until"] - now, entry["scheduled"])
        return response

    def middleware(self, get_response):
        """Answer anonymous hits before sessions, auth, CSRF and messages run.

        Sits below the security, CSP and conditional-GET middleware (which
        still shape every response) and above the rest, which a cached public
        page does not need. A miss is noted on the request for `cache` to
        store.
        """

        def page_cache_middleware(request):
            if _cacheable(request) and not request.path.startswith(self.skip):
                lookup = Lookup(request)
                now = time.time()
                if lookup.fresh(now):
                    return self.respond(request, lookup.entry, now)
                request.page_cache = lookup
            return get_response(request)

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
                lookup = Lookup(request)
                if lookup.fresh(now):
                    return self.respond(request, lookup.entry, now)
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
            self.finish(request, response, entry["content"])
            response["Last-Modified"] = http_date(now)
            _keys_headers(response, keys)
            if not entry["kept"]:
                # Purged while it rendered: old already, for this reader only.
                patch_cache_control(response, private=True, no_cache=True)
            else:
                fresh_for = entry["until"] - now
                _shared_cache_headers(response, fresh_for, entry["scheduled"])
            return response

        return cached_view

    def stale(self, request, lookup, now, failure):
        """The database failed: the last copy kept, if recent enough."""
        if lookup.entry is None:
            raise failure
        age = now - lookup.entry["until"]
        if age > settings.NEWSROOM_STALE_IF_ERROR:
            raise failure
        logger.warning("Database failed; serving a stale copy of %s", request.path)
        return self.respond(request, lookup.entry, now, stale=True)
