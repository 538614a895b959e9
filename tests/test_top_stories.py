"""The Top Stories feed: curated open slots first, then the newest live stories."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.top_stories import top_stories
from tests.factories import make_article, make_top_story

pytestmark = pytest.mark.django_db
HOUR = timedelta(hours=1)


def test_curated_slots_come_first_in_position_order_then_newest_fill():
    """Curated stories come first by position; the newest live stories fill the rest."""
    old = make_article(publish_at=timezone.now() - 50 * HOUR)
    older = make_article(publish_at=timezone.now() - 60 * HOUR)
    newest = [make_article(publish_at=timezone.now() - n * HOUR) for n in (1, 2, 3)]
    make_top_story(older, position=2)
    make_top_story(old, position=1)

    assert top_stories(limit=4) == [old, older, newest[0], newest[1]]


def test_never_duplicates_and_respects_limit(settings):
    """Top Stories hold at most the configured number, with no story twice."""
    settings.NEWSROOM_TOP_STORIES = 3
    stories = [make_article() for _ in range(5)]
    for position, story in enumerate(stories):
        make_top_story(story, position=position)
    result = top_stories()
    assert len(result) == 3
    assert len(set(result)) == 3


def test_slot_window_decides_when_a_curated_story_leads():
    """A curated story leads only between its start and end times."""
    now = timezone.now()
    early = make_article(publish_at=now - 100 * HOUR)
    later = make_article(publish_at=now - 100 * HOUR)
    expired = make_article(publish_at=now - 100 * HOUR)
    make_article(publish_at=now - HOUR)
    make_top_story(early, position=0, starts_at=now + HOUR)
    make_top_story(later, position=1, starts_at=now - HOUR, ends_at=now + HOUR)
    make_top_story(expired, position=2, ends_at=now - HOUR)
    assert top_stories(limit=1) == [later]


def test_curated_story_that_is_not_live_is_never_shown():
    """A curated draft or scheduled story is never shown."""
    draft = make_article(live=False, status=Article.Status.DRAFT)
    scheduled = make_article(
        live=False,
        status=Article.Status.PUBLISHED,
        publish_at=timezone.now() + HOUR,
    )
    make_top_story(draft, position=0)
    make_top_story(scheduled, position=1)
    live = make_article()
    assert top_stories(limit=5) == [live]


def listed(html):
    """The story ids in a page's Top Stories feed, in order."""
    feed = html.split('class="top-stories-list"')[1].split("</ol>")[0]
    return [int(pk) for pk in re.findall(r'data-story="(\d+)"', feed)]


def test_story_page_feed_hides_the_story_itself(client, settings):
    """The shared feed lists one story more than pages show; a story page's
    own CSS hides the story itself when it is listed, else the extra one."""
    settings.NEWSROOM_TOP_STORIES = 3
    story = make_article()
    others = [make_article() for _ in range(4)]
    make_top_story(story, position=0)
    html = client.get(story.get_absolute_url()).content.decode()
    assert listed(html)[0] == story.pk and len(listed(html)) == 4
    rule = f'.top-stories [data-story="{story.pk}"]'
    assert rule in html.split("</head>")[0]
    other = others[0]
    html = client.get(other.get_absolute_url()).content.decode()
    assert other.pk in listed(html)  # and hidden by its page's rule
    assert f'[data-story="{other.pk}"]' in html.split("</head>")[0]


def test_home_shows_top_stories(client):
    """The home page's Top Stories lead with the curated story, over a newer one."""
    lead = make_article(
        headline="The curated lead", publish_at=timezone.now() - 90 * HOUR
    )
    make_article(headline="A newer story")
    make_top_story(lead, position=0)
    response = client.get(reverse("articles:home"))
    assert response.context["top_stories"][0].pk == lead.pk
    assert "The curated lead" in response.content.decode()
