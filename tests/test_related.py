"""Related stories under a story: editors' choices first, then stories
sharing its tags (the same section ranks higher), never a Top Story, never a
hidden one."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import caching
from articles import actions, keys
from articles.models import Article, RelatedStory
from tests.factories import (
    inline,
    make_article,
    make_section,
    story_post,
)

pytestmark = pytest.mark.django_db
Status = Article.Status


def related_headlines(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    block = re.search(r'<section class="related-stories".*?</section>', html, re.S)
    if block is None:
        return []
    return re.findall(r'class="card-headline"><a [^>]*>([^<]+)</a>', block.group())


def top_headlines(client, story, shown):
    """The Top Stories a reader sees under `story`: the feed lists one more,
    and the page's CSS hides the story itself, or else the last one."""
    html = client.get(story.get_absolute_url()).content.decode()
    block = re.search(r'<section class="top-stories".*?</section>', html, re.S).group()
    listed = re.findall(r'class="card-headline"><a [^>]*>([^<]+)</a>', block)
    assert len(listed) == shown + 1
    if story.headline in listed:
        return [headline for headline in listed if headline != story.headline]
    return listed[:-1]


def pin_through_admin(client, story, related, **fields):
    """Save the story form with `related` pinned under `story`."""
    rows = [{"related": str(r.pk), "position": str(n)} for n, r in enumerate(related)]
    data = story_post(
        headline=story.headline,
        slug=story.slug,
        section=str(story.section_id),
        base_version=str(story.version),
        **inline("pinned_related", rows),
        **fields,
    )
    return client.post(reverse("admin:articles_article_change", args=[story.pk]), data)


@pytest.fixture
def desk_stories(settings):
    """A story on ports and weather in Local, and stories around it."""
    settings.NEWSROOM_TOP_STORIES = 1
    local, sport = make_section(name="Local"), make_section(name="Sport")
    now = timezone.now()

    def story(headline, tags, section, days_ago=1, **fields):
        return make_article(
            headline=headline,
            tags=tags,
            section=section,
            publish_at=now - timedelta(days=days_ago, minutes=len(headline)),
            **fields,
        )

    stories = {
        "main": story("Harbour reopens", ["ports", "weather"], local, days_ago=2),
        "both tags": story("Storm closes port", ["ports", "weather"], sport),
        "tag and section": story("Ferry timetable", ["ports"], local),
        "section only": story("Council meets", ["council"], local),
        "too old": story("Port history", ["ports", "weather"], local, days_ago=90),
        "draft": story("Port strike looms", ["ports", "weather"], local, live=False),
        "unrelated": story("Cup final", ["football"], sport),
        # The newest story: the Top Stories feed shows it.
        "top": story("Port gets new cranes", ["ports", "weather"], local, days_ago=0),
    }
    return stories


def test_stories_sharing_tags_and_section_are_related_best_first(client, desk_stories):
    main = desk_stories["main"]
    assert top_headlines(client, main, shown=1) == ["Port gets new cranes"]
    assert related_headlines(client, main) == [
        "Storm closes port",  # two tags
        "Ferry timetable",  # a tag and the section
    ]
    # Not the story itself, a Top Story, a draft, one from months before, or
    # one sharing no tag (the section only ranks those that do).


@pytest.mark.django_db(transaction=True)
def test_editors_pin_their_own_choices_first(client, desk, desk_stories):
    main = desk_stories["main"]
    # Chosen and kept before the pins: pinning chooses them again.
    assert related_headlines(client, main) == ["Storm closes port", "Ferry timetable"]
    client.force_login(desk.editor)
    pinned = [desk_stories[name] for name in ("unrelated", "draft", "top")]
    response = pin_through_admin(client, main, pinned, tags="ports, weather")
    assert response.status_code == 302, response.context["adminform"].form.errors
    client.logout()
    assert related_headlines(client, main) == [
        "Cup final",  # pinned; the pinned draft and Top Story are not shown
        "Storm closes port",
        "Ferry timetable",
    ]
    assert main.revisions.first().snapshot["related"][0]["headline"] == "Cup final"


def test_a_story_cannot_be_related_to_itself(client, desk, desk_stories):
    main = desk_stories["main"]
    client.force_login(desk.editor)
    response = pin_through_admin(client, main, [main])
    assert response.status_code == 200
    assert "cannot be related to itself" in response.content.decode()
    assert not RelatedStory.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_new_story_joins_the_related_list_through_the_page_cache(
    client, desk, desk_stories, settings
):
    settings.NEWSROOM_PAGE_CACHE = True
    main = desk_stories["main"]
    assert "Tug crews return" not in related_headlines(client, main)
    story = desk.story(
        status=Status.IN_REVIEW,
        headline="Tug crews return",
        tags=["ports", "weather"],
        section=main.section,
    )
    actions.Publish(story, at=main.publish_at + timedelta(hours=1)).execute(
        by=desk.editor
    )
    assert related_headlines(client, main)[0] == "Tug crews return"
    actions.Withdraw(story, note="Legal").execute(by=desk.editor)
    assert "Tug crews return" not in related_headlines(client, main)


def test_the_related_fragment_answers_only_for_what_exists(client, desk_stories):
    draft = desk_stories["draft"]
    assert client.get(f"/fragments/related-{draft.pk}/").content == b""
    assert client.get("/fragments/related-99999/").content == b""
    for bad in ["related-x", "related", "top-stories-3", "related-1-2", "nope-1"]:
        assert client.get(f"/fragments/{bad}/").status_code == 404, bad


def test_on_a_top_storys_page_the_other_top_story_is_not_related(client, desk_stories):
    top, cup = desk_stories["top"], desk_stories["unrelated"]
    # This page hides itself in the feed, so the next story shows there.
    assert top_headlines(client, top, shown=1) == ["Cup final"]
    RelatedStory.objects.create(article=top, related=cup)
    Article.objects.filter(pk=top.pk).update(version=top.version + 1)
    caching.purge([keys.placed(top.pk)])
    assert "Cup final" not in related_headlines(client, top)
    assert related_headlines(client, top)[0] == "Harbour reopens"
    # On the main story's page, the feed shows the cranes: Cup final may be
    # related there.
    RelatedStory.objects.create(article=desk_stories["main"], related=cup)
    caching.purge([keys.placed(desk_stories["main"].pk)])
    assert related_headlines(client, desk_stories["main"])[0] == "Cup final"


def test_the_same_section_ranks_a_story_sharing_as_many_tags_higher(client, settings):
    settings.NEWSROOM_TOP_STORIES = 1
    local, sport = make_section(name="Local"), make_section(name="Sport")
    now = timezone.now()
    main = make_article(headline="Main", tags=["ports"], section=local)
    make_article(
        headline="Other desk, newer", tags=["ports"], section=sport, publish_at=now
    )
    make_article(
        headline="Same desk, older",
        tags=["ports"],
        section=local,
        publish_at=now - timedelta(days=3),
    )
    # The newest story fills the Top Stories; these two remain.
    make_article(headline="Newest", tags=["x"], section=sport, publish_at=now)
    assert related_headlines(client, main)[:2] == [
        "Same desk, older",
        "Other desk, newer",
    ]


def test_a_crafted_id_cannot_pin_someone_elses_draft(client, desk):
    mine = desk.story(status=Status.DRAFT)
    theirs = desk.story(owner=desk.writer2, status=Status.DRAFT, headline="SECRET")
    client.force_login(desk.writer)
    response = pin_through_admin(client, mine, [theirs])
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not RelatedStory.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_pinned_story_joins_when_it_is_published(
    client, desk, desk_stories, settings
):
    settings.NEWSROOM_PAGE_CACHE = True
    main = desk_stories["main"]
    later = desk.story(status=Status.IN_REVIEW, headline="Pinned for later")
    RelatedStory.objects.create(article=main, related=later)
    caching.purge([keys.placed(main.pk)])
    assert "Pinned for later" not in related_headlines(client, main)
    actions.Publish(later, at=main.publish_at).execute(by=desk.editor)
    assert related_headlines(client, main)[0] == "Pinned for later"


@pytest.mark.django_db(transaction=True)
def test_an_edit_of_a_related_story_renews_its_card_not_the_choice(
    client, desk, desk_stories, settings
):
    """The related stories are chosen again only when the story, its tags'
    lists or the Top Stories move: an edit of one of them (its card) shows
    at once, from one read of the chosen stories' card versions."""
    from public import fragments

    settings.NEWSROOM_PAGE_CACHE = True
    main, other = desk_stories["main"], desk_stories["both tags"]
    related_headlines(client, main)
    other = Article.objects.get(pk=other.pk)
    other.headline = "Storm closes port for a week"
    actions.SaveEdit(other, base_version=other.version).execute(by=desk.editor)
    with CaptureQueriesContext(connection) as captured:
        html = fragments.html(f"related-{main.pk}")
    assert "Storm closes port for a week" in html
    content = [
        q["sql"]
        for q in captured
        if "newsroom_cache" not in q["sql"]
        and "SAVEPOINT" not in q["sql"]
        and q["sql"] not in {"BEGIN", "BEGIN IMMEDIATE", "COMMIT"}
    ]
    # The card versions only: the edited card was rendered as the edit
    # committed (public.cards.prepare), and the six queries that choose the
    # stories are not run again.
    assert len(content) == 1, content
    assert not any("taggedarticle" in sql and "ROW_NUMBER" in sql for sql in content)
    assert related_headlines(client, main)[0] == "Storm closes port for a week"


def choosing(captured):
    """The queries among `captured` that choose related stories."""
    return [q["sql"] for q in captured if "ROW_NUMBER" in q["sql"]]


@pytest.mark.django_db(transaction=True)
def test_an_edit_of_the_storys_text_does_not_choose_its_related_stories_again(
    client, desk, desk_stories, settings
):
    """Its page is rendered again (exact), but the stories under it are
    chosen by where it stands, which an edit of its headline or body does
    not move; a change of its tags does."""
    from public import fragments

    settings.NEWSROOM_PAGE_CACHE = True
    main = Article.objects.get(pk=desk_stories["main"].pk)
    related_headlines(client, main)
    main.headline = "Harbour reopens after the storm"
    actions.SaveEdit(main, base_version=main.version).execute(by=desk.editor)
    with CaptureQueriesContext(connection) as captured:
        fragments.html(f"related-{main.pk}")
    assert choosing(captured) == []
    page = client.get(main.get_absolute_url()).content.decode()
    assert "Harbour reopens after the storm" in page
    assert related_headlines(client, main) == ["Storm closes port", "Ferry timetable"]

    main.refresh_from_db()
    actions.SaveEdit(
        main, base_version=main.version, parts=actions.StoryParts(tags=["ports"])
    ).execute(by=desk.editor)
    with CaptureQueriesContext(connection) as captured:
        fragments.html(f"related-{main.pk}")
    assert len(choosing(captured)) == 1
    # Sharing one tag now: the story in the same section ranks first.
    assert related_headlines(client, main) == ["Ferry timetable", "Storm closes port"]
