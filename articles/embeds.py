"""Posts and videos quoted in a story, without trackers.

A writer pastes the address of a post or video from an allowed provider as
a paragraph of its own. Saving records it (`sync`) and never waits: the
task worker asks the provider's oEmbed endpoint (`fetch`), with a timeout
and a size limit, and keeps only static parts: who, what they wrote, when,
the link, and a thumbnail re-hosted through the photo pipeline. Readers get
a card built from those (public.embeds): their browser asks the provider
for nothing. A video's player, from the provider's privacy-minded host,
loads only when the reader presses play; the Content Security Policy allows
frames from those hosts alone.

When the provider fails, times out or the post is gone, the card shows what
was kept (or only the link); an address of any other site stays a link.
"""

import html
import json
import logging
import re
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.client import HTTPException

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.html import strip_tags

import imaging
from articles.models import Embed

logger = logging.getLogger(__name__)

#: The longest a provider may take, and the most it may send.
TIMEOUT_SECONDS = 5
MAX_RESPONSE_BYTES = 512 * 1024
MAX_THUMBNAIL_BYTES = 5 * 1024 * 1024
#: The most posts and videos one story quotes (body and live updates): the
#: worker fetches each, and a page shows each as a card. Further addresses
#: stay links.
MAX_QUOTED = 20


@dataclass(frozen=True)
class Provider:
    name: str
    label: str
    pattern: re.Pattern
    #: The oEmbed endpoint; "{origin}" is the post's own site (Mastodon).
    endpoint: str
    #: A video's player, from a host that sets no tracking cookie; "" for posts.
    player: str = ""


PROVIDERS = [
    Provider(
        "youtube",
        "YouTube",
        re.compile(
            r"https://(?:www\.)?(?:youtube\.com/watch\?v=|youtu\.be/)(?P<id>[\w-]{6,20})"
        ),
        "https://www.youtube.com/oembed",
        "https://www.youtube-nocookie.com/embed/{id}",
    ),
    Provider(
        "vimeo",
        "Vimeo",
        re.compile(r"https://(?:www\.)?vimeo\.com/(?P<id>\d{5,12})"),
        "https://vimeo.com/api/oembed.json",
        "https://player.vimeo.com/video/{id}?dnt=1",
    ),
    Provider(
        "x",
        "X",
        re.compile(r"https://(?:www\.)?(?:x|twitter)\.com/\w{1,15}/status/(?P<id>\d+)"),
        "https://publish.twitter.com/oembed",
    ),
    Provider(
        "bluesky",
        "Bluesky",
        re.compile(r"https://bsky\.app/profile/[\w.:-]+/post/(?P<id>\w+)"),
        "https://embed.bsky.app/oembed",
    ),
    Provider(
        "mastodon",
        "Mastodon",
        re.compile(r"https://(?P<host>[\w.-]+)/@\w+/(?P<id>\d+)"),
        "{origin}/api/oembed",
    ),
    Provider(
        "instagram",
        "Instagram",
        re.compile(r"https://(?:www\.)?instagram\.com/(?:p|reel)/(?P<id>[\w-]+)"),
        "https://graph.facebook.com/v19.0/instagram_oembed",
    ),
]
BY_NAME = {provider.name: provider for provider in PROVIDERS}

#: A paragraph holding only an address (typed, or linked to itself).
ALONE = re.compile(
    r'<p>\s*(?:<a href="(?P<linked>[^"]+)"[^>]*>\s*(?P=linked)\s*</a>|(?P<typed>https://[^\s<"]+))\s*</p>'
)


def provider_for(url):
    """The allowed provider of `url` and its match, or (None, None)."""
    if len(url) > 500:
        return None, None
    for provider in PROVIDERS:
        match = provider.pattern.match(url)
        if match is None:
            continue
        if provider.name == "mastodon" and match["host"] not in mastodon_hosts():
            continue
        return provider, match
    return None, None


def mastodon_hosts():
    return set(settings.NEWSROOM_MASTODON_HOSTS)


def addresses(body):
    """The allowed providers' addresses standing alone in a story's body."""
    found = []
    for match in ALONE.finditer(body or ""):
        url = html.unescape(match["linked"] or match["typed"])
        if provider_for(url)[0] is not None and url not in found:
            found.append(url)
    return found


def sync(article):
    """Record the posts `article`'s body and live updates quote; returns the
    new ones, for the worker to fetch (articles.actions.embeds)."""
    urls = addresses(article.body)
    for body in article.live_updates.filter(deleted_at__isnull=True).values_list(
        "body", flat=True
    ):
        urls += [url for url in addresses(body) if url not in urls]
    urls = urls[:MAX_QUOTED]
    known = {embed.url: embed for embed in Embed.objects.filter(url__in=urls)}
    made = []
    for url in urls:
        if url not in known:
            provider, _ = provider_for(url)
            known[url], new = Embed.objects.get_or_create(
                url=url, defaults={"provider": provider.name}
            )
            if new:
                made.append(known[url])
    article.embeds.set(known.values())
    return made


def endpoint_for(provider, match):
    """The oEmbed endpoint to ask (a setting may point a provider elsewhere:
    the tests' local server)."""
    overrides = settings.NEWSROOM_OEMBED_ENDPOINTS
    endpoint = overrides.get(provider.name, provider.endpoint)
    if "{origin}" in endpoint:
        endpoint = endpoint.format(origin=f"https://{match['host']}")
    return endpoint


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A provider's answer is where we asked, or nothing: a redirect could
    lead anywhere (an address inside our network)."""

    def redirect_request(self, *args, **kwargs):
        raise ValueError("the provider answered with a redirect")


_OPENER = urllib.request.build_opener(_NoRedirects)


def _get(url, limit):
    """Up to `limit` bytes from a web address, within TIMEOUT_SECONDS in all
    (a server sending a byte at a time is cut off), or an error."""
    if not url.startswith(("https://", "http://")):
        raise ValueError("not a web address")
    deadline = time.monotonic() + TIMEOUT_SECONDS
    request = urllib.request.Request(url, headers={"User-Agent": "Newsroom/1"})  # noqa: S310 - checked above
    chunks, size = [], 0
    with _OPENER.open(request, timeout=TIMEOUT_SECONDS) as response:
        while chunk := response.read1(16 * 1024):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise ValueError("the provider sent too much")
            if time.monotonic() > deadline:
                raise TimeoutError("the provider took too long")
    return b"".join(chunks)


def fetch(embed):
    """Ask the provider for `embed`'s static parts and keep them; on any
    failure keep what was there and note why. Returns whether it worked."""
    provider, match = provider_for(embed.url)
    if provider is None:
        return False
    endpoint = endpoint_for(provider, match)
    query = urllib.parse.urlencode({"url": embed.url, "format": "json"})
    try:
        data = json.loads(_get(f"{endpoint}?{query}", MAX_RESPONSE_BYTES))
        if not isinstance(data, dict):
            raise ValueError("not an oEmbed answer")
    except (OSError, ValueError, HTTPException, RecursionError) as error:
        embed.status = Embed.Status.FAILED
        embed.error = str(error)[:300]
        embed.fetched_at = timezone.now()
        embed.save()
        logger.warning("Could not fetch %s: %s", embed.url, error)
        return False
    embed.author_name = _text(data.get("author_name"), 200)
    embed.author_url = _web_address(data.get("author_url"))
    embed.title = _text(data.get("title"), 300)
    # A post's words are in the provider's HTML (a blockquote): kept as text.
    # A video's is its player: its title says what it is.
    words = "" if provider.player else strip_tags(str(data.get("html") or ""))
    embed.text = _text(words, 1000)
    embed.published = _text(data.get("upload_date") or data.get("date"), 60)
    embed.status, embed.error = Embed.Status.FETCHED, ""
    embed.fetched_at = timezone.now()
    embed.save()
    thumbnail = _web_address(data.get("thumbnail_url"))
    if thumbnail and _thumbnail_allowed(thumbnail, endpoint, provider):
        _rehost(embed, thumbnail)
    return True


def _thumbnail_allowed(url, endpoint, provider):
    """A thumbnail is fetched only over https on the standard port, from the
    provider's own host or its image host, or from the very origin of the
    endpoint asked (a setting may point that at a local server): a
    provider's answer cannot send us anywhere else, nor to another port."""
    parts, asked = urllib.parse.urlsplit(url), urllib.parse.urlsplit(endpoint)
    try:
        port = parts.port
    except ValueError:  # "https://host:99999/"
        return False
    if (parts.scheme, parts.hostname, port) == (
        asked.scheme,
        asked.hostname,
        asked.port,
    ):
        return True
    allowed = {asked.hostname}
    allowed |= {"i.ytimg.com", "i.vimeocdn.com"} if provider.player else set()
    return parts.scheme == "https" and port in (None, 443) and parts.hostname in allowed


def _rehost(embed, url):
    try:
        upload = SimpleUploadedFile("thumbnail.jpg", _get(url, MAX_THUMBNAIL_BYTES))
        embed.thumbnail.save("thumbnail.jpg", imaging.clean_upload(upload), save=True)
    except Exception as error:  # a thumbnail is a nicety: the card works without
        logger.warning("No thumbnail for %s: %s", embed.url, error)
        return
    imaging.refresh_renditions(
        embed, "thumbnail", "thumbnail_renditions", ratios=("16:9",)
    )


def _text(value, limit):
    """Plain text as readers should see it: entities decoded (the templates
    escape it again), whitespace collapsed, cut to `limit`."""
    if not isinstance(value, str):
        return ""
    return " ".join(html.unescape(value).split())[:limit]


def _web_address(value):
    if isinstance(value, str) and value.startswith(("https://", "http://")):
        return value[:500]
    return ""
