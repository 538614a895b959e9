"""Purging the HTTP cache in front by content key: one adapter per kind of
cache, chosen by NEWSROOM_HTTP_CACHE ("varnish", "fastly", "cloudflare").

Each adapter sends the keys a change touched, in batches, and raises
PurgeFailed when the cache does not acknowledge them; the purge task
(caching.tasks) retries. Requests go out with the standard library: one
POST or PURGE each, nothing worth a dependency.
"""

import http.client
import json
import logging
import secrets
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

TIMEOUT = 5


class PurgeFailed(Exception):
    """The HTTP cache did not acknowledge a purge."""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A purge or refresh answered with a redirect failed: following it
    would send the secret elsewhere."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


class Purger:
    batch = 100

    def purge(self, keys, *, soft=False, **options):
        """Purge `keys`; `soft`: the cache may serve its copies while it
        fetches new ones (where it can; otherwise they are purged). Other
        `options` go to the adapter's `send`."""
        keys = sorted(keys)
        for start in range(0, len(keys), self.batch):
            self.send(keys[start : start + self.batch], soft=soft, **options)

    def send(self, keys, *, soft):
        raise NotImplementedError

    def refresh(self, pages, keys):
        """Renew `pages` ((path, the key of what it shows), among `keys`) in
        place, then purge `keys` from every other copy, so that readers of
        those pages get the old copy until the new one is stored, never
        after. A cache that cannot purges."""
        self.purge(keys)

    @staticmethod
    def request(url, *, method="POST", headers=None, data=None):
        body = json.dumps(data).encode() if data is not None else None
        request = urllib.request.Request(  # noqa: S310 - a configured http(s) URL
            url, data=body, method=method, headers=headers or {}
        )
        if body is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with _opener.open(request, timeout=TIMEOUT) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            raise PurgeFailed(f"{url} answered {error.code}") from error
        except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
            raise PurgeFailed(f"{url} did not answer: {error}") from error


class VarnishPurger(Purger):
    """Varnish with vmod-xkey (deploy/varnish/default.vcl): a PURGE request
    carrying the keys in `xkey-purge` (or `xkey-softpurge`, which keeps the
    copies for the VCL's short grace) and the shared secret in
    `X-Purge-Secret` (deploy/varnish/purge.vcl), to every Varnish in
    NEWSROOM_VARNISH_URLS."""

    def __init__(self):
        self.urls = settings.NEWSROOM_VARNISH_URLS
        self.secret = settings.NEWSROOM_VARNISH_PURGE_SECRET
        if not self.urls:
            raise ImproperlyConfigured("Set NEWSROOM_VARNISH_URLS to purge Varnish.")
        if not self.secret:
            raise ImproperlyConfigured(
                "Set NEWSROOM_VARNISH_PURGE_SECRET to the secret in Varnish's "
                "purge.vcl: Varnish refuses purges without it."
            )

    def send(self, keys, *, soft, keep=None):
        headers = {
            "xkey-softpurge" if soft else "xkey-purge": " ".join(keys),
            "X-Purge-Secret": self.secret,
        }
        if keep:
            headers["xkey-keep"] = keep
        for url in self.urls:
            self.request(url.rstrip("/") + "/", method="PURGE", headers=headers)

    def refresh(self, pages, keys):
        """Each page is fetched anew through every Varnish with a one-time
        token the VCL stores on the new copy (and on those of its fragments
        carrying the page's key); then every copy carrying `keys` but those
        is purged (a ban). A refresh that fails leaves the purge to take
        that page too."""
        if not pages:
            return self.purge(keys)
        token = secrets.token_hex(16)
        headers = {"X-Newsroom-Refresh": token, "X-Purge-Secret": self.secret}
        headers.update(_as_readers_ask())
        for url in self.urls:
            for path, key in pages:
                try:
                    self.request(
                        url.rstrip("/") + path,
                        method="GET",
                        headers={**headers, "X-Newsroom-Refresh-Key": key},
                    )
                except PurgeFailed as error:
                    logger.warning("Could not renew %s in place: %s", path, error)
        self.purge(keys, keep=token)


def _as_readers_ask():
    """The Host (and scheme, for a TLS proxy in front of Varnish) readers
    ask for, from NEWSROOM_SITE_URL: the copy a refresh stores is the one
    they get. Unset, the Varnish URL's own host."""
    site = urlsplit(settings.NEWSROOM_SITE_URL)
    if not site.netloc:
        return {}
    return {"Host": site.netloc, "X-Forwarded-Proto": site.scheme or "http"}


class FastlyPurger(Purger):
    """Fastly's batch surrogate-key purge: POST /service/<id>/purge."""

    batch = 256

    def __init__(self):
        self.url = (
            f"{settings.NEWSROOM_FASTLY_API.rstrip('/')}/service/"
            f"{settings.NEWSROOM_FASTLY_SERVICE}/purge"
        )
        self.token = settings.NEWSROOM_FASTLY_TOKEN

    def send(self, keys, *, soft):
        headers = {"Fastly-Key": self.token, "Accept": "application/json"}
        if soft:
            headers["Fastly-Soft-Purge"] = "1"
        self.request(self.url, headers=headers, data={"surrogate_keys": keys})


class CloudflarePurger(Purger):
    """Cloudflare's purge by cache tag: POST /zones/<id>/purge_cache. It has
    no soft purge: every purge is exact."""

    batch = 30

    def __init__(self):
        self.url = (
            f"{settings.NEWSROOM_CLOUDFLARE_API.rstrip('/')}/zones/"
            f"{settings.NEWSROOM_CLOUDFLARE_ZONE}/purge_cache"
        )
        self.token = settings.NEWSROOM_CLOUDFLARE_TOKEN

    def send(self, keys, *, soft):
        body = self.request(
            self.url,
            headers={"Authorization": f"Bearer {self.token}"},
            data={"tags": keys},
        )
        if not json.loads(body or b"{}").get("success", False):
            raise PurgeFailed(f"Cloudflare refused the purge: {body[:200]!r}")


PURGERS = {
    "varnish": VarnishPurger,
    "fastly": FastlyPurger,
    "cloudflare": CloudflarePurger,
}


def enabled():
    return bool(settings.NEWSROOM_HTTP_CACHE)


def purger():
    """The configured adapter (ImproperlyConfigured for an unknown kind)."""
    kind = settings.NEWSROOM_HTTP_CACHE
    if kind not in PURGERS:
        raise ImproperlyConfigured(
            f"NEWSROOM_HTTP_CACHE={kind!r}: choose one of {', '.join(PURGERS)}."
        )
    return PURGERS[kind]()
