"""The public page cache: anonymous reads served from the shared cache.

Never stale, by two rules:
1. Any change a reader could see (a transition, an edit, a correction, a Top
   Stories, author, section, tag or photo change) calls `bump()`, which moves
   the cache *generation*; a page stored under an older generation is never
   served again, on this app server or any other sharing the cache. The
   generation and the page are read together, in one round trip.
2. A page is kept no longer than the next scheduled `publish_at`,
   `unpublish_at` or Top Stories window change, so a story scheduled for 09:00
   appears at 09:00 with no job running.

Requests carrying a session cookie (staff) are never served from or stored in
the cache, and preview links are not wrapped at all.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from articles.models import Article, TopStory

GENERATION_KEY = "pages:generation"
CACHEABLE_STATUS = {200, 301, 404, 410}
KEPT_HEADERS = ["Content-Type", "Location", "X-Robots-Tag", "Content-Language"]
NO_CHANGE = 0  # cached "nothing scheduled" marker


#: Pages that list stories: a story entering or leaving the site changes them.
LIST_KEYS = frozenset({"home", "stories", "top", "feeds", "sitemaps", "search"})


def story_keys(article):
    """The content keys of every page that may show `article`: its own page,
    its card wherever it is listed, and the lists it is (or may enter) on."""
    keys = {f"story:{article.pk}", f"card:{article.pk}", *LIST_KEYS}
    if article.section_id:
        keys.add(f"section:{article.section_id}")
    if article.lead_photo_id:
        keys.add(f"photo:{article.lead_photo_id}")
    keys.update(f"tag:{pk}" for pk in article.tags.values_list("pk", flat=True))
    keys.update(
        f"author:{pk}" for pk in article.bylines.values_list("author", flat=True)
    )
    return keys


def purge(keys):
    """Make the cached pages carrying any of `keys` stale, on every app server
    sharing the cache. (For now every key empties the whole page cache.)"""
    if keys:
        bump()


def bump():
    """Make every cached page stale, on every app server sharing the cache."""
    cache.set(GENERATION_KEY, time.time_ns(), None)


def generation():
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        current = cache.get(GENERATION_KEY)
    return current


def _lookup(request):
    """The current generation and the page's entry, in one cache round trip."""
    key = _key(request)
    found = cache.get_many([GENERATION_KEY, key])
    current = found.get(GENERATION_KEY)
    if current is None:
        current = generation()
    return current, key, found.get(key)


def _next_change(current, now):
    """Epoch seconds of the next scheduled change (cached per generation)."""
    key = f"pages:next:{current}"
    found = cache.get(key)
    if found is not None and (found == NO_CHANGE or found > now):
        return found or None
    moments = [Article.objects.next_change(), TopStory.objects.next_change()]
    moments = [moment.timestamp() for moment in moments if moment is not None]
    upcoming = min(moments, default=None)
    timeout = int(upcoming - now) + 1 if upcoming else None
    cache.set(key, upcoming or NO_CHANGE, timeout)
    return upcoming


def fragment(key, compute, timeout):
    """`compute()`, kept in the shared cache under `key` for `timeout`
    seconds: the one way fragments and derived values are cached (story cards
    use Django's {% cache %} tag, which stores the same way)."""
    found = cache.get(key)
    if found is None:
        found = (compute(),)
        cache.set(key, found, timeout)
    return found[0]


def remember(name, compute):
    """A value derived from what readers see (say, the Top Stories ids), kept
    until the next visible change: a bump or the next scheduled moment."""
    now = time.time()
    current = generation()
    key = f"pages:value:{current}:{name}"
    found = cache.get(key)
    if found is not None and found[0] > now:
        return found[1]
    value = compute()
    upcoming = _next_change(current, now)
    until = now + settings.NEWSROOM_PAGE_CACHE_SECONDS
    if upcoming is not None:
        until = min(until, upcoming)
    if until > now:
        cache.set(key, (until, value), int(until - now) + 1)
    return value


def _cacheable(request):
    return (
        settings.NEWSROOM_PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _key(request):
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"pages:{request.get_host()}:{digest}"


def _respond(entry, now):
    response = HttpResponse(entry["content"], status=entry["status"])
    for header, value in entry["headers"].items():
        response[header] = value
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["stored"])
    cdn = max(0, min(settings.NEWSROOM_CDN_MAX_AGE, int(entry["until"] - now)))
    response["Cache-Control"] = f"public, max-age=0, s-maxage={cdn}"
    response["Vary"] = "Cookie"
    # The middleware that would add this is skipped on a hit.
    response["X-Frame-Options"] = settings.X_FRAME_OPTIONS
    return response


def _fresh(entry, current, now):
    # An entry from an older generation is stale, whatever its age.
    return entry is not None and entry["generation"] == current and entry["until"] > now


class PageCacheMiddleware:
    """Answer anonymous hits before sessions, auth, CSRF and messages run.

    Sits below the security, CSP and conditional-GET middleware (which still
    shape every response) and above the rest, which a cached public page does
    not need. A miss is noted on the request for `cache_public` to store.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _cacheable(request):
            now = time.time()
            current, key, entry = _lookup(request)
            if _fresh(entry, current, now):
                return _respond(entry, now)
            request.page_cache_miss = (current, key)
        return self.get_response(request)


def _public_headers(response, fresh_for):
    cdn = max(0, min(settings.NEWSROOM_CDN_MAX_AGE, int(fresh_for)))
    patch_cache_control(response, public=True, max_age=0, s_maxage=cdn)
    patch_vary_headers(response, ["Cookie"])


def cache_public(view):
    """Serve an anonymous GET from the cache, or render and keep it."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if not _cacheable(request):
            response = view(request, *args, **kwargs)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                patch_cache_control(response, private=True, no_cache=True)
            return response
        now = time.time()
        missed = getattr(request, "page_cache_miss", None)
        if missed is None:  # no PageCacheMiddleware in front: look it up here
            current, key, entry = _lookup(request)
            if _fresh(entry, current, now):
                return _respond(entry, now)
        else:
            current, key = missed
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
        if response.status_code not in CACHEABLE_STATUS or response.cookies:
            return response
        upcoming = _next_change(current, now)
        until = now + settings.NEWSROOM_PAGE_CACHE_SECONDS
        if upcoming is not None:
            until = min(until, upcoming)
        content = response.content
        entry = {
            "status": response.status_code,
            "content": content,
            "headers": {h: response[h] for h in KEPT_HEADERS if h in response},
            "etag": f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"',
            "stored": now,
            "until": until,
            "generation": current,
        }
        if until > now:
            cache.set(key, entry, int(until - now) + 1)
        response["ETag"] = entry["etag"]
        response["Last-Modified"] = http_date(now)
        _public_headers(response, until - now)
        return response

    return cached_view
