"""A page as readers get it: the stored page with its shared fragments put
in (or ESI includes for them), its ETag and every header but the one that
depends on the clock, worked out once and served as it is on every hit.

A copy is current while its versions are: the page's and those of the
fragments it was assembled from, checked together in one round trip. It is
kept in this process's memory (the `copies` cache) and never changed once
built.
"""

import hashlib

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date

from caching import versions as store
from caching.values import noting_versions


def keys_headers(response, keys):
    """Tell an HTTP cache in front which content keys the response shows."""
    names = " ".join(sorted(keys))
    response["xkey"] = names
    response["Surrogate-Key"] = names
    if settings.NEWSROOM_HTTP_CACHE == "cloudflare":
        response["Cache-Tag"] = ",".join(sorted(keys))


def cache_control(fresh_for, scheduled):
    """How long an HTTP cache in front may keep the page. With a purging
    cache configured it may be long, and serve stale copies while it
    revalidates (not past a scheduled change) or while we fail."""
    shared = max(0, min(settings.NEWSROOM_CDN_MAX_AGE, int(fresh_for)))
    value = f"public, max-age=0, s-maxage={shared}"
    if settings.NEWSROOM_HTTP_CACHE:
        value += f", stale-if-error={settings.NEWSROOM_STALE_IF_ERROR}"
        if not scheduled:
            value += f", stale-while-revalidate={settings.NEWSROOM_STALE_REVALIDATE}"
    return value


class Copy:
    __slots__ = (
        "check",
        "content",
        "exact",
        "headers",
        "scheduled",
        "status",
        "stored",
        "until",
        "versions",
    )

    def __init__(self, entry, content, headers, versions, exact):
        self.status = entry["status"]
        self.stored = entry["stored"]
        self.until = entry["until"]
        self.scheduled = entry["scheduled"]
        self.content = content
        self.headers = headers
        self.versions = versions
        self.exact = exact
        self.check = store.check(versions) if versions else None

    def response(self, now, state):
        """The copy as one reader gets it, `state` in X-Page-Cache."""
        response = HttpResponse(self.content, status=self.status, headers=self.headers)
        response["Cache-Control"] = cache_control(self.until - now, self.scheduled)
        response["X-Page-Cache"] = state
        return response


def assemble(entry, assembler, *, esi):
    """`entry` (the stored page) as a Copy: its fragments put in by
    `assembler`, and the headers every reader of it gets. The copy's
    versions are None when a fragment in it could not be kept."""
    content_type = entry["headers"].get("Content-Type", "")
    stored = entry["content"]
    with noting_versions() as used:
        content = assembler(stored, esi=esi, content_type=content_type)
    response = HttpResponse(status=entry["status"])
    for header, value in entry["headers"].items():
        response[header] = value
    if content is not stored:
        patch_vary_headers(response, ["Surrogate-Capability"])
        if esi:
            response["Surrogate-Control"] = 'content="ESI/1.0"'
    digest = hashlib.md5(content, usedforsecurity=False).hexdigest()
    response["ETag"] = f'"{digest}"'
    response["Last-Modified"] = http_date(entry["stored"])
    # The middleware that would add this is skipped on a hit.
    response["X-Frame-Options"] = settings.X_FRAME_OPTIONS
    # The page's own keys: its fragments are purged on their own (at the
    # edge too, as ESI includes).
    keys_headers(response, entry["versions"])
    patch_vary_headers(response, ["Cookie"])
    versions = exact = None
    if entry["kept"] and used.keepable:
        # The page's own versions win: a fragment's may be newer than what
        # the page was rendered from.
        versions = {**used.versions, **entry["versions"]}
        exact = {**used.exact, **entry["exact"]}
    headers = dict(response.items())
    return Copy(entry, content, headers, versions, exact)
