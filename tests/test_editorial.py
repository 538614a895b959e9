"""Editorial notes stay inside; corrections are appended in the open."""

import pytest
from django.urls import reverse

from articles import actions
from articles.models import Article, Correction, Revision
from tests.factories import inline, story_post

Status = Article.Status


@pytest.fixture
def published(desk):
    story = desk.story(status=Status.IN_REVIEW, headline="Budget passes")
    actions.Publish(story).execute(by=desk.editor)
    return story


def test_writer_and_editor_exchange_notes_in_the_admin(client, desk):
    """A writer's note shows on the editor's change form, and the editor resolves it."""
    story = desk.story(status=Status.DRAFT)
    client.force_login(desk.writer)
    url = reverse("admin:articles_article_add_note", args=[story.pk])
    assert (
        client.post(url, {"text": "Is the second quote on record?"}).status_code == 302
    )
    client.force_login(desk.editor)
    change = reverse("admin:articles_article_change", args=[story.pk])
    assert "Is the second quote on record?" in client.get(change).content.decode()
    note = story.notes.get()
    assert note.author == desk.writer
    resolve = reverse("admin:articles_article_resolve_note", args=[story.pk, note.pk])
    client.post(resolve)
    note.refresh_from_db()
    assert note.resolved and note.resolved_by == desk.editor


def test_notes_never_reach_a_public_page(client, desk, published):
    """Editorial notes never appear on the story page, home or list."""
    published.notes.create(author=desk.editor, text="SECRET-NOTE-TOKEN")
    for url in [published.get_absolute_url(), "/", "/articles/"]:
        assert "SECRET-NOTE-TOKEN" not in client.get(url).content.decode()


def test_writer_cannot_comment_on_a_story_they_cannot_open(client, desk):
    """A writer gets a 404 adding a note to a story they cannot open."""
    other = desk.story(owner=desk.writer2, status=Status.DRAFT)
    client.force_login(desk.writer)
    url = reverse("admin:articles_article_add_note", args=[other.pk])
    assert client.post(url, {"text": "hello"}).status_code == 404
    assert not other.notes.exists()


def test_empty_note_is_refused_with_a_message(client, desk):
    """A blank note is not saved."""
    story = desk.story(status=Status.DRAFT)
    client.force_login(desk.writer)
    url = reverse("admin:articles_article_add_note", args=[story.pk])
    client.post(url, {"text": "   "})
    assert not story.notes.exists()


def post_correction(client, story, rows):
    data = story_post(
        headline=story.headline,
        slug=story.slug,
        section=str(story.section_id),
        base_version=str(Article.objects.get(pk=story.pk).version),
        **inline("bylines", [
            {"id": str(b.pk), "author": str(b.author_id), "position": str(b.position)}
            for b in story.bylines.all()
        ], initial=story.bylines.count()),
        tags=", ".join(story.tags.names()),
        **rows,
    )  # fmt: skip
    url = reverse("admin:articles_article_change", args=[story.pk])
    return client.post(url, data)


def test_editor_appends_corrections_that_show_in_order_and_move_updated(
    client, desk, published
):
    """Corrections show in order, set last_updated and are recorded as revisions."""
    client.force_login(desk.editor)
    response = post_correction(
        client,
        published,
        inline(
            "corrections",
            [{"kind": "correction", "text": "An earlier version misstated the vote."}],
        ),
    )
    assert response.status_code == 302
    actions.AddCorrection(
        published, kind="update", text="The governor signed it."
    ).execute(by=desk.editor)
    published.refresh_from_db()
    assert published.last_updated is not None
    html = client.get(published.get_absolute_url()).content.decode()
    first = html.index("An earlier version misstated the vote.")
    assert first < html.index("The governor signed it.")
    assert "Updated" in html
    assert published.revisions.filter(kind=Revision.Kind.CORRECTION).count() == 2


def test_writers_cannot_add_change_or_delete_corrections(client, desk):
    """A writer cannot add, change or delete corrections, by form or by action."""
    story = desk.story(status=Status.DRAFT)
    correction = Correction.objects.create(article=story, text="Original text")
    client.force_login(desk.writer)
    post_correction(
        client,
        story,
        inline(
            "corrections",
            [
                {"id": str(correction.pk), "kind": "update", "text": "Rewritten",
                 "DELETE": "on"},
                {"kind": "correction", "text": "Writer's own correction"},
            ],
            initial=1,
        ),
    )  # fmt: skip
    assert list(story.corrections.values_list("text", flat=True)) == ["Original text"]
    with pytest.raises(Exception, match="Only editors"):
        actions.AddCorrection(story, kind="update", text="x").execute(by=desk.writer)


def test_deleting_a_correction_needs_an_editor_and_is_recorded(client, desk, published):
    """An editor's deletion of a correction removes it and is recorded."""
    correction = actions.AddCorrection(
        published, kind="correction", text="Wrong date."
    ).execute(by=desk.editor)
    client.force_login(desk.editor)
    response = post_correction(
        client,
        published,
        inline(
            "corrections",
            [{"id": str(correction.pk), "kind": "correction", "text": "Wrong date.",
              "DELETE": "on"}],
            initial=1,
        ),
    )  # fmt: skip
    assert response.status_code == 302
    assert not published.corrections.exists()
    assert published.revisions.filter(message__startswith="Deleted correction").exists()


def test_editing_a_correction_is_recorded_and_moves_updated(client, desk, published):
    """Editing a correction saves the text, moves updated_at and is recorded."""
    correction = actions.AddCorrection(
        published, kind="correction", text="Wrong date."
    ).execute(by=desk.editor)
    published.refresh_from_db()
    before = published.updated_at
    client.force_login(desk.editor)
    post_correction(
        client,
        published,
        inline(
            "corrections",
            [{"id": str(correction.pk), "kind": "correction", "text": "Wrong day."}],
            initial=1,
        ),
    )
    published.refresh_from_db()
    assert published.corrections.get().text == "Wrong day."
    assert published.updated_at > before
    assert published.revisions.filter(message__startswith="Changed correction").exists()


def test_a_nul_byte_in_a_note_is_stripped(client, desk):
    """NUL bytes are stripped from a note's text."""
    story = desk.story(status=Status.DRAFT)
    client.force_login(desk.writer)
    url = reverse("admin:articles_article_add_note", args=[story.pk])
    assert client.post(url, {"text": "a\x00b"}).status_code == 302
    assert story.notes.get().text == "ab"
