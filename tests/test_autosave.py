"""Autosaved drafts of the story form: kept beside the story, offered back,
never overwriting a newer save, and closed to crafted requests."""

import pytest
from django.test import Client
from django.urls import reverse

from articles import actions
from articles.models import Article, Autosave
from desk.admin.autosave import MAX_BYTES
from tests.factories import story_post

pytestmark = pytest.mark.django_db
Status = Article.Status


def autosave_url(story=None):
    if story is None:
        return reverse("admin:articles_article_autosave_new")
    return reverse("admin:articles_article_autosave", args=[story.pk])


def change_url(story):
    return reverse("admin:articles_article_change", args=[story.pk])


def typed(story, **fields):
    return {
        "headline": story.headline,
        "slug": story.slug,
        "dek": story.dek,
        "body": story.body,
        "tags": "news",
        "base_version": str(story.version),
        **fields,
    }


@pytest.fixture
def writer(client, desk):
    client.force_login(desk.writer)
    return client


def test_typing_is_kept_as_a_draft_and_the_story_does_not_change(writer, desk):
    story = desk.story(status=Status.DRAFT, headline="Harbour reopens")
    response = writer.post(
        autosave_url(story),
        typed(
            story,
            headline="Harbour reopens\x00 after the storm" + "!" * 300,
            body='<p onclick="steal()">Ships are back.</p><script>alert(1)</script>'
            '<img src=x onerror="alert(2)">',
        ),
    )
    assert response.status_code == 200
    assert response.json()["conflict"] == ""
    draft = Autosave.objects.get(user=desk.writer, article=story)
    assert draft.data["headline"].startswith("Harbour reopens after the storm")
    assert len(draft.data["headline"]) == 200
    # Sanitized like the body: only what the editor can make survives.
    assert draft.data["body"] == "<p>Ships are back.</p>"
    assert draft.base_version == story.version
    story.refresh_from_db()
    assert story.headline == "Harbour reopens"
    assert story.revisions.count() == 1


def test_reopening_offers_the_draft_back_and_restores_it(writer, desk):
    story = desk.story(status=Status.DRAFT, headline="Harbour reopens")
    writer.post(autosave_url(story), typed(story, headline="Harbour reopens at last"))

    page = writer.get(change_url(story)).content.decode()
    assert "Restore unsaved changes from" in page
    restored = writer.get(change_url(story), {"restore-autosave": "1"})
    form = restored.context["adminform"].form
    assert form["headline"].value() == "Harbour reopens at last"
    assert "Restored your unsaved changes" in restored.content.decode()

    # Saved: the draft is gone, and nothing is offered.
    data = story_post(
        **typed(story, headline="Harbour reopens at last"),
        section=str(story.section_id),
    )
    assert writer.post(change_url(story), data).status_code == 302
    assert not Autosave.objects.exists()
    assert (
        "Restore unsaved changes" not in writer.get(change_url(story)).content.decode()
    )


def test_a_draft_can_be_discarded(writer, desk):
    story = desk.story(status=Status.DRAFT)
    writer.post(autosave_url(story), typed(story, headline="Something else"))
    discard = reverse("admin:articles_article_discard_autosave", args=[story.pk])
    assert writer.get(discard).status_code == 405
    assert writer.post(discard).status_code == 302
    assert not Autosave.objects.exists()
    assert (
        "Restore unsaved changes" not in writer.get(change_url(story)).content.decode()
    )


def test_a_draft_the_same_as_the_story_is_not_offered(writer, desk):
    story = desk.story(status=Status.DRAFT)
    writer.post(autosave_url(story), typed(story))
    assert Autosave.objects.exists()
    assert (
        "Restore unsaved changes" not in writer.get(change_url(story)).content.decode()
    )


def test_a_draft_never_overwrites_a_newer_save(client, writer, desk):
    """The editor saves after the writer opened the story: the writer's
    autosave says so, and Save from the restored draft is refused with the
    conflict, keeping the editor's version."""
    story = desk.story(status=Status.DRAFT, headline="Harbour reopens")
    opened_at = story.version
    story.headline = "Harbour reopens, editor's version"
    actions.SaveEdit(story, base_version=opened_at).execute(by=desk.editor)

    answer = writer.post(
        autosave_url(story),
        typed(story, headline="Writer's version", base_version=str(opened_at)),
    ).json()
    assert "saved this story at" in answer["conflict"]
    assert "after you opened it" in answer["conflict"]

    restored = writer.get(change_url(story), {"restore-autosave": "1"})
    form = restored.context["adminform"].form
    assert form["base_version"].value() == opened_at
    data = story_post(
        **typed(story, headline="Writer's version", base_version=str(opened_at)),
        section=str(story.section_id),
    )
    refused = writer.post(change_url(story), data)
    assert refused.status_code == 200
    assert "after you opened it" in refused.content.decode()
    story.refresh_from_db()
    assert story.headline == "Harbour reopens, editor's version"


def test_each_person_has_their_own_drafts(client, desk):
    story = desk.story(status=Status.DRAFT)
    for user, headline in [
        (desk.writer, "Writer typed"),
        (desk.editor, "Editor typed"),
    ]:
        client.force_login(user)
        client.post(autosave_url(story), typed(story, headline=headline))
    assert Autosave.objects.count() == 2
    client.force_login(desk.writer)
    restored = client.get(change_url(story), {"restore-autosave": "1"})
    assert restored.context["adminform"].form["headline"].value() == "Writer typed"


def test_a_new_story_is_autosaved_and_restored(writer, desk):
    response = writer.post(
        autosave_url(), {"headline": "A story not saved yet", "body": "<p>Hi</p>"}
    )
    assert response.status_code == 200
    assert (
        Autosave.objects.get(article=None).data["headline"] == "A story not saved yet"
    )
    add = reverse("admin:articles_article_add")
    assert "Restore unsaved changes" in writer.get(add).content.decode()
    restored = writer.get(add, {"restore-autosave": "1"})
    assert restored.context["adminform"].form["headline"].value() == (
        "A story not saved yet"
    )


@pytest.mark.parametrize("whose", ["other writer's", "own, in review"])
def test_crafted_autosaves_cannot_reach_a_story_the_user_may_not_edit(
    writer, desk, whose
):
    if whose == "other writer's":
        story, expected = desk.story(owner=desk.writer2, status=Status.DRAFT), 404
    else:
        story, expected = desk.story(status=Status.IN_REVIEW), 403
    response = writer.post(autosave_url(story), typed(story, headline="Mine now"))
    assert response.status_code == expected
    assert not Autosave.objects.exists()


def test_autosave_is_held_to_a_size_limit(writer, desk):
    story = desk.story(status=Status.DRAFT)
    body = "<p>" + "x" * MAX_BYTES + "</p>"
    response = writer.post(autosave_url(story), typed(story, body=body))
    assert response.status_code == 413
    assert "Too long to autosave" in response.json()["error"]
    assert not Autosave.objects.exists()


def test_autosave_needs_a_signed_in_staff_member_and_the_csrf_token(desk):
    story = desk.story(status=Status.DRAFT)
    anonymous = Client()
    response = anonymous.post(autosave_url(story), typed(story))
    assert response.status_code == 302 and "/login/" in response["Location"]
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(desk.writer)
    assert strict.post(autosave_url(story), typed(story)).status_code == 403
    assert not Autosave.objects.exists()
    assert strict.get(autosave_url(story)).status_code == 405


@pytest.mark.parametrize("base_version", ["²", "9" * 5000, str(2**70), "-1", ""])
def test_a_crafted_version_is_no_version(writer, desk, base_version):
    """Never a 500: the draft is kept with no version, so a Save from it is
    checked (and refused) as typed from an unknown version."""
    story = desk.story(status=Status.DRAFT)
    response = writer.post(
        autosave_url(story), typed(story, headline="Typed", base_version=base_version)
    )
    assert response.status_code == 200
    assert Autosave.objects.get().base_version is None


def test_an_unknown_story_is_404(writer, desk):
    url = reverse("admin:articles_article_autosave", args=[987654])
    assert writer.post(url, {"headline": "x"}).status_code == 404
    bad = reverse("admin:articles_article_autosave", args=["not-a-number"])
    assert writer.post(bad, {"headline": "x"}).status_code == 404


def test_a_draft_left_on_a_story_sent_for_review_waits_and_can_be_thrown_away(
    writer, desk
):
    story = desk.story(status=Status.DRAFT)
    writer.post(autosave_url(story), typed(story, headline="Typed before submitting"))
    actions.Submit(story).execute(by=desk.writer)
    # The writer may only read it now: no offer to restore into a form they
    # cannot save, but their draft can still go.
    assert (
        "Restore unsaved changes" not in writer.get(change_url(story)).content.decode()
    )
    discard = reverse("admin:articles_article_discard_autosave", args=[story.pk])
    assert writer.post(discard).status_code == 302
    assert not Autosave.objects.exists()


@pytest.mark.parametrize("new_story", [False, True])
def test_a_draft_arriving_late_never_replaces_what_was_typed_after_it(
    writer, desk, new_story
):
    """The closing tab's last typing can overtake the timer's request still
    on its way: whichever arrives last, the later typing is kept."""
    story = None if new_story else desk.story()
    base = {} if new_story else typed(story)
    url = autosave_url(story)
    writer.post(url, {**base, "headline": "Later typing", "typed_at": "2000"})
    writer.post(url, {**base, "headline": "Earlier typing", "typed_at": "1000"})
    assert Autosave.objects.get().data["headline"] == "Later typing"
    writer.post(url, {**base, "headline": "Crafted, undated"})
    assert Autosave.objects.get().data["headline"] == "Later typing"
    writer.post(url, {**base, "headline": "Latest typing", "typed_at": "3000"})
    assert Autosave.objects.get().data["headline"] == "Latest typing"
