"""The public reading site: pages, filters and bad input."""

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_article, make_author, make_photo, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    world, sport = make_section(name="World", slug="world"), make_section(slug="sport")
    olga, ben = make_author(name="Olga Nesterova", slug="olga"), make_author(slug="ben")
    stories = {
        "both_tags_olga_world": make_article(
            section=world, authors=[olga], tags=["china", "diplomacy"]
        ),
        "china_ben_world": make_article(section=world, authors=[ben], tags=["china"]),
        "diplomacy_olga_sport": make_article(
            section=sport, authors=[olga, ben], tags=["diplomacy"]
        ),
    }
    return stories


def listed(client, query):
    response = client.get(reverse("articles:list") + query)
    return response, {card.pk for card in response.context["articles"]}


def pks(*stories):
    return {story.pk for story in stories}


def test_filters_combine_all_tags_author_and_section(client, newsroom):
    """List filters combine: every given tag, the author and the section must match."""
    _, stories = listed(client, "?tag=china&tag=diplomacy")
    assert stories == pks(newsroom["both_tags_olga_world"])
    _, stories = listed(client, "?tag=diplomacy&author=olga")
    assert stories == pks(
        newsroom["both_tags_olga_world"], newsroom["diplomacy_olga_sport"]
    )
    _, stories = listed(client, "?author=olga&section=world")
    assert stories == pks(newsroom["both_tags_olga_world"])
    _, stories = listed(client, "?tag=china&section=world&author=ben")
    assert stories == pks(newsroom["china_ben_world"])


def test_active_filters_are_shown_with_links_that_remove_each(client, newsroom):
    """Active filters are shown, each with a labelled link that removes only it."""
    response, _ = listed(client, "?tag=china&author=olga")
    html = response.content.decode()
    assert "Filtered by:" in html
    assert 'href="/articles/?author=olga"' in html  # removes the tag
    assert 'href="/articles/?tag=china"' in html  # removes the author
    assert 'aria-label="Remove filter Author: Olga Nesterova"' in html


def test_canonical_of_a_filtered_list_orders_filters_and_drops_noise(client, newsroom):
    """A filtered list's canonical URL sorts its filters and drops other parameters."""
    response = client.get("/articles/?utm_source=x&tag=diplomacy&tag=china")
    assert (
        '<link rel="canonical" href="http://testserver/articles/?tag=china&amp;tag=diplomacy">'
        in response.content.decode()
    )


def test_each_card_links_its_tags_narrowing_the_list_shown(client, newsroom):
    """Under each card, its tags link to the list narrowed further by each:
    from all stories to one tag, from a filtered list to the filters plus it."""
    html = client.get("/articles/").content.decode()
    assert '<li><a href="/articles/?tag=diplomacy">diplomacy</a></li>' in html
    html = client.get("/articles/?author=olga").content.decode()
    assert 'href="/articles/?author=olga&amp;tag=china">china</a>' in html
    html = client.get("/tags/china/").content.decode()
    assert 'href="/articles/?tag=china&amp;tag=diplomacy">diplomacy</a>' in html


@pytest.mark.parametrize(
    "query", ["?tag=nope", "?author=nobody", "?section=nowhere", "?tag=china&tag=nope"]
)
def test_unknown_filter_value_is_a_labelled_404(client, newsroom, query):
    """An unknown tag, author or section filter is a 404 saying what is unknown."""
    response = client.get(reverse("articles:list") + query)
    assert response.status_code == 404
    assert "No " in response.content.decode()
    assert "named" in response.content.decode()


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


@pytest.mark.parametrize("page", ["abc", "0", "-1", "999999", "1.5", ""])
def test_bad_page_numbers_are_404_never_500(client, newsroom, page):
    """Bad or out-of-range page numbers are 404, never 500; an empty one is 200."""
    response = client.get(f"/articles/?page={page}")
    assert response.status_code in (200, 404)
    assert response.status_code == (200 if page == "" else 404)


def test_pages_follow_each_other_without_a_count(client, settings):
    """Page 2 lists a full page with links both ways; the last page has no
    next link, the page after it is a 404, and so is `page=last` (a list is
    never counted, so it has no last page to name)."""
    settings.NEWSROOM_PAGE_SIZE = 2
    section = make_section()
    stories = [make_article(section=section) for _ in range(5)]
    response = client.get("/articles/?page=2")
    assert response.status_code == 200
    assert [card.pk for card in response.context["articles"]] == [
        stories[2].pk,
        stories[3].pk,
    ]
    html = response.content.decode()
    assert 'rel="next" href="?page=3"' in html and 'rel="prev" href="?page=1"' in html
    last = client.get("/articles/?page=3").content.decode()
    assert 'rel="prev"' in last and 'rel="next"' not in last
    assert client.get("/articles/?page=4").status_code == 404
    assert client.get("/articles/?page=last").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "?tag=" + "x" * 10_000,
        "?author=" + "é" * 5_000,
        "?section=%00%FF",
        "?tag=%F0%9F%92%A9&tag=%E2%80%AE",
        "?tag=a&tag=b&tag=c&tag=d&tag=e&tag=f",
        "?" + "&".join(f"q{n}=v" for n in range(500)),
    ],
)
def test_hostile_query_strings_never_500(client, newsroom, query):
    """Huge, malformed or numerous query parameters give 200 or 404, never 500."""
    response = client.get("/articles/" + query)
    assert response.status_code in (200, 404)


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


def test_section_page_lists_its_live_stories(client, newsroom):
    """A section page lists exactly that section's stories."""
    response = client.get("/sections/world/")
    assert {card.pk for card in response.context["articles"]} == pks(
        newsroom["both_tags_olga_world"], newsroom["china_ben_world"]
    )


def test_author_page_shows_profile_and_their_stories(client, newsroom):
    """An author page shows their name and exactly the stories they are bylined on."""
    response = client.get("/authors/olga/")
    assert "Olga Nesterova" in response.content.decode()
    assert {card.pk for card in response.context["articles"]} == pks(
        newsroom["both_tags_olga_world"], newsroom["diplomacy_olga_sport"]
    )


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


def test_busy_lists_page_only_as_far_as_the_cap(client, settings, monkeypatch):
    """Busy lists page back only to the page cap, and are never counted."""
    from public import pagination

    settings.NEWSROOM_PAGE_SIZE = 2
    monkeypatch.setattr(pagination, "MAX_PAGES", 2)
    section = make_section(slug="busy")
    for _ in range(6):
        make_article(section=section)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/sections/busy/").status_code == 200
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"]]
    assert not [sql for sql in counts if "newsroom_cache" not in sql]
    page_two = client.get("/sections/busy/?page=2")
    assert page_two.status_code == 200
    assert 'rel="next"' not in page_two.content.decode()  # the cap, not the end
    assert client.get("/sections/busy/?page=3").status_code == 404


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
