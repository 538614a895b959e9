"""One rule decides what readers see: Article.objects.live()."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author, LiveUpdate, RelatedStory
from tests.factories import make_article, make_author, make_section, make_top_story

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)


def hidden_stories(section, author):
    """One story in each state a reader must never see, with a unique token."""
    now = timezone.now()
    states = {
        "DRAFTTOKEN": {"status": Article.Status.DRAFT, "publish_at": None},
        "REVIEWTOKEN": {"status": Article.Status.IN_REVIEW, "publish_at": None},
        "SCHEDULEDTOKEN": {
            "status": Article.Status.PUBLISHED,
            "publish_at": now + HOUR,
        },
        "EXPIREDTOKEN": {
            "status": Article.Status.PUBLISHED,
            "publish_at": now - 5 * HOUR,
            "unpublish_at": now - HOUR,
        },
        "WITHDRAWNTOKEN": {
            "status": Article.Status.WITHDRAWN,
            "publish_at": now - 5 * HOUR,
        },
    }
    stories = []
    for token, fields in states.items():
        stories.append(
            make_article(
                headline=f"Story {token}",
                dek=f"dek {token}",
                body=f"<p>body {token}</p>",
                slug=token.lower(),
                section=section,
                authors=[author],
                tags=["shared", token.lower()],
                live=False,
                **fields,
            )
        )
        make_top_story(stories[-1], position=0)
    return list(states), stories


def test_live_selects_only_published_stories_whose_time_has_come():
    """live() holds only published stories past publish_at and before unpublish_at."""
    section, author = make_section(), make_author()
    _, hidden = hidden_stories(section, author)
    visible = make_article(section=section, authors=[author])
    ending_later = make_article(unpublish_at=timezone.now() + HOUR)

    assert set(Article.objects.live()) == {visible, ending_later}
    assert all(not story.is_live for story in hidden)
    assert visible.is_live and ending_later.is_live


def test_scheduled_story_goes_live_at_its_time_without_any_job():
    """A scheduled story is live once its publish time passes, with no job run."""
    story = make_article(live=False, status=Article.Status.PUBLISHED)
    story.publish_at = timezone.now() + HOUR
    story.save()
    assert story not in Article.objects.live()
    assert story in Article.objects.live(now=timezone.now() + 2 * HOUR)


def test_unpublish_at_takes_a_story_down_at_its_time():
    """A story leaves live() once its unpublish time passes."""
    story = make_article(unpublish_at=timezone.now() + HOUR)
    assert story in Article.objects.live()
    assert story not in Article.objects.live(now=timezone.now() + 2 * HOUR)


def test_no_hidden_story_appears_on_any_public_page(client):
    """Pages, feeds, sitemaps, search and the JSON-LD inside pages."""
    section, author = make_section(slug="desk"), make_author(slug="writer-one")
    tokens, hidden = hidden_stories(section, author)
    visible = make_article(section=section, authors=[author], tags=["shared"])
    visible.credits.create(role="photos", author=author)
    for position, story in enumerate(hidden):
        # Chosen as related, credited: still never shown.
        RelatedStory.objects.create(article=visible, related=story, position=position)
        story.credits.create(role="photos", author=author)

    pages = [
        reverse("articles:home"),
        reverse("articles:list"),
        reverse("articles:list") + "?tag=shared",
        reverse("articles:list") + "?section=desk&author=writer-one",
        reverse("articles:tag", args=["shared"]),
        reverse("articles:authors"),
        reverse("articles:author", args=["writer-one"]),
        reverse("articles:author", args=["writer-one"]) + "?role=photos",
        visible.get_absolute_url(),
        f"/fragments/related-{visible.pk}/",
        *[f"/fragments/related-{story.pk}/" for story in hidden],
        reverse("articles:section", args=["desk"]),
        "/feeds/",
        "/feeds/atom/",
        "/feeds/top/",
        "/feeds/top/atom/",
        "/feeds/tags/shared/",
        "/feeds/tags/shared/atom/",
        "/feeds/authors/writer-one/",
        "/feeds/authors/writer-one/atom/",
        "/feeds/sections/desk/",
        "/feeds/sections/desk/atom/",
        "/sitemap.xml",
        "/sitemap-stories.xml",
        "/sitemap-tags.xml",
        "/sitemap-authors.xml",
        "/sitemap-sections.xml",
        "/news-sitemap.xml",
        "/robots.txt",
        *[f"/search/?q={token}" for token in tokens],
        "/search/?q=story",
        # The read API, in JSON and ninjs, and its oEmbed.
        "/api/v1/stories/",
        "/api/v1/stories/?tag=shared",
        "/api/v1/stories/?section=desk&author=writer-one",
        f"/api/v1/stories/{visible.slug}/",
        f"/api/v1/stories/{visible.slug}/ninjs/",
        "/api/v1/tags/",
        "/api/v1/authors/",
        "/api/v1/sections/",
        f"/api/v1/oembed/?url=http://testserver{visible.get_absolute_url()}",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        if url.startswith("/search/"):
            # The page repeats the reader's own query; no result may be hidden.
            assert not set(response.context["articles"]) & set(hidden), url
            html = html.replace(url.split("=", 1)[1], "")
        for token in tokens:
            assert token not in html, (token, url)
            assert token.lower() not in html, (token, url)
    for story in hidden:
        # A hidden live story's updates, JSON and permalinks are hidden too.
        Article.objects.filter(pk=story.pk).update(live_coverage=True)
        update = LiveUpdate.objects.create(article=story, body="<p>UPDATETOKEN</p>")
        for url in [
            reverse("articles:live-updates", args=[story.slug]),
            reverse("articles:live-update", args=[update.pk]),
        ]:
            response = client.get(url)
            assert response.status_code == 404, url
            assert "UPDATETOKEN" not in response.content.decode()
        for url in [
            f"/api/v1/stories/{story.slug}/",
            f"/api/v1/stories/{story.slug}/ninjs/",
            f"/api/v1/oembed/?url=http://testserver{story.get_absolute_url()}",
            f"/api/v1/stories/?tag={story.slug}",
        ]:
            response = client.get(url)
            assert response.status_code == 404, url
            assert story.slug.upper() not in response.content.decode(), url
        response = client.get(story.get_absolute_url())
        assert response.status_code in (404, 410)
        assert story.headline not in response.content.decode()
        for tag in story.tags.exclude(name="shared"):
            assert (
                client.get(reverse("articles:tag", args=[tag.slug])).status_code == 404
            )


def test_author_story_count_counts_live_stories_only(client):
    """The authors page counts only each author's live stories."""
    section, author = make_section(), make_author(name="Counted Writer")
    hidden_stories(section, author)
    make_article(section=section, authors=[author])
    response = client.get(reverse("articles:authors"))
    counted = next(a for a in response.context["authors"] if a.pk == author.pk)
    assert counted.story_count == 1


def test_a_tag_only_drafts_use_is_unknown_to_readers(client):
    """Filtering by a tag only drafts use is a 404, as if the tag did not exist."""
    make_article(tags=["project-falcon"], live=False, status=Article.Status.DRAFT)
    make_article(tags=["public"])
    response = client.get(reverse("articles:list") + "?tag=project-falcon")
    assert response.status_code == 404
    assert "project-falcon" not in response.content.decode().replace(
        "No tag named “project-falcon”", ""
    )
    assert client.get(reverse("articles:list") + "?tag=public").status_code == 200


def test_author_counts_are_read_from_each_authors_bylines():
    """The authors page's counts start from each author's bylines (their
    index) and check each story by its key: never a walk of every live
    story per author (34 s a page at 100,000 stories, before)."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan (the PostgreSQL bench measures its own)")
    make_article(authors=[make_author(name="Planned Writer")])
    sql, params = Author.objects.with_live_story_counts().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " / ".join(row[-1] for row in cursor.fetchall())
    assert "byline_author_order_idx" in plan, plan
    assert "article_live_idx" not in plan, plan
