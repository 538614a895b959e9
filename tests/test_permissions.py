"""Who may do what, proven through the real admin with crafted requests.

The matrix: anonymous, a writer on their own story, a writer on another's,
an editor and a superuser, against viewing, changing and every transition.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import story_post

Status = Article.Status

#: The state a story must be in for each action to make sense.
START = {
    "view": Status.DRAFT,
    "change": Status.DRAFT,
    "submit": Status.DRAFT,
    "send_back": Status.IN_REVIEW,
    "publish": Status.IN_REVIEW,
    "schedule": Status.IN_REVIEW,
    "withdraw": Status.PUBLISHED,
    "restore_to_draft": Status.WITHDRAWN,
}
TARGET = {
    "submit": Status.IN_REVIEW,
    "send_back": Status.DRAFT,
    "publish": Status.PUBLISHED,
    "schedule": Status.PUBLISHED,
    "withdraw": Status.WITHDRAWN,
    "restore_to_draft": Status.DRAFT,
}
ALLOWED = {
    "anonymous": set(),
    "writer_own": {"view", "change", "submit"},
    "writer_other": set(),
    "editor": set(START),
    "admin": set(START),
}
MATRIX = [(actor, action) for actor in ALLOWED for action in START]


def act(client, story, action):
    change_url = reverse("admin:articles_article_change", args=[story.pk])
    if action == "view":
        return client.get(change_url)
    if action == "change":
        data = story_post(
            headline="Changed headline",
            slug=story.slug,
            section=str(story.section_id),
            base_version=str(story.version),
        )
        return client.post(change_url, data)
    url = reverse("admin:articles_article_transition", args=[story.pk, action])
    later = timezone.localtime() + timedelta(days=1)
    return client.post(
        url,
        {"note": "Tighten the lede.", "publish_at": later.strftime("%Y-%m-%dT%H:%M")},
    )


@pytest.mark.parametrize(("actor", "action"), MATRIX)
def test_permission_matrix(client, desk, actor, action):
    """Each actor may do exactly its ALLOWED actions; a refusal changes nothing."""
    status = START[action]
    publish_at = timezone.now() - timedelta(hours=1) if status != Status.DRAFT else None
    story = desk.story(owner=desk.writer, status=status, publish_at=publish_at)
    if status in (Status.PUBLISHED, Status.WITHDRAWN):
        story.publish_at = timezone.now() - timedelta(hours=1)
        story.save()
    if actor != "anonymous":
        user = {
            "writer_own": desk.writer,
            "writer_other": desk.writer2,
            "editor": desk.editor,
            "admin": desk.admin,
        }[actor]
        client.force_login(user)
    before = Article.objects.values().get(pk=story.pk)

    response = act(client, story, action)
    after = Article.objects.values().get(pk=story.pk)

    allowed = action in ALLOWED[actor]
    if not allowed:
        assert after == before, "a refused request changed the story"
        if actor == "anonymous":
            assert response.status_code == 302
            assert reverse("admin:login") in response["Location"]
        else:
            assert response.status_code in (403, 404)
        return
    if action == "view":
        assert response.status_code == 200
        assert story.headline in response.content.decode()
    elif action == "change":
        assert response.status_code == 302
        assert after["headline"] == "Changed headline"
    else:
        assert response.status_code == 302
        assert after["status"] == TARGET[action]
        assert story.revisions.filter(to_status=TARGET[action]).exists()


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:articles_article_changelist",
        "admin:articles_article_add",
        "admin:articles_article_tag_suggestions",
        "admin:articles_photo_changelist",
        "admin:index",
    ],
)
def test_anonymous_users_reach_no_admin_data(client, desk, url_name):
    """Anonymous requests for admin pages are redirected to the login page."""
    desk.story(headline="Secret draft headline")
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_anonymous_cannot_preview_or_comment_through_admin(client, desk):
    """Anonymous users are redirected from admin preview, notes and history."""
    story = desk.story(headline="Secret draft headline")
    for name, method in [("preview", "get"), ("add_note", "post"), ("history", "get")]:
        url = reverse(f"admin:articles_article_{name}", args=[story.pk])
        response = getattr(client, method)(url, {"text": "hi"})
        assert response.status_code == 302, name
        assert "Secret draft headline" not in response.content.decode()
    assert not story.notes.exists()
