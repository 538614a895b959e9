"""Quoted posts and videos: fetched in the background from a (local, fake)
oEmbed server, shown as static cards that ask the provider for nothing."""

import io
import json
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from PIL import Image

from articles import actions, embeds
from articles.models import Article, Embed
from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)
Status = Article.Status

VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
POST = "https://x.com/SecBlinken/status/1783000000000000000"


def jpeg_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (480, 360), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


class FakeProvider:
    """An oEmbed endpoint on 127.0.0.1: answers per post address, records
    every request, and can fail or stall."""

    def __init__(self):
        self.requests, self.answers, self.status, self.delay = [], {}, 200, 0
        self.redirect, self.trickle = "", 0
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                provider.requests.append(self.path)
                time.sleep(provider.delay)
                if self.path.startswith("/oembed") and provider.redirect:
                    self.send_response(302)
                    self.send_header("Location", provider.redirect)
                    self.end_headers()
                    return
                if provider.trickle:
                    self.send_response(200)
                    self.end_headers()
                    for _ in range(50):
                        self.wfile.write(b" ")
                        self.wfile.flush()
                        time.sleep(provider.trickle)
                    return
                if self.path == "/thumb.jpg":
                    body, kind = jpeg_bytes(), "image/jpeg"
                else:
                    query = urllib.parse.parse_qs(
                        urllib.parse.urlsplit(self.path).query
                    )
                    answer = provider.answers.get(query["url"][0])
                    body, kind = json.dumps(answer).encode(), "application/json"
                    if answer is None:
                        self.send_response(404)
                        self.end_headers()
                        return
                self.send_response(provider.status)
                self.send_header("Content-Type", kind)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def provider(settings):
    fake = FakeProvider()
    endpoint = f"{fake.url}/oembed"
    settings.NEWSROOM_OEMBED_ENDPOINTS = dict.fromkeys(("youtube", "x"), endpoint)
    fake.answers[VIDEO] = {
        "type": "video",
        "title": "Harbour storm, seen from the lighthouse",
        "author_name": "Port Ellery Harbour",
        "author_url": "https://www.youtube.com/@portellery",
        "html": '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>',
        "thumbnail_url": f"{fake.url}/thumb.jpg",
    }
    fake.answers[POST] = {
        "type": "rich",
        "author_name": "Secretary Antony Blinken",
        "author_url": "https://x.com/SecBlinken",
        "html": '<blockquote class="twitter-tweet"><p>Great to be in Shanghai '
        "<script>alert(1)</script>today.</p>&mdash; Secretary Blinken</blockquote>"
        '<script async src="https://platform.twitter.com/widgets.js"></script>',
    }
    yield fake
    fake.close()


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")


def save_body(desk, story, body):
    story.refresh_from_db()
    story.body = body
    actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)


def third_party(html, client_host="testserver"):
    """Addresses the browser would load by itself (src and srcset)."""
    loaded = re.findall(r'\s(?:src|srcset)="([^"]+)"', html)
    return [
        url
        for value in loaded
        for url in re.findall(r"(https?://[^\s,]+)", value)
        if client_host not in url
    ]


def test_a_pasted_video_is_fetched_in_the_background_and_shown_without_trackers(
    client, desk, provider
):
    story = make_article(body="<p>Before.</p>")
    save_body(desk, story, f"<p>Before.</p><p>{VIDEO}</p><p>After.</p>")
    assert provider.requests == []  # saving never waits on the provider
    embed = Embed.objects.get()
    assert embed.status == Embed.Status.PENDING
    pending = client.get(story.get_absolute_url()).content.decode()
    assert f'<a href="{VIDEO}" rel="nofollow noopener">View on YouTube</a>' in pending

    run_worker()

    embed.refresh_from_db()
    assert embed.status == Embed.Status.FETCHED
    assert embed.title == "Harbour storm, seen from the lighthouse"
    assert provider.requests[0].startswith("/oembed?url=")
    assert embed.thumbnail_renditions  # re-hosted through the photo pipeline
    html = client.get(story.get_absolute_url()).content.decode()
    card = re.search(r'<figure class="embed embed-youtube">.*?</figure>', html, re.S)
    card = card.group()
    assert "Port Ellery Harbour</a> on YouTube" in card
    assert (
        'data-embed-player="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in card
    )
    assert "Play video: Harbour storm" in card
    assert "/media/embeds/" in card or "/media/renditions/" in card
    assert "<iframe" not in html
    assert third_party(html) == []
    assert "articles/embeds.js" in html


def test_a_post_keeps_its_words_as_text_never_the_providers_html(
    client, desk, provider
):
    story = make_article()
    save_body(desk, story, f'<p><a href="{POST}">{POST}</a></p>')
    run_worker()
    html = client.get(story.get_absolute_url()).content.decode()
    card = re.search(r'<figure class="embed embed-x">.*?</figure>', html, re.S).group()
    assert "Great to be in Shanghai alert(1)today.— Secretary Blinken" in card
    assert "<script" not in card and "platform.twitter.com" not in html
    assert "Secretary Antony Blinken</a> on X" in card
    assert third_party(html) == []


def test_a_failing_provider_leaves_the_link_and_what_was_kept(client, desk, provider):
    story = make_article()
    save_body(desk, story, f"<p>{POST}</p>")
    run_worker()
    embed = Embed.objects.get()
    provider.status = 500
    assert embeds.fetch(embed) is False
    embed.refresh_from_db()
    assert embed.status == Embed.Status.FAILED and "500" in embed.error
    assert "Great to be in Shanghai" in embed.text  # kept from before
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Great to be in Shanghai" in html and f'href="{POST}"' in html

    deleted = "https://x.com/SecBlinken/status/1"
    gone = Embed.objects.create(url=deleted, provider="x")
    assert embeds.fetch(gone) is False  # 404: the post is gone


def test_a_stalling_provider_times_out(desk, provider, monkeypatch):
    monkeypatch.setattr(embeds, "TIMEOUT_SECONDS", 0.3)
    provider.delay = 2
    embed = Embed.objects.create(url=VIDEO, provider="youtube")
    started = time.monotonic()
    assert embeds.fetch(embed) is False
    assert time.monotonic() - started < 1.5
    assert Embed.objects.get().status == Embed.Status.FAILED


def test_a_provider_cannot_redirect_us_or_trickle_forever(desk, provider, monkeypatch):
    embed = Embed.objects.create(url=VIDEO, provider="youtube")
    provider.redirect = "http://169.254.169.254/latest/meta-data"
    assert embeds.fetch(embed) is False
    assert "redirect" in Embed.objects.get().error
    assert not any("latest" in path for path in provider.requests)

    provider.redirect = ""
    provider.trickle = 0.1  # a byte every tenth of a second, for five
    monkeypatch.setattr(embeds, "TIMEOUT_SECONDS", 0.5)
    started = time.monotonic()
    assert embeds.fetch(embed) is False
    assert time.monotonic() - started < 1.5


def test_other_addresses_stay_plain_links(client, desk, provider, settings):
    settings.NEWSROOM_MASTODON_HOSTS = ["mastodon.social"]
    story = make_article()
    body = (
        "<p>https://example.com/some/page</p>"
        "<p>https://evil.example/@someone/123456</p>"
        "<p>See https://x.com/a/status/1 inline.</p>"
    )
    save_body(desk, story, body)
    assert not Embed.objects.exists()
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'class="embed' not in html and "https://example.com/some/page" in html


def test_a_thumbnail_from_another_site_is_not_fetched(desk, provider):
    provider.answers[VIDEO] = {
        **provider.answers[VIDEO],
        "thumbnail_url": "http://169.254.169.254/latest/meta-data",
    }
    embed = Embed.objects.create(url=VIDEO, provider="youtube")
    assert embeds.fetch(embed) is True
    embed.refresh_from_db()
    assert not embed.thumbnail and embed.thumbnail_renditions == []


def test_frames_are_allowed_from_the_players_hosts_only(client):
    story = make_article()
    policy = client.get(story.get_absolute_url())["Content-Security-Policy"]
    frames = re.search(r"frame-src ([^;]+)", policy).group(1).split()
    assert frames == ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
    players = {p.player.split("/")[2] for p in embeds.PROVIDERS if p.player}
    assert {f"https://{host}" for host in players} == set(frames)


def test_a_live_update_can_quote_a_post(client, desk, provider):
    story = make_article(live_coverage=True)
    actions.PostUpdate(
        story,
        body=f"<p>The Secretary posted:</p><p>{POST}</p>",
        authors=[desk.writer_author],
    ).execute(by=desk.editor)
    run_worker()
    html = client.get(story.get_absolute_url()).content.decode()
    update = re.search(r'<li class="live-update".*?</li>', html, re.S).group()
    assert '<figure class="embed embed-x">' in update
    assert "Great to be in Shanghai" in update
    data = client.get(f"{story.get_absolute_url()}live.json").json()
    assert "Great to be in Shanghai" in data["updates"][0]["html"]
