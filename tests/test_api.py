"""The read API (/api/v1/): live stories with the site's filters, cursor
pages, ETags and purges, the rate limit, CORS, ninjs checked against the
IPTC schema, and the oEmbed provider."""

import json
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from jsonschema import Draft202012Validator

from articles import actions
from articles.models import Article, Citation
from tests.factories import make_article, make_author, make_photo, make_section

pytestmark = pytest.mark.django_db

API = "/api/v1"
SCHEMA = Path(__file__).parent / "schemas" / "ninjs" / "ninjs-schema_2.1.json"
NINJS = Draft202012Validator(
    json.loads(SCHEMA.read_text()), format_checker=Draft202012Validator.FORMAT_CHECKER
)


def get(client, path, **params):
    response = client.get(f"{API}{path}", params)
    return response, (
        response.json()
        if response["Content-Type"].startswith("application/json")
        else None
    )


def walk(client, path, **params):
    """Every result of a list, following `next` to the end."""
    seen, url = [], f"{API}{path}"
    while url:
        data = client.get(url, params).json()
        seen += data["results"]
        url, params = data["next"], {}
    return seen


# --- stories -------------------------------------------------------------------


def test_stories_are_the_live_ones_newest_first(client):
    old = make_article(publish_at=timezone.now() - timedelta(days=2))
    new = make_article(publish_at=timezone.now() - timedelta(hours=1))
    make_article(live=False, status=Article.Status.DRAFT)
    response, data = get(client, "/stories/")
    assert response.status_code == 200
    assert [s["slug"] for s in data["results"]] == [new.slug, old.slug]
    first = data["results"][0]
    assert first["url"] == f"http://testserver/articles/{new.slug}/"
    assert first["headline"] == new.headline and first["authors"][0]["name"]
    assert data["next"] is None


def test_filters_combine_as_on_the_site(client):
    desk, other = make_section(slug="desk"), make_section(slug="other")
    writer = make_author(slug="writer-a")
    both = make_article(section=desk, authors=[writer], tags=["rail", "europe"])
    make_article(section=desk, authors=[writer], tags=["rail"])
    make_article(section=other, authors=[writer], tags=["rail", "europe"])
    _, data = get(
        client, "/stories/", tag=["rail", "europe"], author="writer-a", section="desk"
    )
    assert [s["slug"] for s in data["results"]] == [both.slug]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"tag": "no-such-tag"}, 404),
        ({"author": "nobody"}, 404),
        ({"section": "<script>"}, 404),
        ({"page_size": "0"}, 422),
        ({"page_size": "51"}, 422),
        ({"page_size": "many"}, 422),
        ({"cursor": "not-a-cursor"}, 400),
        ({"cursor": "WyJ4Il0"}, 400),  # base64 of ["x"]
        ({"cursor": "WyIyMDI2LTAxLTAxIiwgMV0"}, 400),  # a naive time
    ],
)
def test_bad_parameters_get_a_clear_error_never_a_500(client, params, status):
    make_article()
    response, data = get(client, "/stories/", **params)
    assert response.status_code == status
    assert data["detail"]


def test_cursor_pages_cover_every_story_once_even_at_one_moment(client):
    """Seven stories published in the same second, pages of three: each
    comes once, in order, and a story published meanwhile does not shift
    the pages already handed out."""
    moment = timezone.now() - timedelta(hours=1)
    stories = [make_article(publish_at=moment) for _ in range(7)]
    first = client.get(f"{API}/stories/", {"page_size": 3}).json()
    make_article(publish_at=timezone.now())  # lands on no later page
    rest = walk(client, "/stories/", page_size=3)
    slugs = [s["slug"] for s in first["results"]]
    url = first["next"]
    while url:
        page = client.get(url).json()
        slugs += [s["slug"] for s in page["results"]]
        url = page["next"]
    assert sorted(slugs) == sorted(s.slug for s in stories)
    assert len(slugs) == len(set(slugs)) == 7
    assert len(rest) == 8
    assert parse_qs(urlsplit(first["next"]).query)["page_size"] == ["3"]


def test_a_tagged_list_pages_by_cursor_too(client):
    for _ in range(5):
        make_article(tags=["rail"])
    make_article(tags=["roads"])
    assert len(walk(client, "/stories/", tag="rail", page_size=2)) == 5


def test_a_story_in_full(client):
    photo = make_photo(alt_text="Trains at dawn", caption="Platform 4", credit="AP")
    story = make_article(lead_photo=photo, citations=1, body="<p>Full text.</p>")
    response, data = get(client, f"/stories/{story.slug}/")
    assert response.status_code == 200
    assert data["body"] == "<p>Full text.</p>"
    assert data["sources"][0]["publisher"] == "Publisher 0"
    assert data["lead_photo"]["alt"] == "Trains at dawn"
    assert data["lead_photo"]["url"].startswith("http://testserver/")
    assert data["ninjs_url"].endswith(f"/api/v1/stories/{story.slug}/ninjs/")


@pytest.mark.parametrize("state", ["draft", "scheduled", "withdrawn", "expired"])
def test_hidden_stories_are_not_found(client, state):
    now = timezone.now()
    fields = {
        "draft": {"live": False},
        "scheduled": {"publish_at": now + timedelta(hours=1)},
        "withdrawn": {"status": Article.Status.WITHDRAWN},
        "expired": {"unpublish_at": now - timedelta(minutes=1)},
    }[state]
    story = make_article(headline="HIDDENTOKEN", **fields)
    for path in (f"/stories/{story.slug}/", f"/stories/{story.slug}/ninjs/"):
        response = client.get(f"{API}{path}")
        assert response.status_code == 404
        assert "HIDDENTOKEN" not in response.content.decode()


def test_tags_authors_and_sections(client):
    make_section(slug="desk", name="Desk")
    make_article(tags=["alpha", "beta"], authors=[make_author(slug="ann")])
    make_article(live=False, tags=["draftonly"], authors=[make_author(slug="bob")])
    assert [t["slug"] for t in walk(client, "/tags/", page_size=1)] == [
        "alpha",
        "beta",
    ]
    authors = {a["slug"]: a["stories"] for a in walk(client, "/authors/")}
    assert authors["ann"] == 1 and authors["bob"] == 0
    assert "desk" in [
        s["slug"] for s in client.get(f"{API}/sections/").json()["results"]
    ]


# --- ninjs -----------------------------------------------------------------------


def test_ninjs_is_valid_against_the_iptc_schema(client):
    """A full story (photo, dek, tags, section, two bylines, a source) gives a
    ninjs 2.1 document the IPTC's schema accepts, formats checked."""
    photo = make_photo(alt_text="Trains at dawn", caption="Platform 4", credit="AP")
    story = make_article(
        lead_photo=photo,
        authors=[make_author(name="Olga Nesterova"), make_author(name="Ben Okafor")],
        tags=["rail", "europe"],
        dek="Night trains return.",
    )
    Citation.objects.create(
        article=story, publisher="U.S. Department of State", url="https://state.gov/x"
    )
    response, document = get(client, f"/stories/{story.slug}/ninjs/")
    assert response.status_code == 200
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in NINJS.iter_errors(document)
    ]
    assert errors == []
    assert document["headlines"] == [{"role": "main", "value": story.headline}]
    assert document["by"] == "Olga Nesterova and Ben Okafor"
    assert {s["rel"] for s in document["subjects"]} == {"about", "section"}
    assert document["associations"][0]["renditions"][0]["width"] > 0
    assert document["infosources"][0]["name"] == "U.S. Department of State"


def test_the_schema_check_can_fail():
    """The validator is strict: a 1.x field name and a bad time are errors."""
    bad = {"uri": "http://testserver/x", "headline": "Old name", "versioncreated": "x"}
    assert len(list(NINJS.iter_errors(bad))) >= 2


def test_a_bare_story_is_valid_ninjs_too(client):
    story = make_article(dek="", tags=(), section=None)
    document = client.get(f"{API}/stories/{story.slug}/ninjs/").json()
    assert list(NINJS.iter_errors(document)) == []


# --- HTTP: ETag, purge, rate limit, CORS --------------------------------------------


@pytest.fixture
def page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE = True


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


# --- oEmbed ----------------------------------------------------------------------


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


def _cursor(*values):
    import base64

    raw = json.dumps(list(values)).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    ("path", "cursor"),
    [
        ("/stories/", _cursor("stories", "0001-01-01T00:00:00+05:00", 1)),
        ("/stories/", _cursor("stories", "9999-12-31T23:59:59-05:00", 1)),
        (
            "/stories/",
            "WyJzdG9yaWVzIiwgIjIwMjYtMDEtMDFUMDA6MDA6MDArMDA6MDAiLCBJbmZpbml0eV0",
        ),
        (
            "/stories/?tag=news&",
            _cursor("stories", "2026-01-01T00:00:00+00:00", 10**20),
        ),
        ("/stories/", _cursor("stories", "2026-01-01T00:00:00+00:00", 1.5)),
        ("/stories/", _cursor("stories", "2026-01-01T00:00:00+00:00", True)),
        ("/tags/", _cursor("stories", "2026-01-01T00:00:00+00:00", 1)),
        ("/authors/", _cursor("tags", "news", 1)),
        ("/tags/", _cursor("tags", 5, 1)),
        ("/stories/", _cursor([[[[[[[[["stories"]]]]]]]]])),
        ("/stories/", "W" * 500),
    ],
)
def test_crafted_cursors_are_refused_cleanly(client, path, cursor):
    make_article(tags=["news"])
    joiner = "" if path.endswith("&") else "?"
    response = client.get(f"{API}{path}{joiner}cursor={cursor}")
    assert response.status_code in (400, 422), response.content
    assert "cursor" in str(response.json()["detail"])


def test_head_answers_like_get(client):
    make_article()
    assert client.head(f"{API}/stories/").status_code == 200


def test_oembed_takes_any_case_of_our_host_and_refuses_broken_addresses(client):
    story = make_article()
    ok = client.get(
        f"{API}/oembed/", {"url": f"http://TESTSERVER{story.get_absolute_url()}"}
    )
    assert ok.status_code == 200
    broken = client.get(f"{API}/oembed/", {"url": "http://[::1/articles/x/"})
    assert broken.status_code == 404


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


def test_dates_are_the_ones_the_page_shows(client):
    """Published and updated as the story page's JSON-LD and its "Updated"
    line give them: an edit before publication is no update."""
    publish_at = timezone.now() - timedelta(hours=2)
    story = make_article(
        publish_at=publish_at,
        first_published_at=publish_at,
        updated_at=publish_at - timedelta(hours=1),
    )
    data = client.get(f"{API}/stories/{story.slug}/").json()
    assert data["published_at"] == data["updated_at"]
    document = client.get(f"{API}/stories/{story.slug}/ninjs/").json()
    assert document["versioncreated"] == document["firstcreated"]
    later = publish_at + timedelta(minutes=30)
    Article.objects.filter(pk=story.pk).update(updated_at=later)
    data = client.get(f"{API}/stories/{story.slug}/").json()
    assert data["updated_at"] != data["published_at"]
    page = client.get(story.get_absolute_url()).content.decode()
    assert f'"dateModified": "{later.isoformat(timespec="seconds")}' in page
