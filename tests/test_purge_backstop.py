"""A change whose process is killed between its commit and its purge is
purged all the same: without an HTTP cache in front, a backstop enqueued in
the change's own transaction purges its keys BACKSTOP_SECONDS later, unless
the process noted its purge done (caching.tasks)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles import actions
from articles.models import Article
from caching import tasks
from caching import versions as store

# The worker closes its database connection after each task, as a real
# worker does; that needs real transactions, not a test's wrapping one.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE = True


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")


def backstop_time():
    return time_machine.travel(
        timezone.now() + timedelta(seconds=tasks.BACKSTOP_SECONDS + 1)
    )


def backstops(**filters):
    return DBTaskResult.objects.filter(
        task_path__endswith=".backstop_page_cache", **filters
    )


@pytest.fixture
def story(desk):
    story = desk.story(status=Article.Status.IN_REVIEW, headline="Harbour reopens")
    actions.Publish(story).execute(by=desk.editor)
    return story


def test_a_withdrawal_whose_process_died_before_its_purge_is_gone_soon(
    client, desk, story, monkeypatch
):
    """The process is killed once the withdrawal commits, before its purge:
    its readers get the story until the backstop runs, and 410 after."""
    url = story.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    died = []
    monkeypatch.setattr(tasks, "_purge_after_commit", lambda *args: died.append(args))

    actions.Withdraw(Article.objects.get(pk=story.pk)).execute(by=desk.editor)

    assert died  # the purge the process would have made
    kept = client.get(url)
    assert (kept.status_code, kept["X-Page-Cache"]) == (200, "hit")
    run_worker()  # not yet: its time has not come
    assert client.get(url).status_code == 200
    with backstop_time():
        run_worker()
        gone = client.get(url)
    assert gone.status_code == 410
    assert backstops(status="SUCCESSFUL").count() == 2  # the publication's too


def test_a_purge_made_as_its_change_committed_is_not_made_again(client, desk, story):
    """The process noted its purge done: the backstop moves no version, so
    no page is rendered twice."""
    edited = Article.objects.get(pk=story.pk)
    edited.headline = "Harbour reopens to ferries"
    actions.SaveEdit(edited, base_version=edited.version).execute(by=desk.editor)
    assert "to ferries" in client.get(story.get_absolute_url()).text
    clock = store.clock()

    with backstop_time():
        run_worker()

    assert backstops(status="SUCCESSFUL").count() == 2
    assert not backstops().exclude(status="SUCCESSFUL").exists()
    assert store.clock() == clock  # no purge since


def test_a_backstop_is_queued_in_the_changes_transaction_to_run_later(desk):
    """Only a change that commits queues one, to run after the purge it
    backs is long done."""
    story = desk.story(status=Article.Status.IN_REVIEW)
    queued_at = timezone.now()
    actions.Publish(story).execute(by=desk.editor)
    (backstop,) = backstops()
    assert backstop.status == "READY"
    assert backstop.run_after >= queued_at + timedelta(seconds=tasks.BACKSTOP_SECONDS)
    assert f"story:{story.pk}" in backstop.args_kwargs["args"][0]

    with pytest.raises(actions.ActionError):  # not allowed: nothing commits
        actions.Publish(Article.objects.get(pk=story.pk)).execute(by=desk.editor)
    assert backstops().count() == 1
