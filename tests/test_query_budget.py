"""Every public page, feed and sitemap, and the admin changelist, costs the
same number of queries at 5 and at 50 stories (page cache off: this is the
cost of rendering)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    make_article,
    make_author,
    make_photo,
    make_section,
    make_top_story,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("memory_cache")]

#: The budget of each page; a change that adds a query per story breaks these.
BUDGETS = {
    "/": 9,
    "/articles/": 5,
    "/articles/?tag=tag-0&tag=tag-1": 8,
    "/articles/?author=writer-0&section=desk-0": 8,
    "/articles/story-0/": 12,
    "/tags/tag-0/": 8,
    "/authors/": 3,
    "/authors/writer-0/": 7,
    "/sections/desk-0/": 6,
    "/search/?q=headline": 8,
    "/feeds/": 3,
    "/feeds/atom/": 3,
    "/feeds/top/": 7,
    "/feeds/tags/tag-0/": 4,
    "/feeds/authors/writer-0/atom/": 4,
    "/feeds/sections/desk-0/": 4,
    "/sitemap.xml": 5,
    "/sitemap-stories.xml": 2,
    "/sitemap-tags.xml": 2,
    "/sitemap-authors.xml": 2,
    "/sitemap-sections.xml": 2,
    "/news-sitemap.xml": 1,
}
ADMIN_CHANGELIST_BUDGET = 14


class Newsroom:
    """Stories spread over 3 sections, 4 authors (2 per story) and 7 tags."""

    def __init__(self):
        self.sections = [make_section(slug=f"desk-{n}") for n in range(3)]
        self.authors = [make_author(slug=f"writer-{n}") for n in range(4)]
        self.photo = make_photo()
        self.count = 0

    def grow_to(self, total):
        for n in range(self.count, total):
            story = make_article(
                slug=f"story-{n}",
                section=self.sections[n % 3],
                authors=[self.authors[n % 4], self.authors[(n + 1) % 4]],
                tags=[f"tag-{n % 2}", "tag-1", f"extra-{n % 5}"],
                citations=2,
                lead_photo=self.photo,
            )
            if n < 3:
                make_top_story(story, position=n)
        self.count = total


def count_queries(client, url):
    cache.clear()  # the cold cost: navigation fragment rendered too
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("url", BUDGETS)
def test_query_count_is_fixed(client, settings, url):
    """Each public page costs the same queries at 5 and 50 stories, within budget."""
    # Three Top Stories leave stories for the home page's section rows at 5.
    settings.NEWSROOM_TOP_STORIES = 3
    newsroom = Newsroom()
    newsroom.grow_to(5)
    small = count_queries(client, url)
    newsroom.grow_to(50)
    large = count_queries(client, url)
    assert small == large, (url, small, large)
    assert large <= BUDGETS[url], (url, large)


def test_admin_changelist_query_count_is_fixed(client, settings):
    """The admin changelist costs the same queries at 5 and 50 stories, in budget."""
    from tests.factories import make_user

    client.force_login(make_user(role="Editor"))
    newsroom = Newsroom()
    newsroom.grow_to(5)
    url = "/admin/articles/article/"
    small = count_queries(client, url)
    newsroom.grow_to(50)
    large = count_queries(client, url)
    assert small == large <= ADMIN_CHANGELIST_BUDGET, (small, large)
