"""Preview: the public page exactly, for staff and for signed, expiring links."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles import preview
from articles.models import Article

Status = Article.Status


@pytest.fixture
def draft(desk):
    story = desk.story(status=Status.DRAFT, headline="Embargoed budget story")
    story.notes.create(author=desk.editor, text="NOTE-TOKEN only for staff")
    return story


def test_shared_link_shows_the_story_without_login(client, draft):
    """A share link shows the draft without login, noindexed, private, without notes."""
    response = client.get(preview.share_url(draft))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Embargoed budget story" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "private" in response["Cache-Control"]
    assert "NOTE-TOKEN" not in html


def test_preview_renders_the_public_template(client, desk):
    """A preview renders with the public story page's template."""
    story = desk.story(status=Status.IN_REVIEW)
    from articles import actions

    actions.Publish(story).execute(by=desk.editor)
    public = client.get(story.get_absolute_url())
    shared = client.get(preview.share_url(story))
    assert public.templates[0].name == shared.templates[0].name
    assert story.headline in shared.content.decode()


@pytest.mark.parametrize(
    "token",
    ["forged", "MQ:1abc:xyz", "", "%00", "a" * 500],
)
def test_forged_tokens_are_404(client, draft, token):
    """Forged, empty or malformed preview tokens are 404."""
    url = f"/preview/{draft.pk}/{token}/"
    assert client.get(url).status_code == 404


def test_a_token_for_another_story_is_404(client, desk, draft):
    """A preview token made for another story is 404."""
    other = desk.story(status=Status.DRAFT)
    token = preview.make_token(other)
    url = reverse("articles:preview", kwargs={"pk": draft.pk, "token": token})
    assert client.get(url).status_code == 404


def test_links_expire_after_48_hours(client, draft):
    """A share link works after 47 hours and is 404 after 49."""
    url = preview.share_url(draft)
    with time_machine.travel(timezone.now() + timedelta(hours=47)):
        assert client.get(url).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        assert client.get(url).status_code == 404


def test_staff_preview_button_renders_the_draft(client, desk, draft):
    """Staff preview takes the draft's writer to its signed preview, shown
    uncached; another writer gets 404 and no link."""
    client.force_login(desk.writer)
    url = reverse("admin:articles_article_preview", args=[draft.pk])
    # The link carries the second it was signed: hold the clock still.
    with time_machine.travel(timezone.now(), tick=False):
        response = client.get(url, follow=True)
        assert response.redirect_chain == [(preview.share_url(draft), 302)]
    assert response.status_code == 200
    assert "Embargoed budget story" in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    client.force_login(desk.writer2)
    response = client.get(reverse("admin:articles_article_preview", args=[draft.pk]))
    assert response.status_code == 404
