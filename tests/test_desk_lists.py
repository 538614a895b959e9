"""The stories list built for editing: newest activity first, states as
labelled pills, times as people say them, and the work lists ("Needs me",
sent back, waiting for review…) of articles.worklists."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import actions, worklists
from articles.models import Article, LiveUpdate
from desk.admin.story_list import when

pytestmark = pytest.mark.django_db
LIST = "/admin/articles/article/"


def headlines(client, query=""):
    response = client.get(LIST + query)
    assert response.status_code == 200
    return [story.headline for story in response.context["cl"].result_list]


def test_newest_activity_comes_first(client, desk):
    old = desk.story(headline="Old news")
    desk.story(headline="Middle")
    desk.story(headline="Newest")
    Article.objects.filter(pk=old.pk).update(
        modified_at=timezone.now() + timedelta(seconds=5)
    )
    client.force_login(desk.editor)
    assert headlines(client)[:3] == ["Old news", "Newest", "Middle"]


def test_states_are_labelled_pills_and_times_read_as_people_say_them(client, desk):
    desk.story(headline="Waiting", status=Article.Status.IN_REVIEW)
    later = desk.story(
        headline="Later",
        status=Article.Status.PUBLISHED,
        publish_at=timezone.now() + timedelta(days=2),
    )
    client.force_login(desk.editor)
    page = client.get(LIST).content.decode()
    assert '<span class="pill pill-in_review">In review</span>' in page
    assert f"Scheduled · {when(later.publish_at)}" in page
    assert "just now</time>" in page


@pytest.mark.parametrize(
    ("minutes_ago", "shown"),
    [(0, "just now"), (12, "12 min ago"), (59, "59 min ago")],
)
def test_recent_times_read_in_minutes(minutes_ago, shown):
    now = timezone.now()
    assert when(now - timedelta(minutes=minutes_ago), now) == shown


def test_older_times_read_as_day_month_and_time(settings):
    settings.TIME_ZONE = "Europe/Lisbon"
    now = timezone.datetime(2026, 12, 4, 12, 0, tzinfo=timezone.UTC)
    assert when(timezone.datetime(2026, 12, 4, 9, 29, tzinfo=timezone.UTC), now) == (
        "4 Dec, 09:29"
    )
    assert when(timezone.datetime(2025, 3, 1, 8, 5, tzinfo=timezone.UTC), now) == (
        "1 Mar 2025, 08:05"
    )


def send_back(desk, story):
    actions.Submit(story).execute(by=desk.writer)
    actions.SendBack(story, note="Check the figures.").execute(by=desk.editor)


def test_a_sent_back_story_stays_sent_back_until_it_is_submitted_again(desk):
    story = desk.story(headline="Returned")
    desk.story(headline="Plain draft")
    send_back(desk, Article.objects.get(pk=story.pk))

    def listed():
        return [
            s.headline for s in worklists.WORKLISTS["sent_back"].stories(desk.writer)
        ]

    assert listed() == ["Returned"]
    fixed = Article.objects.get(pk=story.pk)
    fixed.headline = "Returned, fixed"
    actions.SaveEdit(fixed, base_version=fixed.version).execute(by=desk.writer)
    assert listed() == ["Returned, fixed"]  # edits keep it sent back
    actions.Submit(Article.objects.get(pk=story.pk)).execute(by=desk.writer)
    assert listed() == []


def test_needs_me_is_what_waits_for_each_person(desk, live_story):
    returned = desk.story(headline="Returned to Olga")
    send_back(desk, Article.objects.get(pk=returned.pk))
    desk.story(
        headline="Ben's review", owner=desk.writer2, status=Article.Status.IN_REVIEW
    )
    desk.story(headline="Olga's draft")
    LiveUpdate.objects.create(
        article=live_story, body="<p>Pending</p>", status=LiveUpdate.Status.PENDING
    )

    def needs(user):
        return {s.headline for s in worklists.WORKLISTS["needs_me"].stories(user)}

    assert needs(desk.writer) == {"Returned to Olga"}
    assert needs(desk.writer2) == set()  # his story waits for an editor, not him
    assert needs(desk.editor) == {"Ben's review", live_story.headline}


def test_the_quick_views_filter_the_list_for_whoever_asks(client, desk):
    returned = desk.story(headline="Returned to Olga")
    send_back(desk, Article.objects.get(pk=returned.pk))
    desk.story(headline="Ben's own", owner=desk.writer2)
    client.force_login(desk.writer)
    assert headlines(client, "?view=needs_me") == ["Returned to Olga"]
    assert headlines(client, "?view=sent_back") == ["Returned to Olga"]
    client.force_login(desk.writer2)
    # A crafted view shows nothing of anyone else's: the list stays his.
    assert headlines(client, "?view=sent_back") == []
    assert headlines(client, "?view=mine") == ["Ben's own"]


@pytest.mark.parametrize("query", ["?view=bogus", "?view=", "?view=%00", "?o=99"])
def test_a_bad_view_never_fails(client, desk, query):
    desk.story(headline="Any")
    client.force_login(desk.editor)
    assert client.get(LIST + query).status_code in (200, 302)


def test_tags_are_listed_with_the_newsrooms_own_models(client, desk):
    client.force_login(desk.editor)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Taggit" not in page and "TAGGIT" not in page
    newsroom = client.get(reverse("admin:index")).context["app_list"]
    models = [m["object_name"] for app in newsroom for m in app["models"]]
    labels = [app["app_label"] for app in newsroom]
    assert "taggit" not in labels
    assert models.index("Tag") < models.index("TopStory")
    assert models[0] == "Article"  # Stories first, as the desk uses them
    tags = client.get(reverse("admin:taggit_tag_changelist")).content.decode()
    assert '<a href="/admin/taggit/">Newsroom</a>' in tags
