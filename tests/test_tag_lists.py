"""The list order kept on the tag and byline rows, and lists narrowed by tags:
a list reads ids, puts stored cards together, and still shows every change
at once."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles import actions
from articles.actions.edits import StoryParts
from articles.models import Article, Byline, TaggedArticle
from tests.factories import make_article, make_author
from tests.list_helpers import listed

pytestmark = pytest.mark.django_db
Status = Article.Status


def test_tag_and_byline_rows_keep_their_story_publish_time(client, desk):
    """Publishing (now or backdated) and scheduling through the actions keep
    each tag and byline row's publish_at equal to its story's, so a tag or
    author list reads newest first from its own index."""
    old, new, backdated, later = (
        desk.story(status=Status.IN_REVIEW, tags=["harbour"]) for _ in range(4)
    )
    actions.Publish(old, at=timezone.now() - timedelta(days=2)).execute(by=desk.editor)
    actions.Publish(new).execute(by=desk.editor)
    actions.Publish(backdated, at=timezone.now() - timedelta(days=3)).execute(
        by=desk.editor
    )
    actions.Schedule(later, at=timezone.now() + timedelta(hours=2)).execute(
        by=desk.editor
    )
    order = [new.pk, old.pk, backdated.pk]
    assert listed(client, "/tags/harbour/")[0] == order
    assert listed(client, f"/authors/{desk.writer_author.slug}/")[0] == order

    for story in (old, new, backdated, later):
        story.refresh_from_db()
        rows = [
            *TaggedArticle.objects.filter(content_object=story),
            *Byline.objects.filter(article=story),
        ]
        assert len(rows) == 2 and {row.publish_at for row in rows} == {story.publish_at}


def test_a_tag_and_byline_added_to_a_live_story_take_its_publish_time(client, desk):
    """An edit that adds a tag and a byline to a published story gives the
    new rows its publish_at, so the story sits in the tag's and the author's
    lists by its own time, under a newer story and over an older one."""
    now = timezone.now()
    newer = make_article(tags=["ferries"], publish_at=now - timedelta(hours=1))
    story = make_article(tags=["boats"], publish_at=now - timedelta(days=1))
    older = make_article(tags=["ferries"], publish_at=now - timedelta(days=2))
    author = make_author(name="Added Later")
    for other in (newer, older):
        Byline.objects.create(article=other, author=author, position=1)
    Article.objects.filter(pk__in=[newer.pk, older.pk]).copy_publish_at()

    bylines = [*story.bylines.values_list("author", flat=True), author.pk]
    parts = StoryParts(bylines=bylines, tags=["boats", "ferries"])
    actions.SaveEdit(story, base_version=story.version, parts=parts).execute(
        by=desk.admin
    )

    order = [newer.pk, story.pk, older.pk]
    assert listed(client, "/tags/ferries/")[0] == order
    assert listed(client, f"/authors/{author.slug}/")[0] == order
    rows = [
        *TaggedArticle.objects.filter(content_object=story),
        *Byline.objects.filter(article=story),
    ]
    assert len(rows) == 4 and {row.publish_at for row in rows} == {story.publish_at}


def test_merged_tags_rows_are_in_list_order(client, desk):
    """Stories moved onto the kept tag by a merge take their place in its
    list by their own publish time."""
    older = make_article(
        tags=["ferries"], publish_at=timezone.now() - timedelta(days=5)
    )
    newer = make_article(tags=["boats"], publish_at=timezone.now() - timedelta(days=1))
    boats, ferries = (
        TaggedArticle.objects.get(content_object=story).tag for story in (newer, older)
    )
    actions.MergeTags([boats], into=ferries).execute(by=desk.editor)
    assert listed(client, "/tags/ferries/")[0] == [newer.pk, older.pk]
    moved = TaggedArticle.objects.get(content_object=newer)
    assert moved.publish_at == newer.publish_at


def test_two_filters_start_from_the_rarer_and_agree_with_the_rule(client):
    """Two tags together list exactly the live stories carrying both, newest
    first, whichever leads."""
    both = [make_article(tags=["rare", "common"]) for _ in range(3)]
    for _ in range(6):
        make_article(tags=["common"])
    make_article(tags=["rare", "common"], live=False)  # a draft: never listed
    found, _ = listed(client, "/articles/?tag=common&tag=rare")
    assert found == [story.pk for story in both]


NARROWED = [
    "/tags/harbour/",
    "/articles/?tag=harbour",
    "/articles/?tag=harbour&tag=ferry",
]


def shown(client, url):
    response = client.get(url)
    if response.status_code != 200:
        return response.status_code
    return [card.pk for card in response.context["articles"]]


@pytest.mark.django_db(transaction=True)
def test_lists_narrowed_by_tags_keep_their_ids_but_show_every_change(client, desk):
    """Tag lists keep which stories they show until one of those lists
    changes: a story published, withdrawn or given the tag shows at once, and
    an edit of a story on them shows through its new card."""
    first = desk.story(
        status=Status.IN_REVIEW, headline="Ferry fares", tags=["harbour", "ferry"]
    )
    actions.Publish(first).execute(by=desk.editor)
    for url in NARROWED:
        assert shown(client, url) == [first.pk], url  # now kept

    second = desk.story(status=Status.IN_REVIEW, tags=["harbour", "ferry"])
    actions.Publish(second).execute(by=desk.editor)
    for url in NARROWED:
        assert shown(client, url) == [second.pk, first.pk], url

    first.refresh_from_db()
    first.headline = "Ferry fares rise"
    actions.SaveEdit(first, base_version=first.version).execute(by=desk.editor)
    for url in NARROWED:
        assert "Ferry fares rise" in client.get(url).content.decode(), url

    actions.Withdraw(second).execute(by=desk.editor)
    for url in NARROWED:
        assert shown(client, url) == [first.pk], url

    third = desk.story(tags=["ferry"], status=Status.IN_REVIEW)
    actions.Publish(third).execute(by=desk.editor)
    third.refresh_from_db()
    bylines = list(third.bylines.values_list("author", flat=True))
    parts = StoryParts(bylines=bylines, tags=["ferry", "harbour"])
    actions.SaveEdit(third, base_version=third.version, parts=parts).execute(
        by=desk.editor
    )
    for url in NARROWED:
        assert shown(client, url) == [third.pk, first.pk], url


@pytest.mark.django_db(transaction=True)
def test_a_tag_becomes_public_and_private_with_its_stories(client, desk):
    """A tag only drafts carry is unknown (404) though that answer was kept;
    it is known once a story carrying it goes live, and unknown again once
    its last live story is withdrawn."""
    draft = desk.story(status=Status.IN_REVIEW, tags=["embargo"])
    assert shown(client, "/articles/?tag=embargo") == 404
    actions.Publish(draft).execute(by=desk.editor)
    assert shown(client, "/articles/?tag=embargo") == [draft.pk]
    actions.Withdraw(draft).execute(by=desk.editor)
    assert shown(client, "/articles/?tag=embargo") == 404


def test_a_narrowed_list_follows_the_schedule_it_kept(client, desk):
    """A kept tag list ends at the next scheduled moment: a scheduled story
    with the tag appears at its time with no purge."""
    live = desk.story(status=Status.IN_REVIEW, tags=["harbour"])
    actions.Publish(live).execute(by=desk.editor)
    later = desk.story(status=Status.IN_REVIEW, tags=["harbour"])
    at = timezone.now() + timedelta(minutes=5)
    actions.Schedule(later, at=at).execute(by=desk.editor)
    assert shown(client, "/tags/harbour/") == [live.pk]
    with time_machine.travel(at + timedelta(seconds=1)):
        assert shown(client, "/tags/harbour/") == [later.pk, live.pk]


def test_a_kept_list_drops_a_story_that_stopped_being_live(client, desk):
    """Kept ids are checked with the live rule on every read: a story taken
    down shows nowhere even if its lists were never purged (a purge the
    cache refused, waiting for its retry)."""
    stories = [
        desk.story(status=Status.IN_REVIEW, tags=["harbour"], headline=headline)
        for headline in ["Pier closes", "Ferry returns"]
    ]
    for story in stories:
        actions.Publish(story).execute(by=desk.editor)
    urls = ["/", "/tags/harbour/", "/articles/?tag=harbour"]
    for url in urls:  # kept now
        html = client.get(url).content.decode()
        assert "Pier closes" in html and "Ferry returns" in html, url
    Article.objects.filter(pk=stories[0].pk).update(status=Status.WITHDRAWN)  # no purge
    for url in urls:
        html = client.get(url).content.decode()
        assert "Pier closes" not in html and "Ferry returns" in html, url


@pytest.mark.django_db(transaction=True)
def test_a_tag_renamed_to_a_slug_readers_asked_for_is_found_at_once(client, desk):
    """An unknown tag answer is kept until a list or a tag changes: a tag
    renamed to that slug answers at once."""
    story = desk.story(status=Status.IN_REVIEW, tags=["truce"])
    actions.Publish(story).execute(by=desk.editor)
    assert client.get("/articles/?tag=ceasefire").status_code == 404  # kept
    tag = story.tags.get()
    actions.SaveTag(tag, name="Ceasefire", slug="ceasefire").execute(by=desk.editor)
    assert listed(client, "/articles/?tag=ceasefire")[0] == [story.pk]
