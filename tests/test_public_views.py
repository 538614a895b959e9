"""The public reading site: pages, what they show, and bad input. Lists'
filters and pages: tests/test_list_filters.py."""

from datetime import UTC, date, datetime

import pytest

from tests.factories import make_article, make_author, make_photo

pytestmark = pytest.mark.django_db


def test_story_page_shows_the_model_story_layout(client):
    """A story page shows its text, byline, photo, sources, tags and Top Stories."""
    olga = make_author(name="Olga Nesterova", slug="olga", job_title="Correspondent")
    photo = make_photo(
        caption="Photo posted by Secretary Blinken on X", credit="State Dept / X"
    )
    story = make_article(
        headline="Secretary visits Shanghai",
        dek="Talks ahead of Beijing",
        authors=[olga],
        lead_photo=photo,
        tags=["diplomacy"],
    )
    story.citations.create(
        publisher="U.S. Department of State",
        title="Travel to China",
        url="https://www.state.gov/",
        published_on=date(2024, 4, 25),
    )
    make_article(headline="Another story in the feed")
    html = client.get(story.get_absolute_url()).content.decode()
    for expected in [
        "Secretary visits Shanghai",
        "Talks ahead of Beijing",
        'rel="author">Olga Nesterova</a>',
        "Photo posted by Secretary Blinken on X",
        "State Dept / X",
        "Sources",
        "U.S. Department of State",
        ">4/25/24</time>",
        'rel="tag">diplomacy</a>',
        "Top Stories",
        "Another story in the feed",
        # The lead is the photo's 16:9 crop.
        f'width="{photo.width}" height="{photo.width * 9 // 16}"',
    ]:
        assert expected in html, expected


def test_several_authors_read_in_byline_order(client):
    """Several authors are named in byline order, joined with 'and'."""
    first, second = make_author(name="Zed First"), make_author(name="Amy Second")
    story = make_article(authors=[first, second])
    html = client.get(story.get_absolute_url()).content.decode()
    assert html.index("Zed First") < html.index("Amy Second")
    assert "Zed First</a> and <a" in html


def test_every_page_has_title_description_and_canonical(client, newsroom):
    """Every public page has a title, a meta description and a canonical link."""
    story = newsroom["china_ben_world"]
    urls = [
        "/",
        "/articles/",
        story.get_absolute_url(),
        "/tags/china/",
        "/authors/",
        "/authors/olga/",
        "/sections/world/",
    ]
    for url in urls:
        html = client.get(url).content.decode()
        assert "<title>" in html and '<meta name="description" content="' in html, url
        assert f'<link rel="canonical" href="http://testserver{url}' in html, url


@pytest.mark.parametrize(
    "url",
    [
        "/articles/no-such-story/",
        "/tags/no-such-tag/",
        "/authors/nobody/",
        "/sections/nowhere/",
    ],
)
def test_unknown_slugs_are_404(client, newsroom, url):
    """Unknown story, tag, author and section slugs are 404."""
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_public_pages_refuse_writes(client, newsroom, method):
    """Public pages answer POST, PUT, DELETE and PATCH with 405."""
    story = newsroom["china_ben_world"]
    for url in ["/", "/articles/", story.get_absolute_url(), "/authors/"]:
        assert getattr(client, method)(url).status_code == 405, url


def test_head_works(client, newsroom):
    """HEAD on a story page is 200 with an empty body."""
    story = newsroom["china_ben_world"]
    response = client.head(story.get_absolute_url())
    assert response.status_code == 200
    assert response.content == b""


def test_text_fields_are_escaped_on_output(client):
    """Markup in headline, dek, tag, author and source text is escaped when shown."""
    nasty = "<script>alert(1)</script>"
    author = make_author(name=f"Evil {nasty}", bio=nasty)
    story = make_article(
        headline=f"Head {nasty}", dek=nasty, authors=[author], tags=[nasty]
    )
    story.citations.create(publisher=nasty, title=nasty)
    for url in [story.get_absolute_url(), author.get_absolute_url(), "/", "/articles/"]:
        html = client.get(url).content.decode()
        assert nasty not in html, url
        assert "&lt;script&gt;" in html, url


def test_tags_with_accents_have_working_pages(client):
    """Tags with accents get working tag pages and list filters."""
    story = make_article(tags=["Café", "São Paulo"])
    html = client.get(story.get_absolute_url()).content.decode()
    assert "/tags/caf%C3%A9/" in html or "/tags/café/" in html
    assert client.get("/tags/café/").status_code == 200
    assert client.get("/tags/s%C3%A3o-paulo/").status_code == 200
    assert client.get("/articles/?tag=café").status_code == 200


def test_a_real_browser_post_gets_405_not_a_csrf_error(newsroom):
    """A POST without a CSRF token gets 405 from public pages, not a CSRF error."""
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    story = newsroom["china_ben_world"]
    for url in ["/", "/articles/", story.get_absolute_url(), "/search/"]:
        assert strict.post(url, {"x": "1"}).status_code == 405, url


def test_a_favicon_is_served(client):
    """Browsers ask for /favicon.ico on every site: it leads to a real icon."""
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # ICO
    assert 'rel="icon"' in client.get("/").content.decode()


def test_pages_escape_and_show_times_as_they_always_did(client, settings):
    """The public templates (Jinja2) escape as Django's do and show times in
    the site's time zone, so the pages did not change with the engine."""
    settings.TIME_ZONE = "America/New_York"
    published = datetime(2026, 1, 15, 15, 30, tzinfo=UTC)
    story = make_article(headline="Women's <b>league</b>", publish_at=published)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "<h1>Women&#x27;s &lt;b&gt;league&lt;/b&gt;</h1>" in html
    assert "Jan. 15, 2026, 10:30 a.m. EST</time>" in html
