"""Tags, authors, sections and photos change through actions in the admin:
search, tag pages, feeds and old addresses follow at once."""

import feedparser
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from taggit.models import Tag

from articles import actions
from articles.models import Article, TaggedArticle
from tests.factories import make_article, make_author, search_results

pytestmark = pytest.mark.django_db


def tag_page(client, slug):
    return client.get(reverse("articles:tag", args=[slug]))


def feed_titles(client, slug):
    response = client.get(reverse("articles:feed-tag", args=[slug]))
    assert response.status_code == 200
    return [entry.title for entry in feedparser.parse(response.content).entries]


def rename_in_admin(client, tag, name, slug):
    url = reverse("admin:taggit_tag_change", args=[tag.pk])
    return client.post(url, {"name": name, "slug": slug})


def test_a_renamed_tag_is_found_by_its_new_name_everywhere(client, desk):
    """Search, the tag's new page and its feed show the story at once; the old
    page and feed answer 301 to the new ones."""
    story = make_article(headline="Ferries return", tags=["harbour"])
    tag = Tag.objects.get(name="harbour")
    client.force_login(desk.editor)

    response = rename_in_admin(client, tag, "Port of Ellery", "port-of-ellery")

    assert response.status_code == 302
    client.logout()
    assert search_results(client, "ellery")[1] == [story]
    assert search_results(client, "harbour")[1] == []
    page = tag_page(client, "port-of-ellery")
    assert page.status_code == 200 and "Ferries return" in page.content.decode()
    assert feed_titles(client, "port-of-ellery") == ["Ferries return"]
    old = tag_page(client, "harbour")
    assert old.status_code == 301
    assert old["Location"] == reverse("articles:tag", args=["port-of-ellery"])
    old_feed = client.get(reverse("articles:feed-tag-atom", args=["harbour"]))
    assert old_feed.status_code == 301
    assert old_feed["Location"] == reverse(
        "articles:feed-tag-atom", args=["port-of-ellery"]
    )


def test_renaming_onto_an_existing_tag_is_refused_with_a_message(client, desk):
    make_article(tags=["harbour", "port"])
    tag = Tag.objects.get(name="harbour")
    client.force_login(desk.editor)

    response = rename_in_admin(client, tag, "Port", "port-2")

    assert response.status_code == 200  # the form again, explaining
    assert "merge the two instead" in response.content.decode()
    tag.refresh_from_db()
    assert tag.name == "harbour"


def test_merging_tags_moves_their_stories_and_redirects_their_pages(client, desk):
    only_old = make_article(headline="Only old", tags=["ferries"])
    both = make_article(headline="Both", tags=["ferries", "ferry"])
    kept = make_article(headline="Kept", tags=["ferry"])
    ferries, ferry = Tag.objects.get(name="ferries"), Tag.objects.get(name="ferry")
    client.force_login(desk.editor)
    changelist = reverse("admin:taggit_tag_changelist")
    selected = {"action": "merge_selected", "_selected_action": [ferries.pk, ferry.pk]}

    asked = client.post(changelist, selected)
    assert asked.status_code == 200 and "Keep which tag?" in asked.content.decode()
    done = client.post(changelist, {**selected, "into": ferry.pk})

    assert done.status_code == 302
    assert not Tag.objects.filter(name="ferries").exists()
    for story in [only_old, both, kept]:
        assert list(story.tags.names()) == ["ferry"]
    assert TaggedArticle.objects.filter(tag=ferry).count() == 3
    client.logout()
    assert tag_page(client, "ferries")["Location"] == reverse(
        "articles:tag", args=["ferry"]
    )
    assert {s.headline for s in search_results(client, "ferry")[1]} == {
        "Only old",
        "Both",
        "Kept",
    }


def test_a_deleted_tag_leaves_its_stories_and_answers_404(client, desk):
    story = make_article(headline="Ferries return", tags=["harbour", "weather"])
    tag = Tag.objects.get(name="harbour")
    actions.SaveTag(tag, name="harbour-news").execute(by=desk.editor)
    client.force_login(desk.editor)
    url = reverse("admin:taggit_tag_delete", args=[tag.pk])

    assert client.post(url, {"post": "yes"}).status_code == 302

    assert list(story.tags.names()) == ["weather"]
    client.logout()
    assert tag_page(client, "harbour-news").status_code == 404
    assert tag_page(client, "harbour").status_code == 404  # its redirect went too
    assert search_results(client, "harbour")[1] == []
    assert search_results(client, "weather")[1] == [story]


def test_writers_cannot_rename_merge_or_delete_tags(client, desk):
    make_article(tags=["harbour", "port"])
    harbour, port = Tag.objects.get(name="harbour"), Tag.objects.get(name="port")
    client.force_login(desk.writer)

    rename_in_admin(client, harbour, "Defaced", "defaced")
    client.post(
        reverse("admin:taggit_tag_changelist"),
        {"action": "merge_selected", "_selected_action": [harbour.pk, port.pk]},
    )
    client.post(reverse("admin:taggit_tag_delete", args=[port.pk]), {"post": "yes"})

    assert set(Tag.objects.values_list("name", flat=True)) == {"harbour", "port"}
    with pytest.raises(PermissionDenied):
        actions.SaveTag(harbour, name="Defaced").execute(by=desk.writer)


def test_a_renamed_author_is_found_by_the_new_name(client, desk):
    author = make_author(name="Olga Nesterova", slug="olga")
    story = make_article(authors=[author])
    client.force_login(desk.editor)
    url = reverse("admin:articles_author_change", args=[author.pk])

    response = client.post(url, {"name": "Olga Petrova", "slug": "olga"})

    assert response.status_code == 302
    client.logout()
    assert search_results(client, "petrova")[1] == [story]
    assert search_results(client, "nesterova")[1] == []


def test_a_deleted_story_leaves_search_and_its_page(client, desk):
    story = make_article(headline="Lithium boom")
    client.force_login(desk.editor)
    url = reverse("admin:articles_article_delete", args=[story.pk])

    assert client.post(url, {"post": "yes"}).status_code == 302

    assert not Article.objects.filter(pk=story.pk).exists()
    client.logout()
    assert search_results(client, "lithium")[1] == []


@pytest.mark.django_db(transaction=True)
def test_editors_curate_top_stories_in_the_admin_and_readers_see_it_at_once(
    client, desk, settings
):
    """A slot added in the admin leads the front page on the next (cached)
    read; a writer's crafted POST adds nothing."""
    settings.NEWSROOM_PAGE_CACHE = True
    make_article(headline="Newer story")  # factories date later ones earlier
    older = make_article(headline="Older but important")
    assert client.get("/").context["top_stories"][0].pk != older.pk
    url = reverse("admin:articles_topstory_add")
    data = {"article": str(older.pk), "position": "0"}
    staff = type(client)()

    staff.force_login(desk.writer)
    assert staff.post(url, data).status_code == 403
    staff.force_login(desk.editor)
    assert staff.post(url, data).status_code == 302

    assert client.get("/").context["top_stories"][0].pk == older.pk


@pytest.mark.django_db(transaction=True)
def test_a_deleted_photo_leaves_its_stories_at_once(client, desk, settings):
    """Deleting a lead photo in the admin takes it off the (cached) story page."""
    from tests.factories import make_photo

    settings.NEWSROOM_PAGE_CACHE = True
    photo = make_photo(caption="Harbour at dawn")
    story = make_article(lead_photo=photo)
    assert "Harbour at dawn" in client.get(story.get_absolute_url()).content.decode()
    staff = type(client)()
    staff.force_login(desk.editor)
    url = reverse("admin:articles_photo_delete", args=[photo.pk])

    assert staff.post(url, {"post": "yes"}).status_code == 302

    assert (
        "Harbour at dawn" not in client.get(story.get_absolute_url()).content.decode()
    )
