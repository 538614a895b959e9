"""The public site's story lists: filters combined and shown, unknown and
hostile filters, pages that are never counted, section and author pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


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
