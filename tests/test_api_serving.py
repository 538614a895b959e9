"""How the read API is served: ETags and purges, the rate limit (behind a
proxy too), and CORS."""

import pytest

from articles import actions
from articles.models import Article
from tests.api_helpers import API
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE = True


@pytest.mark.django_db(transaction=True)
def test_an_unchanged_answer_is_a_304_and_an_edit_renews_it(client, desk, page_cache):
    story = desk.story(status=Article.Status.IN_REVIEW)
    actions.Publish(story).execute(by=desk.editor)
    url = f"{API}/stories/{story.slug}/"
    first = client.get(url)
    assert first["ETag"] and "public" in first["Cache-Control"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    listed = client.get(f"{API}/stories/")
    story.refresh_from_db()
    story.headline = "A corrected headline"
    actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert (
        again.status_code == 200 and again.json()["headline"] == "A corrected headline"
    )
    relisted = client.get(f"{API}/stories/", HTTP_IF_NONE_MATCH=listed["ETag"])
    assert relisted.json()["results"][0]["headline"] == "A corrected headline"


@pytest.mark.django_db(transaction=True)
def test_a_withdrawn_story_leaves_the_cached_answers(client, desk, page_cache):
    story = desk.story(status=Article.Status.IN_REVIEW)
    actions.Publish(story).execute(by=desk.editor)
    assert client.get(f"{API}/stories/{story.slug}/ninjs/").status_code == 200
    assert len(client.get(f"{API}/stories/").json()["results"]) == 1
    actions.Withdraw(story).execute(by=desk.editor)
    assert client.get(f"{API}/stories/{story.slug}/ninjs/").status_code == 404
    assert client.get(f"{API}/stories/").json()["results"] == []


def test_a_client_past_the_rate_limit_waits(client, settings, page_cache, memory_cache):
    """Cached answers count too; another address is not held up."""
    settings.NEWSROOM_API_RATE = "3/min"
    make_article()
    codes = [client.get(f"{API}/stories/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = client.get(f"{API}/sections/")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert client.get(f"{API}/stories/", REMOTE_ADDR="198.51.100.9").status_code == 200


def test_any_site_may_read_it_from_a_browser(client):
    make_article()
    response = client.get(f"{API}/stories/", HTTP_ORIGIN="https://other.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        f"{API}/stories/",
        HTTP_ORIGIN="https://other.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight.status_code == 200
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    assert client.post(f"{API}/stories/").status_code == 405
    site = client.get("/", HTTP_ORIGIN="https://other.example")
    assert "Access-Control-Allow-Origin" not in site  # only the API


def test_behind_a_proxy_forged_headers_share_their_senders_limit(
    client, settings, memory_cache
):
    """With a proxy in front, a header it did not write never gives a
    client a fresh allowance, nor puts everyone in one bucket."""
    settings.NEWSROOM_API_RATE = "2/min"
    settings.AXES_IPWARE_PROXY_COUNT = 1
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    make_article()
    forged = [
        client.get(
            f"{API}/sections/",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 192.0.2.66, 192.0.2.67",
            REMOTE_ADDR="10.0.0.9",
        ).status_code
        for n in range(4)
    ]
    assert forged == [200, 200, 429, 429]
    other = client.get(f"{API}/sections/", REMOTE_ADDR="10.0.0.10")
    assert other.status_code == 200
