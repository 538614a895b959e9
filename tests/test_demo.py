"""The demo newsroom loads, reloads without duplicates, and hides what it should."""

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from articles import demo_content
from articles.models import Article, Author, Photo, TopStory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0, photo_width=400)


def test_load_demo_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo")
    assert not Article.objects.exists()


def test_load_demo_is_idempotent(demo):
    counts = (Article.objects.count(), Author.objects.count(), Photo.objects.count())
    call_command("load_demo", verbosity=0, photo_width=400)
    assert counts == (
        Article.objects.count(),
        Author.objects.count(),
        Photo.objects.count(),
    )
    assert Article.objects.live().count() == len(demo_content.STORIES)


def test_demo_accounts_and_roles(demo):
    for username in ["writer", "writer2", "editor", "admin"]:
        user = User.objects.get(username=username)
        assert user.check_password("newsroom-demo") and user.is_staff, username
    assert User.objects.get(username="admin").is_superuser
    writer = User.objects.get(username="writer")
    assert writer.author.name == "Olga Nesterova"
    assert writer.groups.filter(name="Writer").exists()


def test_model_story_is_there_with_its_caption_and_source(demo, client):
    story = Article.objects.live().get(
        authors__name="Olga Nesterova", slug__contains="shanghai"
    )
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Photo posted by Secretary Blinken on X" in html
    assert "U.S. Department of State" in html
    assert "4/25/24" in html
    assert story.authors_in_order[0].picture


def test_hidden_demo_stories_stay_hidden(demo, client):
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
    assert TopStory.objects.count() == len(demo_content.TOP_STORY_SLUGS)
