"""Live stories: updates posted through the desk's workflow, read newest
first without JavaScript, polled as JSON, closed when coverage ends."""

import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html

from articles import actions
from articles.models import Article, LiveUpdate
from tests.factories import make_article, make_author

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def live_story(desk):
    story = desk.story(
        status=Status.IN_REVIEW, headline="Storm hits the coast", live_coverage=True
    )
    actions.Publish(story).execute(by=desk.editor)
    story.refresh_from_db()
    return story


def post(client, story, body, **fields):
    data = {"live-body": body, "live-authors": [fields.pop("author").pk]}
    data.update({f"live-{name}": value for name, value in fields.items()})
    url = reverse("admin:articles_article_post_update", args=[story.pk])
    return client.post(url, data)


def page(client, story, query=""):
    response = client.get(story.get_absolute_url() + query)
    assert response.status_code == 200
    return response.content.decode()


def stream_texts(html):
    block = re.search(
        r"<ol class=\"live-stream\" data-live-stream>(.*?)</ol>", html, re.S
    )
    return re.findall(r'<div class="live-update-body"><p>(.*?)</p>', block.group(1))


def json_ld(html):
    script = lxml_html.fromstring(html).xpath('//script[@type="application/ld+json"]')
    return json.loads(script[0].text)


def add_updates(story, author, count, start=None):
    start = start or timezone.now() - timedelta(hours=1)
    for n in range(count):
        update = LiveUpdate.objects.create(
            article=story,
            body=f"<p>Update {n}</p>",
            posted_at=start + timedelta(minutes=n),
        )
        update.authors.add(author)


def test_an_editors_update_reaches_readers_at_once(client, desk, live_story, settings):
    settings.NEWSROOM_PAGE_CACHE = True
    reader = Client()
    assert "No updates yet" in page(reader, live_story)
    listing = reader.get("/articles/").content.decode()
    assert '<span class="live-badge">Live</span>' in listing
    client.force_login(desk.editor)
    author = make_author(name="Ann Field")
    response = post(
        client,
        live_story,
        "<p>Winds reach <strong>90 km/h</strong>.</p>",
        author=author,
    )
    assert response.status_code == 302

    html = page(reader, live_story)
    update = LiveUpdate.objects.get()
    assert f'id="update-{update.pk}"' in html
    assert "Winds reach <strong>90 km/h</strong>." in html
    assert "Ann Field" in html
    # The card now shows the latest update's time.
    listing = reader.get("/articles/").content.decode()
    assert "Updated <time" in listing

    data = reader.get(reverse("articles:live-updates", args=[live_story.slug])).json()
    assert [u["id"] for u in data["updates"]] == [update.pk]
    assert data["ended"] is False

    ld = json_ld(html)
    assert ld["@type"] == "LiveBlogPosting"
    assert "coverageStartTime" in ld and "coverageEndTime" not in ld
    (entry,) = ld["liveBlogUpdate"]
    assert entry["articleBody"] == "Winds reach 90 km/h."
    assert entry["url"].endswith(f"#update-{update.pk}")


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


def test_a_writers_update_waits_for_an_editor_unless_on_the_live_desk(
    client, desk, live_story
):
    client.force_login(desk.writer)
    post(client, live_story, "<p>Power is out downtown.</p>", author=desk.writer_author)
    update = LiveUpdate.objects.get()
    assert update.status == LiveUpdate.Status.PENDING
    reader = Client()
    assert "Power is out" not in page(reader, live_story)
    permalink = reverse("articles:live-update", args=[update.pk])
    assert reader.get(permalink).status_code == 404
    # The writer cannot approve it, nor put themselves on the desk.
    approve = reverse(
        "admin:articles_article_approve_update", args=[live_story.pk, update.pk]
    )
    client.post(approve)
    assert LiveUpdate.objects.get().status == LiveUpdate.Status.PENDING
    desk_url = reverse("admin:articles_article_live_desk")
    assert client.post(desk_url, {"user": desk.writer.pk, "on": "1"}).status_code == 403

    editor = Client()
    editor.force_login(desk.editor)
    assert editor.post(approve).status_code == 302
    assert "Power is out downtown." in page(reader, live_story)

    assert editor.post(desk_url, {"user": desk.writer.pk, "on": "1"}).status_code == 200
    post(client, live_story, "<p>Shelters open.</p>", author=desk.writer_author)
    assert LiveUpdate.objects.get(body__contains="Shelters").status == "published"
    assert "Shelters open." in page(reader, live_story)
    assert list(actions.live_desk()) == [desk.writer]

    # Off the desk again: the next update waits.
    editor.post(desk_url, {"user": desk.writer.pk, "on": "0"})
    assert list(actions.live_desk()) == []
    post(client, live_story, "<p>Roads reopen.</p>", author=desk.writer_author)
    assert LiveUpdate.objects.get(body__contains="Roads").status == "pending"


def test_updates_cannot_be_posted_by_crafted_requests_where_not_allowed(
    client, desk, live_story
):
    other = desk.story(owner=desk.writer2, status=Status.DRAFT, live_coverage=True)
    plain = desk.story(status=Status.DRAFT)
    client.force_login(desk.writer)
    assert post(client, other, "<p>x</p>", author=desk.writer_author).status_code == 404
    assert post(client, plain, "<p>x</p>", author=desk.writer_author).status_code == 403
    assert not LiveUpdate.objects.exists()
    # A crafted body is sanitized to what the update editor can make.
    editor = Client()
    editor.force_login(desk.editor)
    post(
        editor,
        live_story,
        '<p onclick="x()">Calm<script>alert(1)</script></p><h1>Big</h1><img src=x>',
        author=desk.writer_author,
    )
    assert LiveUpdate.objects.get().body == "<p>Calm</p>Big"


def test_updates_are_corrected_and_deleted_with_what_they_said_kept(
    client, desk, live_story
):
    update = actions.PostUpdate(
        live_story, body="<p>Two injured.</p>", authors=[desk.writer_author]
    ).execute(by=desk.editor)
    client.force_login(desk.editor)
    url = reverse(
        "admin:articles_article_correct_update", args=[live_story.pk, update.pk]
    )
    assert (
        client.post(url, {"body": "<p>Three injured.</p>", "pinned": "on"}).status_code
        == 302
    )
    reader = Client()
    html = page(reader, live_story)
    key_events = re.search(
        r'<section class="key-events".*?</section>', html, re.S
    ).group()
    assert "Three injured." in key_events
    assert "Two injured." not in html
    assert update.revisions.get().body == "<p>Two injured.</p>"
    assert "Two injured." in client.get(url).content.decode()  # the history

    delete = reverse(
        "admin:articles_article_delete_update", args=[live_story.pk, update.pk]
    )
    assert client.post(delete).status_code == 302
    assert "Three injured." not in page(reader, live_story)
    data = reader.get(reverse("articles:live-updates", args=[live_story.slug])).json()
    assert data["updates"] == []
    assert [r.action for r in update.revisions.all()] == ["deleted", "corrected"]


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
    assert counts[1][0] <= 28 and counts[1][1] <= 4, counts


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


def test_crafted_update_requests_are_held_to_their_story_and_rights(
    client, desk, live_story, settings
):
    settings.NEWSROOM_PAGE_CACHE = True
    update = actions.PostUpdate(
        live_story, body="<p>Bridge closed.</p>", authors=[desk.writer_author]
    ).execute(by=desk.editor)
    other = make_article(live_coverage=True)
    client.force_login(desk.editor)
    wrong = reverse("admin:articles_article_delete_update", args=[other.pk, update.pk])
    assert client.post(wrong).status_code == 404  # an update of another story
    writer = Client()
    writer.force_login(desk.writer)
    correct = reverse(
        "admin:articles_article_correct_update", args=[live_story.pk, update.pk]
    )
    assert writer.post(correct, {"body": "<p>Mine</p>"}).status_code == 403
    desk_url = reverse("admin:articles_article_live_desk")
    assert client.post(desk_url, {"user": "abc", "on": "1"}).status_code == 404
    assert client.post(desk_url, {"user": desk.editor.pk, "on": "1"}).status_code == 404
    # A writer names only themself or the story's bylines.
    stranger = make_author(name="Somebody Else")
    response = post(writer, live_story, "<p>Hello</p>", author=stranger)
    assert response.status_code == 302
    assert not LiveUpdate.objects.filter(body__contains="Hello").exists()
    # Plain stories have no older updates.
    plain = make_article()
    assert client.get(plain.get_absolute_url() + "?updates=2").status_code == 404


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
