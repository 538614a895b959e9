"""Every public page, feed and sitemap, and the admin changelist, costs the
same number of queries at 5 and at 50 stories (page cache off: this is the
cost of rendering)."""

import pytest
from django.core.cache import caches
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
    "/": 14,
    "/articles/": 5,
    "/articles/?tag=tag-0&tag=tag-1": 11,
    "/articles/?author=writer-0&section=desk-0": 10,
    # The story, its stored parts (gallery, inline photos and linked stories
    # included), and its related stories (a fragment: which stories, kept
    # apart from their cards, then the cards' versions).
    "/articles/story-0/": 30,
    "/tags/tag-0/": 9,
    "/authors/": 3,
    "/authors/writer-0/": 10,
    "/authors/writer-0/?role=photos": 10,
    "/sections/desk-0/": 6,
    "/search/?q=headline": 8,
    # Which stories and their versions, then, with nothing stored, every
    # item in full: the items' inline photos and linked stories too.
    "/feeds/": 6,
    "/feeds/atom/": 6,
    "/feeds/top/": 10,
    "/feeds/tags/tag-0/": 7,
    "/feeds/authors/writer-0/atom/": 7,
    "/feeds/sections/desk-0/": 7,
    "/sitemap.xml": 5,
    "/sitemap-stories.xml": 2,
    "/sitemap-tags.xml": 2,
    "/sitemap-authors.xml": 2,
    "/sitemap-sections.xml": 2,
    "/news-sitemap.xml": 1,
    # The read API (tests/test_api.py).
    "/api/v1/stories/": 4,
    "/api/v1/stories/?tag=tag-0&tag=tag-1&page_size=50": 9,
    "/api/v1/stories/?author=writer-0&section=desk-0": 6,
    # A story in full: its body's inline photos and linked stories too.
    "/api/v1/stories/story-0/": 7,
    "/api/v1/stories/story-0/ninjs/": 7,
    "/api/v1/tags/": 1,
    "/api/v1/authors/": 1,
    "/api/v1/sections/": 1,
    "/api/v1/oembed/?url=http://testserver/articles/story-0/": 3,
}
# 14, and one for the person's second-factor devices (desk.two_factor).
ADMIN_CHANGELIST_BUDGET = 15


class Newsroom:
    """Stories spread over 3 sections, 4 authors (2 bylines and 2 credits per
    story, and an agency's) and 7 tags."""

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
            story.credits.create(role="photos", author=self.authors[(n + 2) % 4])
            story.credits.create(role="photos", name="Reuters", position=1)
            story.credits.create(role="editing", author=self.authors[(n + 3) % 4])
            for position in range(3):
                story.gallery.create(photo=self.photo, position=position)
            if n < 3:
                make_top_story(story, position=n)
        self.count = total


def count_queries(client, url, *, cold=True):
    """The queries of one request; cold: every cache emptied first, so the
    navigation, Top Stories and every story card are rendered too."""
    if cold:
        for alias in ("default", "local"):
            caches[alias].clear()
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


#: Once its cards are stored (a story's card renders once per version), a list
#: reads only its filters and its page of ids, or, narrowed by tags or an
#: author, and the front page, the card versions of the ids they kept; a
#: story page reads the story's versions, its parts stored.
WARM_BUDGETS = {
    "/": 1,
    "/articles/": 1,
    "/articles/?tag=tag-0&tag=tag-1": 1,
    "/articles/?author=writer-0&section=desk-0": 3,
    "/articles/story-0/": 1,
    "/tags/tag-0/": 2,
    "/authors/writer-0/": 2,
    "/authors/writer-0/?role=photos": 2,
    "/sections/desk-0/": 2,
    # A feed reads which stories it lists and their versions; its items are
    # stored (public.feed_entries). A tag's, author's or section's feed
    # reads that record first.
    "/feeds/": 1,
    "/feeds/atom/": 1,
    "/feeds/top/": 2,
    "/feeds/tags/tag-0/": 2,
    "/feeds/authors/writer-0/atom/": 2,
    "/feeds/sections/desk-0/": 2,
}


@pytest.mark.parametrize("url", WARM_BUDGETS)
def test_lists_with_stored_cards_read_only_their_ids(client, settings, url):
    settings.NEWSROOM_TOP_STORIES = 3
    newsroom = Newsroom()
    newsroom.grow_to(5)
    count_queries(client, url)
    small = count_queries(client, url, cold=False)
    newsroom.grow_to(50)
    count_queries(client, url)
    large = count_queries(client, url, cold=False)
    assert small == large, (url, small, large)
    assert large <= WARM_BUDGETS[url], (url, large)


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
