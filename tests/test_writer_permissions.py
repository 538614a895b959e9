"""What a writer may not do, proven through the real admin with crafted
requests: publish by posting, bulk actions, others' stories and bylines,
submitted stories, photos in use, and the top story and tag lists."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import inline, story_post

Status = Article.Status


@pytest.fixture
def writer_client(client, desk):
    client.force_login(desk.writer)
    return client


def test_writer_cannot_publish_by_posting_status_or_publish_at(writer_client, desk):
    """A writer cannot publish by posting status, publish_at or other dates."""
    story = desk.story(status=Status.DRAFT)
    data = story_post(
        slug=story.slug,
        section=str(story.section_id),
        base_version=str(story.version),
        status="published",
        publish_at_0="2020-01-01",
        publish_at_1="10:00",
        unpublish_at_0="2030-01-01",
        unpublish_at_1="10:00",
        first_published_at="2020-01-01 10:00",
    )
    url = reverse("admin:articles_article_change", args=[story.pk])
    assert writer_client.post(url, data).status_code == 302
    story.refresh_from_db()
    assert story.status == Status.DRAFT
    assert story.publish_at is None and story.unpublish_at is None
    assert story.first_published_at is None
    assert not Article.objects.live().filter(pk=story.pk).exists()


@pytest.mark.parametrize("action", ["publish_selected", "delete_selected"])
def test_writer_bulk_actions_change_nothing(writer_client, desk, action):
    """A writer's bulk publish or delete changes no story, their own included."""
    own = desk.story(status=Status.DRAFT)
    other = desk.story(owner=desk.writer2, status=Status.IN_REVIEW)
    before = list(Article.objects.order_by("pk").values())
    writer_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": action, "_selected_action": [own.pk, other.pk], "post": "yes"},
    )
    assert list(Article.objects.order_by("pk").values()) == before


def test_editor_bulk_publish_checks_each_story(client, desk):
    """Bulk publish publishes complete stories and leaves an untagged one in review."""
    client.force_login(desk.editor)
    ready = desk.story(status=Status.IN_REVIEW)
    incomplete = desk.story(status=Status.IN_REVIEW, tags=())
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [ready.pk, incomplete.pk]},
        follow=True,
    )
    ready.refresh_from_db()
    incomplete.refresh_from_db()
    assert ready.is_live
    assert incomplete.status == Status.IN_REVIEW
    assert "add at least one tag" in response.content.decode()


def test_writer_cannot_open_or_change_another_writers_story(writer_client, desk):
    """Another writer's story is 404 to a writer, unchanged by posts, and unlisted."""
    other = desk.story(owner=desk.writer2, status=Status.DRAFT)
    url = reverse("admin:articles_article_change", args=[other.pk])
    assert writer_client.get(url).status_code == 404
    before = Article.objects.values().get(pk=other.pk)
    data = story_post(
        headline="Hijacked",
        slug=other.slug,
        base_version=str(other.version),
        **inline("bylines", [{"author": str(desk.writer_author.pk), "position": "0"}]),
    )
    assert writer_client.post(url, data).status_code == 404
    assert Article.objects.values().get(pk=other.pk) == before
    assert list(other.authors_in_order) == [desk.writer2_author]
    changelist = writer_client.get(reverse("admin:articles_article_changelist"))
    assert other.headline not in changelist.content.decode()


def test_writer_cannot_edit_after_submitting(writer_client, desk):
    """A writer's submitted story is read-only to them: no form, and a post is 403."""
    story = desk.story(status=Status.DRAFT)
    assert (
        writer_client.post(
            reverse("admin:articles_article_transition", args=[story.pk, "submit"])
        ).status_code
        == 302
    )
    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW
    url = reverse("admin:articles_article_change", args=[story.pk])
    response = writer_client.get(url)
    assert response.status_code == 200  # still readable
    assert 'name="headline"' not in response.content.decode()
    data = story_post(slug=story.slug, base_version=str(story.version))
    assert writer_client.post(url, data).status_code == 403
    story.refresh_from_db()
    assert story.headline != "Harbour reopens after storm"


def test_writer_cannot_add_their_byline_to_someone_elses_story(writer_client, desk):
    """A writer cannot put their byline on another writer's story."""
    other = desk.story(owner=desk.writer2, status=Status.DRAFT)
    byline = other.bylines.get()
    data = story_post(
        headline=other.headline,
        slug=other.slug,
        base_version=str(other.version),
        **inline(
            "bylines",
            [
                {
                    "id": str(byline.pk),
                    "author": str(desk.writer_author.pk),
                    "position": "0",
                },
            ],
            initial=1,
        ),
    )
    url = reverse("admin:articles_article_change", args=[other.pk])
    assert writer_client.post(url, data).status_code == 404
    assert other.authors_in_order == [desk.writer2_author]


def test_writer_sees_stories_they_are_bylined_on(writer_client, desk):
    """A writer can open another writer's story that carries their byline."""
    shared = desk.story(owner=desk.writer2, status=Status.DRAFT)
    shared.bylines.create(author=desk.writer_author, position=1)
    url = reverse("admin:articles_article_change", args=[shared.pk])
    assert writer_client.get(url).status_code == 200


def test_writer_cannot_set_unpublish_time(writer_client, desk):
    """A writer's change form has no unpublish time field."""
    story = desk.story(status=Status.DRAFT)
    response = writer_client.get(
        reverse("admin:articles_article_change", args=[story.pk])
    )
    assert 'name="unpublish_at_0"' not in response.content.decode()


def test_writer_cannot_change_a_photo_used_by_a_live_story(client, desk):
    """Writers cannot change a photo a live story uses, only their own unused ones."""
    from articles import actions
    from tests.factories import make_photo

    photo = make_photo(uploaded_by=desk.writer, caption="Original caption")
    story = desk.story(status=Status.IN_REVIEW, lead_photo=photo)
    actions.Publish(story).execute(by=desk.editor)
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    for user in [desk.writer, desk.writer2]:
        client.force_login(user)
        client.post(url, {"alt_text": "x", "caption": "DEFACED", "credit": "x"})
        photo.refresh_from_db()
        assert photo.caption == "Original caption"
    own = make_photo(uploaded_by=desk.writer2, caption="Mine")
    client.force_login(desk.writer2)
    response = client.post(
        reverse("admin:articles_photo_change", args=[own.pk]),
        {"alt_text": "Alt", "caption": "Better caption", "credit": "Me"},
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.caption == "Better caption"


def test_view_on_site_shortcut_reveals_nothing_to_others(client, desk):
    """View on site is 404 to another writer and redirects for the story's writer."""
    from django.contrib.contenttypes.models import ContentType

    secret = desk.story(owner=desk.writer2, slug="secret-merger")
    content_type = ContentType.objects.get_for_model(Article)
    client.force_login(desk.writer)
    url = reverse("admin:view_on_site", args=[content_type.pk, secret.pk])
    response = client.get(url)
    assert response.status_code == 404
    assert "secret-merger" not in response.get("Location", "")
    client.force_login(desk.writer2)
    assert client.get(url).status_code == 302


def test_writers_cannot_list_top_stories_or_tags(client, desk):
    """Writers are refused the top story and tag lists and tag autocomplete."""
    from tests.factories import make_top_story

    make_top_story(desk.story(owner=desk.editor, headline="Scheduled secret"))
    client.force_login(desk.writer)
    assert client.get(reverse("admin:articles_topstory_changelist")).status_code == 403
    assert client.get(reverse("admin:taggit_tag_changelist")).status_code == 403
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "article", "field_name": "tags"},
    )
    assert response.status_code == 403


def test_tag_suggestions_hide_tags_of_other_writers_drafts(client, desk):
    """Tag suggestions hide tags of other writers' drafts; an editor sees all."""
    desk.story(owner=desk.writer2, tags=["project-falcon"])
    desk.story(owner=desk.writer, tags=["project-fox"])
    client.force_login(desk.writer)
    url = reverse("admin:articles_article_tag_suggestions")
    assert client.get(url, {"q": "project"}).json() == {"tags": ["project-fox"]}
    client.force_login(desk.editor)
    names = client.get(url, {"q": "project"}).json()["tags"]
    assert names == ["project-falcon", "project-fox"]
    assert client.get(url, {"q": "\x00"}).status_code == 200
