"""The desk home: per person, my drafts, sent back to me, waiting for
review, scheduled today, live stories now and recent corrections, each
with its count; never a story the person may not open."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import actions
from articles.models import Article

pytestmark = pytest.mark.django_db
Status = Article.Status
HOME = "/admin/"


@pytest.fixture
def noon():
    """Noon in the newsroom's time zone: "today" has hours on both sides."""
    moment = timezone.make_aware(datetime(2026, 12, 4, 12, 0))
    with time_machine.travel(moment, tick=False):
        yield moment


def panels(client):
    response = client.get(HOME)
    assert response.status_code == 200
    return {
        panel.key: (
            panel.count,
            [getattr(i, "headline", None) or i.article.headline for i in panel.items],
        )
        for panel in response.context["panels"]
    }


def test_a_writer_sees_their_own_work(client, desk, noon):
    desk.story(status=Status.DRAFT, headline="Olga's draft")
    returned = desk.story(status=Status.IN_REVIEW, headline="Olga's returned")
    actions.SendBack(returned, note="Source?").execute(by=desk.editor)
    desk.story(status=Status.IN_REVIEW, headline="Olga's in review")
    desk.story(owner=desk.writer2, status=Status.DRAFT, headline="Ben's draft")
    desk.story(owner=desk.writer2, status=Status.IN_REVIEW, headline="Ben's review")
    client.force_login(desk.writer)
    seen = panels(client)
    assert seen["mine"] == (2, ["Olga's returned", "Olga's draft"])
    assert seen["sent_back"] == (1, ["Olga's returned"])
    assert seen["review"] == (1, ["Olga's in review"])
    html = client.get(HOME).content.decode()
    assert "Ben&#x27;s" not in html


def test_an_editor_sees_the_queues(client, desk, noon):
    desk.story(owner=desk.writer2, status=Status.IN_REVIEW, headline="Ben's review")
    soon = desk.story(status=Status.IN_REVIEW, headline="At three")
    actions.Schedule(soon, at=noon + timedelta(hours=3)).execute(by=desk.editor)
    tomorrow = desk.story(status=Status.IN_REVIEW, headline="Tomorrow")
    actions.Schedule(tomorrow, at=noon + timedelta(hours=13)).execute(by=desk.editor)
    live = desk.story(status=Status.IN_REVIEW, headline="Storm", live_coverage=True)
    actions.Publish(live).execute(by=desk.editor)
    corrected = desk.story(headline="Corrected story")
    actions.AddCorrection(
        corrected, kind="correction", text="The date was wrong."
    ).execute(by=desk.editor)
    client.force_login(desk.editor)
    seen = panels(client)
    assert seen["review"] == (1, ["Ben's review"])
    assert seen["scheduled_today"] == (1, ["At three"])
    assert seen["live"] == (1, ["Storm"])
    assert seen["corrections"] == (1, ["Corrected story"])
    html = client.get(HOME).content.decode()
    assert "The date was wrong." in html
    assert "1 story needs you" in " ".join(html.split()).replace(
        "<strong>", ""
    ).replace("</strong>", "")


def test_a_panel_counts_all_and_links_to_the_rest(client, desk):
    for n in range(11):
        desk.story(status=Status.DRAFT, headline=f"Draft {n}")
    client.force_login(desk.writer)
    count, shown = panels(client)["mine"]
    assert count == 11 and len(shown) == 8
    html = client.get(HOME).content.decode()
    assert f'href="{reverse("admin:articles_article_changelist")}?view=mine"' in html
    assert "All 11 in the stories list" in html


def test_the_desk_home_costs_the_same_queries_at_5_and_50_stories(client, desk):
    client.force_login(desk.editor)

    def grow_to(n):
        while Article.objects.count() < n:
            status = [Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED][
                Article.objects.count() % 3
            ]
            story = desk.story(status=status, live_coverage=status == Status.PUBLISHED)
            actions.AddCorrection(story, kind="correction", text="Fixed.").execute(
                by=desk.editor
            )

    def count():
        client.get(HOME)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(HOME).status_code == 200
        return len(queries)

    grow_to(5)
    small = count()
    grow_to(50)
    assert count() == small <= 25
