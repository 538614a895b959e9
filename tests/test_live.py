"""Live stories: updates posted through the desk's workflow, approved,
corrected and deleted, and crafted requests held to their story and rights.
What readers get: tests/test_live_stream.py."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from articles import actions
from articles.models import Article, LiveUpdate
from tests.factories import make_article, make_author
from tests.live_story_helpers import json_ld, page

pytestmark = pytest.mark.django_db
Status = Article.Status


def post(client, story, body, **fields):
    data = {"live-body": body, "live-authors": [fields.pop("author").pk]}
    data.update({f"live-{name}": value for name, value in fields.items()})
    url = reverse("admin:articles_article_post_update", args=[story.pk])
    return client.post(url, data)


@pytest.mark.django_db(transaction=True)
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
    assert editor.post(approve, {"version": update.version}).status_code == 302
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
    # Refused with the composer shown again, what was typed still in it.
    assert response.status_code == 200
    assert response.context["live_form"].errors["authors"]
    assert "Hello" in response.content.decode()
    assert not LiveUpdate.objects.filter(body__contains="Hello").exists()
    # Plain stories have no older updates.
    plain = make_article()
    assert client.get(plain.get_absolute_url() + "?updates=2").status_code == 404


def test_an_editor_approves_the_version_they_read(client, desk, live_story):
    """A writer's pending update changed after the editor read it is not
    published by Approve: the editor must read it again."""
    writer = Client()
    writer.force_login(desk.writer)
    post(writer, live_story, "<p>Two roads closed.</p>", author=desk.writer_author)
    update = LiveUpdate.objects.get()
    client.force_login(desk.editor)
    live_page = reverse("admin:articles_article_live", args=[live_story.pk])
    read = client.get(live_page).content.decode()
    assert "Two roads closed." in read
    version = re.search(r'name="version" value="(\d+)"', read)[1]

    correct = reverse(
        "admin:articles_article_correct_update", args=[live_story.pk, update.pk]
    )
    assert writer.post(correct, {"body": "<p>All roads open.</p>"}).status_code == 302
    approve = reverse(
        "admin:articles_article_approve_update", args=[live_story.pk, update.pk]
    )
    response = client.post(approve, {"version": version}, follow=True)
    assert "changed after you read it" in response.content.decode()
    assert LiveUpdate.objects.get().status == LiveUpdate.Status.PENDING
    for crafted in ({}, {"version": "x"}, {"version": "-1"}):
        client.post(approve, crafted)
        assert LiveUpdate.objects.get().status == LiveUpdate.Status.PENDING
    assert "All roads open." not in page(Client(), live_story)
    with pytest.raises(actions.ActionError, match="changed after you read it"):
        actions.ApproveUpdate(update, version=1).execute(by=desk.editor)

    reread = client.get(live_page).content.decode()
    version = re.search(r'name="version" value="(\d+)"', reread)[1]
    assert client.post(approve, {"version": version}).status_code == 302
    assert LiveUpdate.objects.get().status == LiveUpdate.Status.PUBLISHED
    assert "All roads open." in page(Client(), live_story)
