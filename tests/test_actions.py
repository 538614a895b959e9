"""Actions: one class per change, permission-checked, ending in one commit step."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

import caching
from articles import actions, keys, search
from articles.actions.transitions import REGISTRY, Transition
from articles.models import Article, Revision

Status = Article.Status


@pytest.mark.django_db(transaction=True)
def test_the_commit_step_bumps_version_records_indexes_and_purges(desk):
    """Publishing bumps the version, records a revision, indexes the story and
    moves the page cache on, all from the one commit step."""
    story = desk.story(status=Status.IN_REVIEW, headline="Harbour pilots strike")
    version, home = story.version, caching.version(keys.HOME)

    actions.Publish(story).execute(by=desk.editor)

    assert story.version == version + 1
    latest = story.revisions.first()
    assert (latest.kind, latest.to_status, latest.version) == (
        Revision.Kind.TRANSITION,
        Status.PUBLISHED,
        story.version,
    )
    assert search.search("pilots") == [story.pk]
    assert caching.version(keys.HOME) != home


def test_keys_are_purged_once_the_transaction_commits(
    desk, django_capture_on_commit_callbacks
):
    """Keys move only once the change commits: a page rendered before then
    shows the old story and must not be kept, and purging before as well
    would have readers render every purged page twice."""
    story = desk.story(status=Status.IN_REVIEW)
    before = caching.version(keys.story(story.pk))
    with django_capture_on_commit_callbacks() as callbacks:
        actions.Publish(story).execute(by=desk.editor)

    assert caching.version(keys.story(story.pk)) == before
    # Publishing is exact: the purge first, then its new cards announced.
    callbacks[0]()
    assert caching.version(keys.story(story.pk)) != before
    assert len(callbacks) == 2


def test_a_refused_action_changes_nothing(desk):
    """A blocked publish leaves no version bump, revision or purge behind."""
    story = desk.story(status=Status.IN_REVIEW, tags=())
    revisions, home = story.revisions.count(), caching.version(keys.HOME)

    with pytest.raises(actions.PublishBlocked):
        actions.Publish(story).execute(by=desk.editor)

    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW
    assert story.revisions.count() == revisions
    assert caching.version(keys.HOME) == home


def test_check_asks_the_permissions_module(desk):
    """`check(user)` refuses a writer and lets an editor through."""
    story = desk.story(status=Status.IN_REVIEW)
    with pytest.raises(PermissionDenied):
        actions.Publish(story).check(desk.writer)
    actions.Publish(story).check(desk.editor)


def test_save_edit_never_takes_a_status_from_the_story(desk):
    """A script cannot publish by saving: a new story is a draft, version 1."""
    article = Article(
        headline="Quiet publish",
        slug="quiet-publish",
        status=Status.PUBLISHED,
        publish_at=timezone.now() - timedelta(hours=1),
    )
    actions.SaveEdit(article).execute(by=desk.writer)

    article.refresh_from_db()
    assert (article.status, article.publish_at, article.version) == (
        Status.DRAFT,
        None,
        1,
    )
    assert article.revisions.get().kind == Revision.Kind.CREATED
    assert not Article.objects.live().exists()


def test_publish_as_of_a_past_moment_but_not_a_future_one(desk):
    """Backdated publishing (imports, the demo) is allowed; the future is
    Schedule's job."""
    story = desk.story(status=Status.IN_REVIEW)
    with pytest.raises(actions.ActionError, match="Schedule"):
        actions.Publish(story, at=timezone.now() + timedelta(hours=1)).execute(
            by=desk.editor
        )
    then = timezone.now() - timedelta(days=2)
    actions.Publish(story, at=then).execute(by=desk.editor)
    assert story.publish_at == then == story.first_published_at


@pytest.fixture
def reconsider():
    """An example transition, written for the test: withdrawn back to review.
    Defining the class registers it; the fixture unregisters it afterwards."""

    class Reconsider(Transition):
        name, label = "reconsider", "Reconsider"
        sources, target = frozenset({Status.WITHDRAWN}), Status.IN_REVIEW
        note_label = "Why"

    yield Reconsider
    REGISTRY.pop(Reconsider.name)


def test_a_new_transition_is_one_class(client, desk, reconsider):
    """Defining a Transition subclass is all it takes: the admin shows its
    button with its note field to those it permits, and runs it."""
    story = desk.story(status=Status.WITHDRAWN, publish_at=timezone.now())
    change = reverse("admin:articles_article_change", args=[story.pk])
    client.force_login(desk.writer2)
    assert client.get(change).status_code == 404
    client.force_login(desk.editor)
    html = client.get(change).content.decode()
    assert 'value="reconsider"' in html and 'id="transition_note_reconsider"' in html

    url = reverse("admin:articles_article_transition", args=[story.pk, "reconsider"])
    assert client.post(url, {"note": "New evidence."}).status_code == 302

    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW
    assert story.revisions.first().message == "New evidence."


def test_unknown_transition_names_are_404(client, desk):
    story = desk.story(status=Status.DRAFT)
    client.force_login(desk.editor)
    url = reverse("admin:articles_article_transition", args=[story.pk, "launch"])
    assert client.post(url).status_code == 404


def test_the_buttons_are_the_registry_filtered_by_state_and_person(desk):
    """Each state offers exactly the transitions whose sources include it."""
    draft = desk.story(status=Status.DRAFT)
    names = [t.name for t in actions.available(desk.editor, draft)]
    assert names == ["submit", "publish", "schedule"]
    assert [t.name for t in actions.available(desk.writer, draft)] == ["submit"]
    assert [t.name for t in actions.available(desk.writer2, draft)] == []
