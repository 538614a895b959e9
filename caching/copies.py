"""A page as readers get it: the stored page with its shared fragments put
in (or ESI includes for them), its ETag and every header but the one that
depends on the clock, worked out once and served as it is on every hit.

A copy is current while its versions are: the page's and those of the
fragments it was assembled from, checked together in one round trip. It is
kept in this process's memory (the `copies` cache) and never changed once
built. When a fragment in it changes (the Top Stories under every story
page, after an edit of one of them), the copy is renewed from its parts:
one read of all its versions says which fragments moved, only those are
fetched, and the page's own text is not fetched again.
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


class Fragments:
    """How a site puts shared fragments into its pages: `split(content,
    content_type)` gives the page's text (bytes) and fragment names (str)
    in order, `fill(name, esi=...)` what goes in a fragment's place."""

    @staticmethod
    def split(content, content_type):
        return [content]

    @staticmethod
    def fill(name, *, esi):
        return b""


class Part:
    """A fragment as one copy holds it: its bytes and the versions (and
    exact versions) it is current by; None when it could not be kept."""

    __slots__ = ("content", "exact", "versions")

    def __init__(self, content, versions, exact):
        self.content, self.versions, self.exact = content, versions, exact


#: The newest Part of each fragment this process fetched, by (name, esi):
#: when a hundred story pages take in a new Top Stories feed, the first
#: fetches it and the others check it is still current, with their own
#: versions, in the same round trip.
_latest = {}
LATEST_KEPT = 1_000


def _part(site, name, esi):
    with noting_versions() as used:
        content = site.fill(name, esi=esi)
    if not used.keepable:
        return Part(content, None, None)
    if len(_latest) >= LATEST_KEPT:
        _latest.clear()
    part = _latest[name, esi] = Part(content, used.versions, used.exact)
    return part


def _current(part, current):
    """Is `part` current by `current` (versions read), as far as it says?"""
    return part is not None and all(
        current.get(key, False) == version for key, version in part.versions.items()
    )


class Copy:
    __slots__ = (
        "check",
        "content",
        "entry",
        "esi",
        "exact",
        "headers",
        "parts",
        "pieces",
        "scheduled",
        "status",
        "stored",
        "until",
        "versions",
    )

    def __init__(self, entry, pieces, parts, *, esi, headers=None):
        self.entry, self.pieces, self.parts, self.esi = entry, pieces, parts, esi
        self.status = entry["status"]
        self.stored = entry["stored"]
        self.until = entry["until"]
        self.scheduled = entry["scheduled"]
        self.content = b"".join(
            parts[piece].content if isinstance(piece, str) else piece
            for piece in pieces
        )
        self.versions = self.exact = None
        if entry["kept"] and all(part.versions is not None for part in parts.values()):
            # The page's own versions win: a fragment's may be newer than
            # what the page was rendered from.
            self.versions, self.exact = {}, {}
            for part in parts.values():
                self.versions.update(part.versions)
                self.exact.update(part.exact)
            self.versions.update(entry["versions"])
            self.exact.update(entry["exact"])
        # A copy with fragments is checked by reading its versions, which
        # says too which fragments moved (`renewed`); one without, by the
        # faster comparison kept here.
        self.check = store.check(self.versions) if self.versions and not parts else None
        if headers is None:
            self.headers = self._headers()
        else:  # renewed: only the content, so only the ETag, moved
            self.headers = {**headers, "ETag": _etag(self.content)}

    def _headers(self):
        entry = self.entry
        response = HttpResponse(status=entry["status"])
        for header, value in entry["headers"].items():
            response[header] = value
        if len(self.pieces) > 1:
            patch_vary_headers(response, ["Surrogate-Capability"])
            if self.esi:
                response["Surrogate-Control"] = 'content="ESI/1.0"'
        response["ETag"] = _etag(self.content)
        response["Last-Modified"] = http_date(entry["stored"])
        # The middleware that would add this is skipped on a hit.
        response["X-Frame-Options"] = settings.X_FRAME_OPTIONS
        # The page's own keys: its fragments are purged on their own (at
        # the edge too, as ESI includes).
        keys_headers(response, entry["versions"])
        patch_vary_headers(response, ["Cookie"])
        return dict(response.items())

    def response(self, now, state):
        """The copy as one reader gets it, `state` in X-Page-Cache."""
        response = HttpResponse(self.content, status=self.status, headers=self.headers)
        response["Cache-Control"] = cache_control(self.until - now, self.scheduled)
        response["X-Page-Cache"] = state
        return response

    def current(self):
        """The current versions of this copy's keys, when it has fragments
        (then `renewed` takes them), or None; and is it current? (One round
        trip either way.)"""
        if self.parts:
            current = store.versions(list(self.versions))
            return current, current == self.versions
        return None, store.is_current(self.versions, self.check)

    def renewed(self, site, current):
        """This copy with the fragments that moved fetched again, when the
        page itself has not moved by `current` (versions read); else None.
        (One round trip per fragment that moved and no other copy in this
        process fetched yet.)"""
        if current is None:
            return None
        page = self.entry["versions"]
        if any(current[key] != version for key, version in page.items()):
            return None
        parts = {}
        for name, part in self.parts.items():
            if not _current(part, current):
                part = _latest.get((name, self.esi))
                if not _current(part, current):
                    part = _part(site, name, self.esi)
            parts[name] = part
        return Copy(self.entry, self.pieces, parts, esi=self.esi, headers=self.headers)


def _etag(content):
    return f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'


def assemble(entry, site, *, esi):
    """`entry` (the stored page) as a Copy: its fragments put in by `site`
    (a Fragments), and the headers every reader of it gets. The copy's
    versions are None when a fragment in it could not be kept."""
    content_type = entry["headers"].get("Content-Type", "")
    pieces = site.split(entry["content"], content_type)
    parts = {
        piece: _part(site, piece, esi) for piece in pieces if isinstance(piece, str)
    }
    return Copy(entry, pieces, parts, esi=esi)
