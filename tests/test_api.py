"""The read API (/api/v1/): live stories with the site's filters, cursor
pages and crafted cursors, tags, authors and sections, and the dates given.
Its ninjs, serving and oEmbed: tests/test_ninjs.py, tests/test_api_serving.py,
tests/test_oembed.py."""

import json
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from articles.models import Article
from tests.api_helpers import API, get
from tests.factories import make_article, make_author, make_photo, make_section

pytestmark = pytest.mark.django_db


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
        ({"cursor": "not a cursor"}, 422),  # not base64url: the document says so
        ({"cursor": "not-a-cursor"}, 404),  # its shape, but not one we gave
        ({"cursor": "WyJ4Il0"}, 404),  # base64 of ["x"]
        ({"cursor": "WyIyMDI2LTAxLTAxIiwgMV0"}, 404),  # a naive time
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
    assert response.status_code in (404, 422), response.content
    assert "cursor" in str(response.json()["detail"])


def test_head_answers_like_get(client):
    make_article()
    assert client.head(f"{API}/stories/").status_code == 200


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
