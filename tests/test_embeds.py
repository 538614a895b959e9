"""Quoted posts and videos: fetched in the background from a (local, fake)
oEmbed server, shown as static cards that ask the provider for nothing."""

import re
import time

import pytest

from articles import actions, embeds
from articles.models import Article, Embed
from tests.embed_helpers import POST, VIDEO, run_worker, save_body, third_party
from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)
Status = Article.Status


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
