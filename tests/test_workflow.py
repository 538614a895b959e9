"""State changes: one function each, permission-checked, atomic, recorded."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from articles import actions
from articles.models import Article, Revision
from tests.factories import make_photo

Status = Article.Status
HOUR = timedelta(hours=1)


def test_full_cycle_is_recorded_with_who_when_from_to_and_note(desk):
    """Each transition records from, to, who and message; a send-back leaves a note."""
    story = desk.story(status=Status.DRAFT)
    actions.Submit(story).execute(by=desk.writer)
    actions.SendBack(story, note="Add a second source.").execute(by=desk.editor)
    actions.Submit(story).execute(by=desk.writer)
    actions.Publish(story).execute(by=desk.editor)
    actions.Withdraw(story, note="Legal asked.").execute(by=desk.editor)
    actions.RestoreToDraft(story).execute(by=desk.editor)

    moves = list(
        story.revisions.filter(kind=Revision.Kind.TRANSITION)
        .order_by("number")
        .values_list("from_status", "to_status", "created_by__username", "message")
    )
    assert moves == [
        ("draft", "in_review", "writer", "Submit for review"),
        ("in_review", "draft", "editor", "Add a second source."),
        ("draft", "in_review", "writer", "Submit for review"),
        ("in_review", "published", "editor", "Publish now"),
        ("published", "withdrawn", "editor", "Legal asked."),
        ("withdrawn", "draft", "editor", "Restore to draft"),
    ]
    assert story.status == Status.DRAFT
    assert story.notes.filter(text="Add a second source.", author=desk.editor).exists()


@pytest.mark.parametrize(
    ("status", "transition"),
    [
        (Status.DRAFT, "submit"),
        (Status.IN_REVIEW, "send_back"),
        (Status.IN_REVIEW, "publish"),
        (Status.IN_REVIEW, "schedule"),
        (Status.PUBLISHED, "withdraw"),
        (Status.WITHDRAWN, "restore_to_draft"),
    ],
)
def test_each_transition_bumps_the_version(desk, status, transition):
    """Every transition bumps the story's version by one."""
    story = desk.story(status=status, publish_at=timezone.now() - HOUR)
    version = story.version
    kwargs = {
        "send_back": {"note": "Fix it."},
        "schedule": {"at": timezone.now() + HOUR},
    }.get(transition, {})
    actions.TRANSITIONS[transition](story, **kwargs).execute(by=desk.editor)
    assert story.version == version + 1


@pytest.mark.parametrize(
    ("status", "transition"),
    [
        (Status.PUBLISHED, "submit"),
        (Status.DRAFT, "send_back"),
        (Status.DRAFT, "withdraw"),
        (Status.IN_REVIEW, "restore_to_draft"),
        (Status.WITHDRAWN, "publish"),
    ],
)
def test_a_transition_the_state_forbids_raises_a_clear_error(desk, status, transition):
    """A transition the state forbids raises NotAllowedNow and changes nothing."""
    story = desk.story(status=status, publish_at=timezone.now() - HOUR)
    kwargs = {"note": "x"} if transition == "send_back" else {}
    revisions = story.revisions.count()
    with pytest.raises(actions.NotAllowedNow, match="cannot be moved"):
        actions.TRANSITIONS[transition](story, **kwargs).execute(by=desk.editor)
    story.refresh_from_db()
    assert story.status == status
    assert story.revisions.count() == revisions


@pytest.mark.parametrize(
    "transition", ["publish", "withdraw", "restore_to_draft", "send_back"]
)
def test_writers_cannot_make_editor_transitions(desk, transition):
    """A writer cannot publish, withdraw, restore to draft or send back."""
    story = desk.story(status=Status.IN_REVIEW)
    with pytest.raises(PermissionDenied):
        kwargs = {"note": "x"} if transition == "send_back" else {}
        actions.TRANSITIONS[transition](story, **kwargs).execute(by=desk.writer)
    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW


def test_writer_cannot_submit_someone_elses_draft(desk):
    """A writer cannot submit another writer's draft."""
    story = desk.story(owner=desk.writer2, status=Status.DRAFT)
    with pytest.raises(PermissionDenied):
        actions.Submit(story).execute(by=desk.writer)


def test_send_back_needs_a_note(desk):
    """Sending back with a blank note is refused."""
    story = desk.story(status=Status.IN_REVIEW)
    with pytest.raises(actions.ActionError, match="what needs fixing"):
        actions.SendBack(story, note="  ").execute(by=desk.editor)


def test_a_draft_may_be_incomplete_but_publishing_lists_every_gap(desk):
    """An incomplete story cannot be published; the error names every gap."""
    photo = make_photo(credit="", alt_text=" ")
    story = desk.story(
        status=Status.IN_REVIEW, tags=(), body="", lead_photo=photo, section=None
    )
    story.bylines.all().delete()
    with pytest.raises(actions.PublishBlocked) as blocked:
        actions.Publish(story).execute(by=desk.editor)
    message = str(blocked.value)
    for gap in [
        "the body is empty",
        "choose a section",
        "add at least one byline",
        "add at least one tag",
        "the lead photo needs alt text",
        "the lead photo needs a credit",
    ]:
        assert gap in message
    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW


def test_missing_sources_warn_but_do_not_block(desk):
    """A story without sources publishes with a warning; one with sources has none."""
    story = desk.story(status=Status.IN_REVIEW, citations=0)
    publish = actions.Publish(story)
    publish.execute(by=desk.editor)
    assert publish.warnings == ["This story lists no sources."]
    assert story.is_live
    sourced = desk.story(status=Status.IN_REVIEW, citations=1)
    publish = actions.Publish(sourced)
    publish.execute(by=desk.editor)
    assert publish.warnings == []


def test_publish_sets_first_published_once(desk):
    """first_published_at is set on the first publish and kept on republishing."""
    story = desk.story(status=Status.IN_REVIEW)
    actions.Publish(story).execute(by=desk.editor)
    first = story.first_published_at
    assert first is not None
    actions.Withdraw(story).execute(by=desk.editor)
    actions.RestoreToDraft(story).execute(by=desk.editor)
    actions.Publish(story).execute(by=desk.editor)
    story.refresh_from_db()
    assert story.first_published_at == first


def test_admin_shows_a_refused_transition_as_a_message(client, desk):
    """A refused publish in the admin shows a message; the story stays in review."""
    client.force_login(desk.editor)
    story = desk.story(status=Status.IN_REVIEW, tags=())
    response = client.post(
        reverse("admin:articles_article_transition", args=[story.pk, "publish"]),
        follow=True,
    )
    assert "cannot be published yet" in response.content.decode()
    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW


def test_change_form_offers_only_allowed_transitions(client, desk):
    """The change form offers only the user's allowed transitions, no status field."""
    story = desk.story(status=Status.DRAFT)
    client.force_login(desk.writer)
    html = client.get(reverse("admin:articles_article_change", args=[story.pk])).content
    assert b'value="submit"' in html and b'value="publish"' not in html
    client.force_login(desk.editor)
    html = client.get(reverse("admin:articles_article_change", args=[story.pk])).content
    assert b'value="publish"' in html and b'value="schedule"' in html
    assert b'value="withdraw"' not in html
    assert b'name="status"' not in html


def test_changelist_shows_derived_state_and_quick_views(client, desk):
    """The changelist shows scheduled times; quick views: scheduled, review, mine."""
    client.force_login(desk.editor)
    scheduled = desk.story(status=Status.IN_REVIEW, headline="Later story")
    actions.Schedule(scheduled, at=timezone.now() + HOUR).execute(by=desk.editor)
    desk.story(status=Status.IN_REVIEW, headline="Waiting story")
    desk.story(status=Status.DRAFT, owner=desk.writer2, headline="Ben draft")
    url = reverse("admin:articles_article_changelist")
    assert "Scheduled · " in client.get(url).content.decode()

    def listed(query):
        return {a.headline for a in client.get(url + query).context["cl"].result_list}

    assert listed("?view=scheduled") == {"Later story"}
    assert listed("?view=review") == {"Waiting story"}
    client.force_login(desk.writer2)
    assert listed("?view=mine") == {"Ben draft"}


def test_notes_lose_control_characters(desk):
    """Control characters are stripped from a send-back note."""
    story = desk.story(status=Status.IN_REVIEW)
    actions.SendBack(story, note="Fix\x00 the\x07 lede").execute(by=desk.editor)
    assert story.notes.get().text == "Fix the lede"
