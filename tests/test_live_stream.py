"""Live stories as readers get them: newest first without JavaScript, polled
as JSON, renewed in the page cache, closed when coverage ends."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import actions
from articles.models import Article, LiveUpdate
from tests.factories import make_article, make_author
from tests.live_story_helpers import json_ld, page

pytestmark = pytest.mark.django_db
Status = Article.Status


def stream_texts(html):
    block = re.search(
        r"<ol class=\"live-stream\" data-live-stream>(.*?)</ol>", html, re.S
    )
    return re.findall(r'<div class="live-update-body"><p>(.*?)</p>', block.group(1))


def add_updates(story, author, count, start=None):
    start = start or timezone.now() - timedelta(hours=1)
    for n in range(count):
        update = LiveUpdate.objects.create(
            article=story,
            body=f"<p>Update {n}</p>",
            posted_at=start + timedelta(minutes=n),
        )
        update.authors.add(author)


@pytest.mark.django_db(transaction=True)
def test_the_json_answers_304_until_an_update_comes(client, desk, live_story, settings):
    settings.NEWSROOM_PAGE_CACHE = True
    url = reverse("articles:live-updates", args=[live_story.slug])
    first = client.get(url)
    etag = first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    actions.PostUpdate(
        live_story, body="<p>Roads closed.</p>", authors=[desk.writer_author]
    ).execute(by=desk.editor)
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert "Roads closed." in changed.json()["updates"][0]["html"]


def test_older_updates_page_without_javascript_and_permalinks_find_them(
    client, live_story, desk
):
    add_updates(live_story, desk.writer_author, 25)
    first = page(client, live_story)
    assert stream_texts(first) == [f"Update {n}" for n in range(24, 4, -1)]
    assert 'href="?updates=2#live-heading">Older updates' in first
    second = page(client, live_story, "?updates=2")
    assert stream_texts(second) == [f"Update {n}" for n in range(4, -1, -1)]
    assert "Newer updates" in second and "Older updates" not in second
    for bad in ["?updates=3", "?updates=abc", "?updates=0", "?updates=" + "9" * 5000]:
        assert client.get(live_story.get_absolute_url() + bad).status_code == 404, bad

    oldest = LiveUpdate.objects.get(body="<p>Update 0</p>")
    response = client.get(reverse("articles:live-update", args=[oldest.pk]))
    assert response.status_code == 302
    assert response["Location"].endswith(f"?updates=2#update-{oldest.pk}")


def test_ending_coverage_leaves_a_normal_story(client, desk, live_story):
    add_updates(live_story, desk.writer_author, 2)
    actions.EndCoverage(live_story).execute(by=desk.editor)
    html = page(client, live_story)
    assert "Coverage ended at" in html
    assert 'class="live-badge"' not in html
    assert "live.js" not in html and "data-live-url" not in html
    assert "coverageEndTime" in json_ld(html)
    assert client.get(reverse("articles:live-updates", args=[live_story.slug])).json()[
        "ended"
    ]
    with pytest.raises(Exception, match="may not post"):
        actions.PostUpdate(
            live_story, body="<p>Late</p>", authors=[desk.writer_author]
        ).execute(by=desk.editor)


def test_the_feed_lists_a_live_story_once_with_its_latest_update(
    client, desk, live_story
):
    for n in range(3):
        actions.PostUpdate(
            live_story, body=f"<p>Update {n}</p>", authors=[desk.writer_author]
        ).execute(by=desk.editor)
    feed = client.get("/feeds/atom/").content.decode()
    assert feed.count(live_story.get_absolute_url()) == 2  # <id> and <link>
    live_story.refresh_from_db()
    assert live_story.updated_at >= LiveUpdate.objects.latest("posted_at").posted_at


def test_hidden_and_plain_stories_have_no_live_json(client, desk):
    draft = desk.story(status=Status.DRAFT, live_coverage=True)
    plain = make_article()
    for story in (draft, plain):
        url = reverse("articles:live-updates", args=[story.slug])
        assert client.get(url).status_code == 404


@pytest.mark.usefixtures("memory_cache")
def test_a_live_storys_page_and_json_cost_fixed_queries(client, desk, settings):
    """The same at 5 and at 50 updates. The JSON: the story, its quoted
    posts, its updates with their authors and photos. The page, cold: a
    story's budget (tests/test_query_budget.py), its key events, its page of
    updates and their authors, and the JSON-LD's."""
    from django.core.cache import caches

    settings.NEWSROOM_TOP_STORIES = 3
    story = make_article(live_coverage=True)
    counts = []
    for total in (5, 50):
        add_updates(story, desk.writer_author, total - story.live_updates.count())
        LiveUpdate.objects.filter(body="<p>Update 1</p>").update(pinned=True)
        for alias in ("default", "local"):
            caches[alias].clear()
        with CaptureQueriesContext(connection) as story_page:
            client.get(story.get_absolute_url())
        with CaptureQueriesContext(connection) as feed:
            client.get(reverse("articles:live-updates", args=[story.slug]))
        counts.append((len(story_page), len(feed)))
    assert counts[0] == counts[1]
    assert counts[1][0] <= 30 and counts[1][1] <= 4, counts


@pytest.mark.django_db(transaction=True)
def test_an_update_renews_the_live_story_not_the_site(desk, live_story, settings):
    """The story's page, its JSON and the lists showing its card are renewed;
    another story's page is still served from the page cache."""
    settings.NEWSROOM_PAGE_CACHE = True
    other = make_article(headline="Budget passes")
    reader = Client()
    urls = {
        "story": live_story.get_absolute_url(),
        "json": reverse("articles:live-updates", args=[live_story.slug]),
        "other": other.get_absolute_url(),
        "list": "/articles/",
    }
    for url in urls.values():
        reader.get(url)
    actions.PostUpdate(
        live_story, body="<p>Bridge closed.</p>", authors=[desk.writer_author]
    ).execute(by=desk.editor)
    renewed = {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            reader.get(url)
        renewed[name] = any("articles_" in q["sql"] for q in queries.captured_queries)
    assert renewed == {"story": True, "json": True, "other": False, "list": True}


@pytest.mark.django_db(transaction=True)
def test_renaming_an_updates_author_reaches_the_live_story(desk, live_story, settings):
    settings.NEWSROOM_PAGE_CACHE = True
    author = make_author(name="Ann Field")
    actions.PostUpdate(live_story, body="<p>Calm now.</p>", authors=[author]).execute(
        by=desk.editor
    )
    reader = Client()
    assert "Ann Field" in page(reader, live_story)
    author.name = "Ann Fielding"
    actions.SaveAuthor(author, changed=["name"]).execute(by=desk.editor)
    assert "Ann Fielding" in page(reader, live_story)
