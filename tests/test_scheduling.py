"""Scheduled publishing and unpublishing: stories go live and come down on
time, publishing early is dated now, and impossible times are refused."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles import actions
from articles.models import Article

Status = Article.Status
HOUR = timedelta(hours=1)


def test_scheduled_story_goes_live_when_the_clock_reaches_it(client, desk):
    """A scheduled story is 404 and off the home page until its time, then shown."""
    story = desk.story(status=Status.IN_REVIEW)
    at = timezone.now() + 2 * HOUR
    actions.Schedule(story, at=at).execute(by=desk.editor)
    assert story.is_scheduled
    assert client.get(story.get_absolute_url()).status_code == 404
    assert story.headline not in client.get("/").content.decode()
    with time_machine.travel(at + timedelta(seconds=1)):
        assert client.get(story.get_absolute_url()).status_code == 200
        assert story.headline in client.get("/").content.decode()


def test_scheduled_unpublish_takes_the_story_down_on_time(client, desk):
    """A story is 404 and off the list once its unpublish time passes."""
    story = desk.story(status=Status.IN_REVIEW)
    actions.Publish(story).execute(by=desk.editor)
    Article.objects.filter(pk=story.pk).update(unpublish_at=timezone.now() + HOUR)
    assert client.get(story.get_absolute_url()).status_code == 200
    with time_machine.travel(timezone.now() + 2 * HOUR):
        assert client.get(story.get_absolute_url()).status_code == 404
        assert story.headline not in client.get("/articles/").content.decode()


def test_schedule_needs_a_future_time(desk):
    """Scheduling for a past time is refused."""
    story = desk.story(status=Status.IN_REVIEW)
    with pytest.raises(actions.ActionError, match="future"):
        actions.Schedule(story, at=timezone.now() - HOUR).execute(by=desk.editor)


def test_a_scheduled_story_can_be_published_now(desk):
    """A scheduled story can be published at once."""
    story = desk.story(status=Status.IN_REVIEW)
    actions.Schedule(story, at=timezone.now() + HOUR).execute(by=desk.editor)
    actions.Publish(story).execute(by=desk.editor)
    assert story.is_live


def test_admin_schedule_button_takes_a_local_time(client, desk):
    """The admin schedule button reads the posted time as local time."""
    client.force_login(desk.editor)
    story = desk.story(status=Status.IN_REVIEW)
    later = timezone.localtime() + timedelta(days=2)
    response = client.post(
        reverse("admin:articles_article_transition", args=[story.pk, "schedule"]),
        {"publish_at": later.strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.is_scheduled
    assert abs(story.publish_at - later) < timedelta(minutes=1)


def test_first_published_is_not_a_schedule_that_never_happened(desk):
    """Publishing a scheduled story early dates first publication now, not later."""
    story = desk.story(status=Status.IN_REVIEW)
    actions.Schedule(story, at=timezone.now() + 48 * HOUR).execute(by=desk.editor)
    actions.Publish(story).execute(by=desk.editor)
    story.refresh_from_db()
    assert story.first_published_at <= timezone.now()
    assert story.first_published_at == story.publish_at


def test_unpublish_before_publish_is_refused(client, desk):
    """Scheduling or publishing is refused when the unpublish time comes first."""
    story = desk.story(status=Status.IN_REVIEW)
    Article.objects.filter(pk=story.pk).update(unpublish_at=timezone.now() + HOUR)
    story.refresh_from_db()
    with pytest.raises(actions.ActionError, match="unpublish time"):
        actions.Schedule(story, at=timezone.now() + 2 * HOUR).execute(by=desk.editor)
    Article.objects.filter(pk=story.pk).update(unpublish_at=timezone.now() - HOUR)
    story.refresh_from_db()
    with pytest.raises(actions.ActionError, match="unpublish time"):
        actions.Publish(story).execute(by=desk.editor)


@pytest.mark.parametrize(
    "when", ["2030-02-30T10:00", "2030-01-01T25:00", "9999-12-31T23:59", "x" * 5000]
)
def test_impossible_schedule_times_get_a_message_not_a_500(client, desk, when):
    """Impossible schedule times give a page, not a 500, and schedule nothing."""
    client.force_login(desk.editor)
    story = desk.story(status=Status.IN_REVIEW)
    response = client.post(
        reverse("admin:articles_article_transition", args=[story.pk, "schedule"]),
        {"publish_at": when},
        follow=True,
    )
    assert response.status_code == 200
    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW
