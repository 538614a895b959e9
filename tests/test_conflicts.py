"""No lost updates: the second of two editors to save is stopped, not silenced."""

import pytest
from django.test import Client
from django.urls import reverse

from articles import actions
from articles.models import Article
from tests.factories import story_post

Status = Article.Status


def form_version(client, story):
    response = client.get(reverse("admin:articles_article_change", args=[story.pk]))
    return response.context["adminform"].form["base_version"].value()


def test_second_save_gets_a_conflict_and_keeps_its_input(desk):
    """A save from a stale version is refused, says who changed what, keeps input."""
    story = desk.story(status=Status.DRAFT, headline="Original headline")
    first, second = Client(), Client()
    first.force_login(desk.writer)
    second.force_login(desk.editor)
    first_version = form_version(first, story)
    second_version = form_version(second, story)
    url = reverse("admin:articles_article_change", args=[story.pk])
    common = {"slug": story.slug, "section": str(story.section_id)}

    saved = first.post(
        url,
        story_post(headline="Writer's headline", base_version=first_version, **common),
    )
    assert saved.status_code == 302
    refused = second.post(
        url,
        story_post(
            headline="Editor's headline",
            dek="Editor's dek",
            base_version=second_version,
            **common,
        ),
    )

    assert refused.status_code == 200
    html = refused.content.decode()
    assert "writer saved this story at" in html
    assert "(changed: Headline" in html
    assert 'value="Editor&#x27;s headline"' in html  # their input is still there
    story.refresh_from_db()
    assert story.headline == "Writer's headline"  # the first save is intact
    assert story.dek != "Editor's dek"


def test_saving_again_after_the_warning_goes_through(desk):
    """Saving again with the version from the conflict form goes through."""
    story = desk.story(status=Status.DRAFT)
    client = Client()
    client.force_login(desk.editor)
    stale = form_version(client, story)
    actions.Submit(story).execute(by=desk.writer)  # bumps the version
    url = reverse("admin:articles_article_change", args=[story.pk])
    data = story_post(headline="Edited", slug=story.slug, base_version=stale)
    refused = client.post(url, data)
    assert refused.status_code == 200
    fresh = refused.context["adminform"].form["base_version"].value()
    data["base_version"] = fresh
    assert client.post(url, data).status_code == 302
    story.refresh_from_db()
    assert story.headline == "Edited"


def test_version_check_is_in_the_update_itself(desk):
    """Two saves from the same version: the UPDATE lets exactly one through."""
    story = desk.story(status=Status.DRAFT)
    base = story.version
    first = Article.objects.get(pk=story.pk)
    second = Article.objects.get(pk=story.pk)
    first.headline, second.headline = "First", "Second"
    actions.SaveEdit(first, base_version=base).execute(by=desk.writer)
    with pytest.raises(actions.ConcurrentEdit):
        actions.SaveEdit(second, base_version=base).execute(by=desk.editor)
    story.refresh_from_db()
    assert story.headline == "First"
    assert story.version == base + 1


def test_a_missing_version_is_treated_as_a_conflict(client, desk):
    """A change post without a base version is refused and changes nothing."""
    story = desk.story(status=Status.DRAFT, headline="Kept")
    client.force_login(desk.editor)
    url = reverse("admin:articles_article_change", args=[story.pk])
    response = client.post(url, story_post(headline="Blind", slug=story.slug))
    assert response.status_code == 200
    story.refresh_from_db()
    assert story.headline == "Kept"


def test_change_form_says_who_else_has_the_story_open(desk):
    """The change form names another user who has the story open."""
    story = desk.story(status=Status.DRAFT)
    writer, editor = Client(), Client()
    writer.force_login(desk.writer)
    editor.force_login(desk.editor)
    url = reverse("admin:articles_article_change", args=[story.pk])
    first = writer.get(url).content.decode()
    assert "Also open by" not in first
    assert "Also open by writer" in editor.get(url).content.decode()
