"""Search-engine and feed pings: IndexNow (Bing, Yandex and others share it)
learns which story addresses changed, and a WebSub hub that the site's feeds
changed, when a story is published, edited, moved to a new slug or taken
down. Off unless configured (NEWSROOM_SITE_URL with NEWSROOM_INDEXNOW_KEY
and/or NEWSROOM_WEBSUB_HUB); sent by the task worker once the change is
committed, and retried until acknowledged (`ping_search_engines`)."""

import json
import urllib.parse
import urllib.request

from django.conf import settings
from django.tasks import task
from django.urls import reverse

from articles.models import Article, SlugRedirect
from caching.tasks import retry

TIMEOUT_SECONDS = 10


class PingFailed(Exception):
    pass


def enabled():
    return bool(settings.NEWSROOM_SITE_URL) and bool(
        settings.NEWSROOM_INDEXNOW_KEY or settings.NEWSROOM_WEBSUB_HUB
    )


def absolute(path):
    return settings.NEWSROOM_SITE_URL.rstrip("/") + path


def story_urls(pks):
    """Every address of these stories readers may have: the current one and
    the old slugs that now answer 301."""
    urls = [
        absolute(reverse("articles:detail", args=[slug]))
        for slug in Article.objects.filter(pk__in=pks).values_list("slug", flat=True)
    ]
    urls += [
        absolute(reverse("articles:detail", args=[slug]))
        for slug in SlugRedirect.objects.filter(article__in=pks).values_list(
            "old_slug", flat=True
        )
    ]
    return sorted(set(urls))


#: The feeds a WebSub hub is told of (they name the hub, public.feeds).
FEEDS = ("articles:feed-latest", "articles:feed-latest-atom")


def feed_urls():
    return [absolute(reverse(name)) for name in FEEDS]


def _post(url, data, content_type):
    request = urllib.request.Request(  # noqa: S310 - a configured https address
        url, data=data, method="POST", headers={"Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            if response.status >= 300:
                raise PingFailed(f"{url} answered {response.status}")
    except OSError as error:  # refused, timed out, or an HTTP error status
        raise PingFailed(f"{url}: {error}") from error


def send(urls):
    """Tell IndexNow about `urls` and the WebSub hub about the feeds."""
    if settings.NEWSROOM_INDEXNOW_KEY and urls:
        host = urllib.parse.urlsplit(settings.NEWSROOM_SITE_URL).hostname
        payload = {
            "host": host,
            "key": settings.NEWSROOM_INDEXNOW_KEY,
            "keyLocation": absolute(reverse("indexnow-key")),
            "urlList": urls,
        }
        _post(
            settings.NEWSROOM_INDEXNOW_ENDPOINT,
            json.dumps(payload).encode(),
            "application/json; charset=utf-8",
        )
    if settings.NEWSROOM_WEBSUB_HUB:
        for feed in feed_urls():
            form = urllib.parse.urlencode({"hub.mode": "publish", "hub.url": feed})
            _post(
                settings.NEWSROOM_WEBSUB_HUB,
                form.encode(),
                "application/x-www-form-urlencoded",
            )


@task
def ping_search_engines(urls, attempt=0):
    """Tell IndexNow and the WebSub hub what changed."""
    try:
        send(urls)
    except PingFailed as error:
        retry(ping_search_engines, urls, attempt, error)
