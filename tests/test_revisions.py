"""Every save and transition leaves a revision; any two can be compared."""

import pytest
from django.urls import reverse

from articles import actions
from articles.models import Article, Revision
from tests.factories import inline, make_author, story_post

Status = Article.Status


@pytest.fixture
def editor_client(client, desk):
    client.force_login(desk.editor)
    return client


def save_through_admin(client, story, **changes):
    data = story_post(
        headline=changes.pop("headline", story.headline),
        slug=story.slug,
        section=str(story.section_id),
        base_version=str(Article.objects.get(pk=story.pk).version),
        **changes,
    )
    url = reverse("admin:articles_article_change", args=[story.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def test_each_admin_save_records_bylines_tags_and_sources(editor_client, desk):
    """An admin save records a revision with headline, bylines, tags and sources."""
    story = desk.story(status=Status.DRAFT)
    extra = make_author(name="Second Writer")
    byline = story.bylines.get()
    save_through_admin(
        editor_client,
        story,
        headline="Harbour reopens",
        tags="ports, weather",
        **inline(
            "bylines",
            [{"id": str(byline.pk), "author": str(desk.writer_author.pk),
              "position": "0"},
             {"author": str(extra.pk), "position": "1"}],
            initial=1,
        ),
        **inline("citations", [{"position": "0", "publisher": "Port Authority"}]),
    )  # fmt: skip
    revision = story.revisions.first()
    assert revision.number == 2
    assert revision.kind == Revision.Kind.EDITED
    assert revision.created_by == desk.editor
    snap = revision.snapshot
    assert snap["headline"] == "Harbour reopens"
    assert [b["name"] for b in snap["bylines"]] == ["Olga Nesterova", "Second Writer"]
    assert snap["tags"] == ["ports", "weather"]
    assert snap["citations"][0]["publisher"] == "Port Authority"


def test_history_lists_revisions_and_compare_shows_a_word_diff(editor_client, desk):
    """History lists transitions; compare shows a word diff of only changed fields."""
    story = desk.story(status=Status.DRAFT, body="<p>The harbour is closed.</p>")
    save_through_admin(editor_client, story, body="<p>The harbour is closed.</p>")
    save_through_admin(editor_client, story, body="<p>The harbour is open again.</p>")
    actions.Submit(story).execute(by=desk.editor)

    history = editor_client.get(
        reverse("admin:articles_article_history", args=[story.pk])
    )
    html = history.content.decode()
    assert "Submit for review" in html and "draft → in_review" in html

    compare = reverse("admin:articles_article_compare", args=[story.pk])
    response = editor_client.get(compare, {"a": "2", "b": "3"})
    html = response.content.decode()
    assert "<del>closed.</del>" in html
    assert "<ins>open again.</ins>" in html or "<ins>open</ins>" in html
    rows = dict(response.context["rows"])
    assert set(rows) == {"Body"}


@pytest.mark.parametrize("query", [{}, {"a": "x", "b": "1"}, {"a": "1", "b": "99"}])
def test_compare_with_bad_revision_numbers_is_404(editor_client, desk, query):
    """Compare with missing, non-numeric or unknown revision numbers is 404."""
    story = desk.story(status=Status.DRAFT)
    save_through_admin(editor_client, story)
    url = reverse("admin:articles_article_compare", args=[story.pk])
    assert editor_client.get(url, query).status_code == 404


def test_diff_escapes_what_the_story_contains(editor_client, desk):
    """The diff escapes markup from the story."""
    story = desk.story(status=Status.DRAFT)
    save_through_admin(editor_client, story)
    save_through_admin(editor_client, story, headline="<b>bold</b> & more")
    url = reverse("admin:articles_article_compare", args=[story.pk])
    html = editor_client.get(url, {"a": "2", "b": "3"}).content.decode()
    assert "<b>bold</b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_restore_brings_back_content_as_a_new_revision_without_publishing(
    editor_client, desk
):
    """Restoring brings content back as a new revision and keeps the status."""
    story = desk.story(status=Status.DRAFT, headline="First headline")
    save_through_admin(editor_client, story, headline="First headline", tags="alpha")
    save_through_admin(editor_client, story, headline="Second headline", tags="beta")
    actions.Submit(story).execute(by=desk.editor)

    url = reverse("admin:articles_article_restore_revision", args=[story.pk, 2])
    assert editor_client.post(url).status_code == 302
    story.refresh_from_db()
    assert story.headline == "First headline"
    assert list(story.tags.names()) == ["alpha"]
    assert story.status == Status.IN_REVIEW  # restoring never changes the state
    latest = story.revisions.first()
    assert latest.kind == Revision.Kind.RESTORED
    assert latest.message == "Restored revision #2"
    assert latest.number == 5


def test_restoring_a_published_revision_does_not_republish(editor_client, desk):
    """Restoring a withdrawn story's published revision leaves it withdrawn."""
    story = desk.story(status=Status.IN_REVIEW)
    actions.Publish(story).execute(by=desk.editor)
    actions.Withdraw(story).execute(by=desk.editor)
    published_revision = story.revisions.get(to_status=Status.PUBLISHED)
    url = reverse(
        "admin:articles_article_restore_revision",
        args=[story.pk, published_revision.number],
    )
    editor_client.post(url)
    story.refresh_from_db()
    assert story.status == Status.WITHDRAWN
    assert not story.is_live


def test_writer_cannot_restore_on_a_story_in_review(client, desk):
    """A writer gets 403 restoring a revision of their story in review."""
    story = desk.story(status=Status.DRAFT)
    client.force_login(desk.writer)
    save_through_admin(client, story, headline="Mine")
    actions.Submit(story).execute(by=desk.writer)
    url = reverse("admin:articles_article_restore_revision", args=[story.pk, 1])
    assert client.post(url).status_code == 403
    assert client.get(url).status_code == 403


def test_restoring_a_revision_whose_photo_was_deleted_keeps_going(editor_client, desk):
    """Restoring a revision whose photo was deleted succeeds with no photo."""
    from tests.factories import make_photo

    photo = make_photo()
    story = desk.story(status=Status.DRAFT, lead_photo=photo)
    save_through_admin(editor_client, story, lead_photo=str(photo.pk))
    save_through_admin(editor_client, story)
    photo.delete()
    url = reverse("admin:articles_article_restore_revision", args=[story.pk, 2])
    assert editor_client.post(url).status_code == 302
    story.refresh_from_db()
    assert story.lead_photo is None


@pytest.mark.parametrize("a", ["²", "99999999999999999999999", "-1", "1e3"])
def test_compare_with_odd_numbers_is_404(editor_client, desk, a):
    """Compare with superscript, huge, negative or exponent numbers is 404."""
    story = desk.story(status=Status.DRAFT)
    url = reverse("admin:articles_article_compare", args=[story.pk])
    assert editor_client.get(url, {"a": a, "b": "1"}).status_code == 404
