"""Anonymous pages come from the shared cache and are never stale."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import actions, preview
from articles.models import Article, Section, TopStory

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE = True


@pytest.fixture
def live(desk):
    story = desk.story(headline="Budget passes", status=Status.IN_REVIEW)
    actions.Publish(story).execute(by=desk.editor)
    return story


def queries(client, url, **headers):
    """The response and the number of queries it ran on content tables (the
    embedded cache's own table does not count)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    content = [q for q in captured if "newsroom_cache" not in q["sql"]]
    return response, len(content)


def test_a_second_anonymous_read_costs_no_query(client, live):
    """A repeat anonymous read touches no content table and keeps the content
    and every header."""
    for url in ["/", "/articles/", live.get_absolute_url(), "/feeds/", "/sitemap.xml"]:
        first, first_count = queries(client, url)
        again, again_count = queries(client, url)
        assert first_count > 0 and again_count == 0, url
        assert again.content == first.content, url
        assert (
            "s-maxage=" in again["Cache-Control"] and "public" in again["Cache-Control"]
        )
        assert "Cookie" in again["Vary"]
        # A hit skips most middleware; the security headers must still be there.
        assert again["X-Frame-Options"] == "DENY"
        assert "default-src 'self'" in again["Content-Security-Policy"]
        assert again["X-Content-Type-Options"] == "nosniff"
        assert again["Content-Type"] == first["Content-Type"]


def seen(client, url, text):
    return text in client.get(url).content.decode()


@pytest.mark.django_db(transaction=True)
def test_publish_and_withdraw_show_on_the_next_read(client, desk, live):
    """Publishing and withdrawing show on the next read; a withdrawn story is 410."""
    story = desk.story(headline="Harbour reopens", status=Status.IN_REVIEW)
    assert not seen(client, "/", "Harbour reopens")
    actions.Publish(story).execute(by=desk.editor)
    assert seen(client, "/", "Harbour reopens")
    assert seen(client, story.get_absolute_url(), "Harbour reopens")
    actions.Withdraw(story).execute(by=desk.editor)
    assert not seen(client, "/", "Harbour reopens")
    assert client.get(story.get_absolute_url()).status_code == 410


@pytest.mark.django_db(transaction=True)
def test_an_edit_of_a_live_story_shows_at_once(client, desk, live):
    """An admin edit of a live story shows on the next anonymous read."""
    from tests.factories import story_post

    assert seen(client, live.get_absolute_url(), "Budget passes")
    staff = type(client)()
    staff.force_login(desk.editor)
    data = story_post(
        headline="Budget passes after all-night vote",
        slug=live.slug,
        section=str(live.section_id),
        base_version=str(Article.objects.get(pk=live.pk).version),
        tags="news",
    )
    url = reverse("admin:articles_article_change", args=[live.pk])
    assert staff.post(url, data).status_code == 302
    assert seen(client, live.get_absolute_url(), "all-night vote")


@pytest.mark.django_db(transaction=True)
def test_a_correction_shows_at_once(client, desk, live):
    """A correction added to a live story shows on the next read."""
    assert not seen(client, live.get_absolute_url(), "misstated")
    actions.AddCorrection(live, kind="correction", text="We misstated it.").execute(
        by=desk.editor
    )
    assert seen(client, live.get_absolute_url(), "misstated")


@pytest.mark.django_db(transaction=True)
def test_top_stories_author_section_and_tag_changes_show_at_once(client, desk, live):
    """Library changes made through their actions reach cached pages at once."""
    old = desk.story(headline="Older story", status=Status.IN_REVIEW)
    actions.Publish(old, at=timezone.now() - timedelta(days=30)).execute(by=desk.editor)
    client.get("/")
    actions.AddTopStory(TopStory(article=old, position=0)).execute(by=desk.editor)
    assert client.get("/").context["top_stories"][0].pk == old.pk

    author = live.authors_in_order[0]
    author.name = "Olga N. Nesterova"
    actions.SaveAuthor(author, changed=["name"]).execute(by=desk.editor)
    assert seen(client, live.get_absolute_url(), "Olga N. Nesterova")

    section = Section.objects.get(pk=live.section_id)
    section.name = "World News"
    actions.SaveSection(section, changed=["name"]).execute(by=desk.editor)
    assert seen(client, "/", "World News")

    actions.SaveTag(live.tags.first(), name="renamed-tag").execute(by=desk.editor)
    assert seen(client, live.get_absolute_url(), "renamed-tag")


def test_a_scheduled_story_appears_at_its_time_even_with_a_cached_page(client, desk):
    """A scheduled story appears at its time though the front page was cached."""
    story = desk.story(headline="Embargo lifts", status=Status.IN_REVIEW)
    at = timezone.now() + timedelta(minutes=5)
    actions.Schedule(story, at=at).execute(by=desk.editor)
    assert not seen(client, "/", "Embargo lifts")  # now cached, ends at `at`
    with time_machine.travel(at + timedelta(seconds=1)):
        assert seen(client, "/", "Embargo lifts")


@pytest.mark.django_db(transaction=True)
def test_a_scheduled_unpublish_ends_the_cached_page_too(client, desk, live):
    """A story leaves the cached front page once its unpublish time passes."""
    assert seen(client, "/", "Budget passes")  # cached with no end in sight
    live.unpublish_at = timezone.now() + timedelta(minutes=5)
    actions.SaveEdit(live, base_version=live.version).execute(by=desk.editor)
    assert seen(client, "/", "Budget passes")
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert not seen(client, "/", "Budget passes")


def test_staff_are_never_served_or_stored(client, desk, live):
    """Staff pages are private: never served from, nor stored in, the shared cache."""
    staff = type(client)()
    staff.force_login(desk.editor)
    first = staff.get("/")
    assert "private" in first["Cache-Control"]
    assert "X-Page-Cache" not in staff.get("/")  # rendered again, not served
    assert client.get("/")["X-Page-Cache"] == "miss"  # the staff visits stored nothing
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_preview_links_are_never_cached(client, desk):
    """Preview links are private and always show the latest draft."""
    draft = desk.story(headline="Secret draft")
    url = preview.share_url(draft)
    first = client.get(url)
    assert "private" in first["Cache-Control"]
    draft.headline = "Secret draft, edited"
    draft.save()
    assert "edited" in client.get(url).content.decode()


def test_etag_and_last_modified_give_304(client, live):
    """A matching If-None-Match or If-Modified-Since gets a 304."""
    first = client.get("/")
    assert first.has_header("ETag") and first.has_header("Last-Modified")
    again = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    since = client.get("/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_cdn_max_age_never_passes_the_next_scheduled_change(client, desk, settings):
    """The CDN s-maxage ends no later than the next scheduled publication."""
    settings.NEWSROOM_CDN_MAX_AGE = 600
    story = desk.story(status=Status.IN_REVIEW)
    actions.Schedule(story, at=timezone.now() + timedelta(seconds=40)).execute(
        by=desk.editor
    )
    cache_control = client.get("/")["Cache-Control"]
    s_maxage = int(cache_control.split("s-maxage=")[1].split(",")[0])
    assert 0 < s_maxage <= 40


@pytest.mark.django_db(transaction=True)
def test_a_filtered_list_is_renewed_by_its_own_stories_only(client, desk):
    """/articles/?tag= stays cached while stories without the tag are
    published, and is renewed as soon as one with it is."""
    tagged = desk.story(status=Status.IN_REVIEW, tags=["harbour"])
    actions.Publish(tagged).execute(by=desk.editor)
    url = "/articles/?tag=harbour"
    assert client.get(url)["X-Page-Cache"] == "miss"
    elsewhere = desk.story(status=Status.IN_REVIEW, tags=["weather"])
    actions.Publish(elsewhere).execute(by=desk.editor)
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert client.get("/articles/")["X-Page-Cache"] == "miss"  # the full list is

    joining = desk.story(status=Status.IN_REVIEW, tags=["harbour"], headline="Pier")
    actions.Publish(joining).execute(by=desk.editor)
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Pier" in response.content.decode()
