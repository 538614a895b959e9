"""Quoted posts within bounds: thumbnails only over https on the standard
port from the provider, and a cap on the posts one story quotes."""

import pytest

from articles import embeds
from articles.models import Embed
from tests.embed_helpers import VIDEO, run_worker, save_body
from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    "thumbnail",
    [
        "http://i.ytimg.com/vi/x/hq.jpg",  # not https
        "https://i.ytimg.com:8443/vi/x/hq.jpg",  # another port
        "https://i.ytimg.com:22/vi/x/hq.jpg",
        "https://i.ytimg.com:99999/vi/x/hq.jpg",  # no port at all
        "https://evil.example/hq.jpg",
        "ftp://i.ytimg.com/hq.jpg",
    ],
)
def test_a_thumbnail_is_fetched_over_https_on_the_standard_port_only(
    desk, provider, thumbnail, monkeypatch
):
    asked = []
    monkeypatch.setattr(embeds, "_rehost", lambda embed, url: asked.append(url))
    provider.answers[VIDEO] = {**provider.answers[VIDEO], "thumbnail_url": thumbnail}
    assert embeds.fetch(Embed.objects.create(url=VIDEO, provider="youtube"))
    assert asked == []


def test_the_providers_own_https_thumbnail_is_fetched(desk, provider, monkeypatch):
    asked = []
    monkeypatch.setattr(embeds, "_rehost", lambda embed, url: asked.append(url))
    good = "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg"
    provider.answers[VIDEO] = {**provider.answers[VIDEO], "thumbnail_url": good}
    assert embeds.fetch(Embed.objects.create(url=VIDEO, provider="youtube"))
    assert asked == [good]


def test_a_story_quotes_at_most_twenty_posts(desk, provider):
    """Past the cap, addresses stay links and nothing is fetched for them."""
    urls = [f"https://x.com/someone/status/{n}" for n in range(1, 31)]
    story = make_article()
    save_body(desk, story, "".join(f"<p>{url}</p>" for url in urls))
    assert (
        list(story.embeds.values_list("url", flat=True).order_by("pk"))
        == (urls[: embeds.MAX_QUOTED])
    )
    run_worker()
    asked = [path for path in provider.requests if path.startswith("/oembed")]
    assert len(asked) == embeds.MAX_QUOTED
