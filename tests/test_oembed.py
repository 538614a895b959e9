"""The read API's oEmbed provider: a card for a live story's address here,
and nothing for anything else."""

import pytest

from tests.api_helpers import API, get
from tests.factories import make_article, make_author, make_photo

pytestmark = pytest.mark.django_db


def test_oembed_gives_a_card_for_a_story_address(client):
    photo = make_photo()
    story = make_article(
        headline="Trains <b>return</b>",
        lead_photo=photo,
        authors=[make_author(name="Olga Nesterova")],
    )
    url = f"http://testserver{story.get_absolute_url()}"
    response, data = get(client, "/oembed/", url=url, maxwidth=400)
    assert response.status_code == 200
    assert data["type"] == "rich" and data["version"] == "1.0"
    assert data["title"] == "Trains <b>return</b>"
    assert "Trains &lt;b&gt;return&lt;/b&gt;" in data["html"]
    assert f'href="{url}"' in data["html"] and "<script" not in data["html"]
    assert data["width"] <= 400 and data["thumbnail_width"] <= 400
    assert data["author_name"] == "Olga Nesterova"


@pytest.mark.parametrize(
    "url",
    [
        "http://elsewhere.example/articles/{slug}/",
        "javascript:alert(1)",
        "http://testserver/authors/",
        "http://testserver/articles/no-such-story/",
        "",
    ],
)
def test_oembed_refuses_what_is_not_a_live_story_here(client, url):
    story = make_article()
    response = client.get(f"{API}/oembed/", {"url": url.format(slug=story.slug)})
    assert response.status_code in (404, 422)


def test_oembed_hides_hidden_stories_and_speaks_json_only(client):
    hidden = make_article(live=False)
    url = f"http://testserver{hidden.get_absolute_url()}"
    assert client.get(f"{API}/oembed/", {"url": url}).status_code == 404
    live = make_article()
    url = f"http://testserver{live.get_absolute_url()}"
    assert (
        client.get(f"{API}/oembed/", {"url": url, "format": "xml"}).status_code == 501
    )


def test_story_pages_announce_their_oembed(client):
    story = make_article()
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'type="application/json+oembed"' in html
    assert "/api/v1/oembed/?url=http%3A//testserver/articles/" in html


def test_oembed_takes_any_case_of_our_host_and_refuses_broken_addresses(client):
    story = make_article()
    ok = client.get(
        f"{API}/oembed/", {"url": f"http://TESTSERVER{story.get_absolute_url()}"}
    )
    assert ok.status_code == 200
    broken = client.get(f"{API}/oembed/", {"url": "http://[::1/articles/x/"})
    assert broken.status_code == 404
