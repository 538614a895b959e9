"""The demo newsroom loads, reloads without duplicates, and hides what it should."""

import re

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from articles.models import Article, Author, Photo, TopStory
from demo import content
from imaging import PHOTO_RATIOS

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0, photo_width=400)


def test_load_demo_refuses_with_debug_off(settings):
    """load_demo refuses to run with DEBUG off and creates no stories."""
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo")
    assert not Article.objects.exists()


def test_load_demo_is_idempotent(demo):
    """Loading the demo twice adds nothing; exactly its published stories are live."""
    counts = (Article.objects.count(), Author.objects.count(), Photo.objects.count())
    call_command("load_demo", verbosity=0, photo_width=400)
    assert counts == (
        Article.objects.count(),
        Author.objects.count(),
        Photo.objects.count(),
    )
    published = [s for s in content.stories() if s.status == "published"]
    assert Article.objects.live().count() == len(published)


def test_demo_accounts_and_roles(demo):
    """Demo users are staff with the demo password; admin is a superuser."""
    for username in ["writer", "writer2", "editor", "admin"]:
        user = User.objects.get(username=username)
        assert user.check_password("newsroom-demo") and user.is_staff, username
    assert User.objects.get(username="admin").is_superuser
    writer = User.objects.get(username="writer")
    assert writer.author.name == "Olga Nesterova"
    assert writer.groups.filter(name="Writer").exists()


def test_model_story_is_there_with_its_caption_and_source(demo, client):
    """The Shanghai story shows caption and dated source; its author has a picture."""
    story = Article.objects.live().get(
        authors__name="Olga Nesterova", slug__contains="shanghai"
    )
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Photo posted by Secretary Blinken on X" in html
    assert "U.S. Department of State" in html
    assert "4/25/24" in html
    assert story.authors_in_order[0].picture
    assert story.lead_photo.focal == (0.62, 0.4)
    storm = Article.objects.live().get(slug__startswith="live-storm")
    assert storm.live_updates.shown().count() == 10
    assert storm.live_updates.filter(pinned=True).count() == 1
    assert "Key events" in client.get(storm.get_absolute_url()).content.decode()
    trains = Article.objects.get(slug__contains="night-trains")
    assert trains.gallery.count() == 4
    assert "Photos (4)" in client.get(trains.get_absolute_url()).content.decode()
    assert "Additional reporting by" in html and "Photos by U.S. Department" in html
    card = re.search(r'<figure class="embed embed-x">.*?</figure>', html, re.S).group()
    assert "Secretary Antony Blinken</a> on X" in card
    assert "Great to be in Shanghai" in card
    assert [(c.role, c.display_name) for c in story.credits.all()] == [
        ("additional-reporting", "Marcus Adeyemi"),
        ("additional-reporting", "Reuters"),
        ("photos", "U.S. Department of State"),
    ]
    assert {r["ratio"] for r in story.lead_photo.renditions} == set(PHOTO_RATIOS)


def test_hidden_demo_stories_stay_hidden(demo, client):
    """The four hidden demo stories are off home and 404, or 410 if withdrawn."""
    hidden = Article.objects.exclude(pk__in=Article.objects.live())
    assert hidden.count() == 4
    assert hidden.filter(status=Article.Status.DRAFT, authors__slug="olga-nesterova")
    home = client.get("/").content.decode()
    for story in hidden:
        assert story.headline not in home
        response = client.get(story.get_absolute_url())
        gone = story.status == Article.Status.WITHDRAWN
        assert response.status_code == (410 if gone else 404)
        assert story.headline not in response.content.decode()
    tops = [s for s in content.stories() if s.top_story is not None]
    assert TopStory.objects.count() == len(tops)


def test_demo_writers_own_their_authors_stories_only(demo):
    """Logging in as `writer` shows what a writer sees: Olga Nesterova's
    stories, not the whole newsroom; the editor sees everything."""
    from articles import permissions

    users = {name: User.objects.get(username=name) for name in ["writer", "writer2"]}
    for name, author in [("writer", "olga-nesterova"), ("writer2", "marcus-adeyemi")]:
        visible = permissions.editable_by(users[name])
        assert visible.exists()
        assert set(visible) == set(Article.objects.filter(authors__slug=author))
        assert visible.count() < Article.objects.count() / 3
    editor = User.objects.get(username="editor")
    assert permissions.editable_by(editor).count() == Article.objects.count()


def test_demo_stories_went_through_the_workflow(demo):
    """Every demo story has the revisions its actions recorded."""
    story = Article.objects.get(slug="blinken-opens-china-visit-in-shanghai")
    moves = list(story.revisions.order_by("number").values_list("kind", "to_status"))
    assert moves[:3] == [
        ("created", ""),
        ("transition", "in_review"),
        ("transition", "published"),
    ]
    assert story.created_by.username == "writer"
