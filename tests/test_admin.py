"""Writing in the real admin, through the test client."""

import re

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import (
    inline,
    make_article,
    make_author,
    make_photo,
    make_section,
    make_user,
    story_post,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = make_user("editor", role="Editor")
    client.force_login(user)
    return user


def test_writer_adds_a_story_with_bylines_citations_tags_and_photo(client):
    """A writer's new story is a draft with ordered bylines, tags, photo and source."""
    writer = make_user("writer", role="Writer")
    client.force_login(writer)
    section, photo = make_section(), make_photo()
    first, second = make_author(), make_author()
    data = story_post(
        section=str(section.pk),
        lead_photo=str(photo.pk),
        **inline(
            "bylines",
            [
                {"author": str(second.pk), "position": "0"},
                {"author": str(first.pk), "position": "1"},
            ],
        ),
        **inline(
            "citations",
            [
                {
                    "position": "0",
                    "publisher": "U.S. Department of State",
                    "title": "Travel",
                    "url": "https://www.state.gov/",
                    "published_on": "2024-04-25",
                }
            ],
        ),
    )
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.context["adminform"].errors
    story = Article.objects.get(slug="harbour-reopens")
    assert story.status == Article.Status.DRAFT
    assert story.created_by == writer
    assert story.authors_in_order == [second, first]
    assert sorted(story.tags.names()) == ["ports", "weather"]
    assert story.lead_photo == photo
    assert story.citations.get().publisher == "U.S. Department of State"


def test_editor_changes_a_story_and_its_inlines(client, editor):
    """An editor's change-form post saves the new headline and tags."""
    story = make_article(headline="Old headline")
    byline = story.bylines.get()
    data = story_post(
        headline="New headline",
        slug=story.slug,
        section=str(story.section_id),
        **inline(
            "bylines",
            [{"id": str(byline.pk), "author": str(byline.author_id), "position": "0"}],
            initial=1,
        ),
        base_version=str(story.version),
    )
    url = reverse("admin:articles_article_change", args=[story.pk])
    response = client.post(url, data)
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "New headline"
    assert sorted(story.tags.names()) == ["ports", "weather"]


def test_crafted_post_body_is_sanitized(client, editor):
    """Body HTML loses scripts, handlers, iframes, styles, images; https links stay."""
    hostile = (
        '<p>Hi<script>alert(1)</script><img src=x onerror="alert(2)">'
        '<a href="javascript:alert(3)">bad</a> <a href="https://ok.example/">ok</a>'
        '<iframe src="https://evil.example"></iframe><p style="color:red">x</p></p>'
    )
    response = client.post(
        reverse("admin:articles_article_add"), story_post(body=hostile)
    )
    assert response.status_code == 302
    body = Article.objects.get(slug="harbour-reopens").body
    for forbidden in ["<script", "onerror", "javascript:", "<iframe", "style=", "<img"]:
        assert forbidden not in body
    assert '<a href="https://ok.example/">ok</a>' in body


def test_status_cannot_be_set_through_the_form(client, editor):
    """Posting status=published on the add form still saves a draft."""
    client.post(reverse("admin:articles_article_add"), story_post(status="published"))
    assert Article.objects.get(slug="harbour-reopens").status == Article.Status.DRAFT


def test_changelist_filters_and_search(client, editor):
    """The changelist searches headlines and filters by section and by status."""
    section = make_section(name="Business", slug="business")
    make_article(headline="Bank merger talks", section=section, tags=["banks"])
    make_article(headline="Rain expected")
    url = reverse("admin:articles_article_changelist")
    assert client.get(url + "?q=merger").context["cl"].result_count == 1
    assert (
        client.get(url + f"?section__id__exact={section.pk}").context["cl"].result_count
        == 1
    )
    assert client.get(url + "?status__exact=published").context["cl"].result_count == 2
    html = client.get(url).content.decode()
    assert "Bank merger talks" in html and "Rain expected" in html


def test_changelist_filters_by_author_and_tag(client, editor):
    """The changelist filters by author and by tag, and links each choice."""
    author = make_author()
    make_article(authors=[author], tags=["banks"])
    make_article(tags=["rain"])
    url = reverse("admin:articles_article_changelist")
    response = client.get(url + f"?author={author.slug}")
    assert response.context["cl"].result_count == 1
    response = client.get(url + "?tag=banks")
    assert response.context["cl"].result_count == 1
    html = response.content.decode()
    assert "?tag=rain" in html and f"?author={author.slug}" in html


def test_tag_suggestions_for_staff_only(client, editor):
    """Staff get sorted matching tag suggestions; a logged-out user is redirected."""
    make_article(tags=["diplomacy", "diet", "sport"])
    url = reverse("admin:articles_article_tag_suggestions")
    assert client.get(url, {"q": "di"}).json() == {"tags": ["diet", "diplomacy"]}
    client.logout()
    assert client.get(url, {"q": "di"}).status_code == 302


def test_change_form_uses_local_prose_editor_assets(client, editor):
    """The add form loads the prose editor and references no CDN."""
    html = client.get(reverse("admin:articles_article_add")).content.decode()
    assert "django_prose_editor" in html
    # Every script, stylesheet and module the page loads is ours: a nonce or
    # token may spell "cdn" by chance, an address may not.
    loaded = re.findall(r'(?:src|href)="([^"]+\.(?:js|mjs|css)[^"]*)"', html)
    assert loaded and all(url.startswith("/static/") for url in loaded), loaded
    assert "cdn." not in html.lower()


def test_add_pages_of_the_library_open(client, editor):
    """Photo, author, section and top story add and list pages open for an editor."""
    for model in ["photo", "author", "section", "topstory"]:
        assert client.get(reverse(f"admin:articles_{model}_add")).status_code == 200
        assert (
            client.get(reverse(f"admin:articles_{model}_changelist")).status_code == 200
        )
