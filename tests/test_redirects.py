"""A published story keeps its old addresses; a withdrawn one is gone."""

import pytest
from django.urls import reverse

from articles import actions
from articles.models import Article, SlugRedirect
from tests.factories import story_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(desk):
    story = desk.story(slug="first-slug", status=Article.Status.IN_REVIEW)
    actions.Publish(story).execute(by=desk.editor)
    return story


def rename(client, story, slug):
    story.refresh_from_db()
    data = story_post(
        headline=story.headline,
        slug=slug,
        section=str(story.section_id),
        base_version=str(story.version),
        tags="news",
    )
    return client.post(reverse("admin:articles_article_change", args=[story.pk]), data)


def test_old_slugs_answer_301_to_the_current_one(client, desk, published):
    """Every earlier slug of a published story redirects 301 to the current one."""
    client.force_login(desk.editor)
    assert rename(client, published, "second-slug").status_code == 302
    assert rename(client, published, "third-slug").status_code == 302
    client.logout()
    for old in ["first-slug", "second-slug"]:
        response = client.get(f"/articles/{old}/")
        assert response.status_code == 301
        assert response["Location"] == "/articles/third-slug/"
    assert client.get("/articles/third-slug/").status_code == 200


def test_going_back_to_an_old_slug_drops_its_redirect(client, desk, published):
    """Renaming back to an old slug serves it directly and drops its redirect."""
    client.force_login(desk.editor)
    rename(client, published, "second-slug")
    rename(client, published, "first-slug")
    assert client.get("/articles/first-slug/").status_code == 200
    assert client.get("/articles/second-slug/").status_code == 301
    assert not SlugRedirect.objects.filter(old_slug="first-slug").exists()


def test_drafts_leave_no_redirects(client, desk):
    """Renaming a draft leaves no redirect."""
    draft = desk.story(slug="draft-slug")
    client.force_login(desk.editor)
    rename(client, draft, "draft-renamed")
    assert not SlugRedirect.objects.exists()


def test_a_redirected_slug_cannot_be_reused(client, desk, published):
    """Another story cannot take a slug that redirects; the form says why."""
    client.force_login(desk.editor)
    rename(client, published, "second-slug")
    other = desk.story(slug="other")
    response = rename(client, other, "first-slug")
    assert response.status_code == 200
    assert "redirects from this slug" in response.content.decode()


def test_withdrawn_story_is_410_gone_even_at_old_addresses(client, desk, published):
    """A withdrawn story is 410 Gone at its current and its old slugs."""
    client.force_login(desk.editor)
    rename(client, published, "second-slug")
    actions.Withdraw(published).execute(by=desk.editor)
    client.logout()
    for slug in ["first-slug", "second-slug"]:
        response = client.get(f"/articles/{slug}/")
        assert response.status_code == 410
        assert "withdrawn" in response.content.decode()


def test_a_never_published_story_is_404_not_410(client, desk):
    """A withdrawn story that was never published is 404, not 410."""
    desk.story(slug="never", status=Article.Status.WITHDRAWN)
    assert client.get("/articles/never/").status_code == 404
