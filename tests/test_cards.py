"""Stored story cards (public.cards): rendered once per version, renewed by
every change they show, and carried with their keys by the front page. The
list order kept on the tag and byline rows: tests/test_tag_lists.py."""

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

import caching
from articles import actions
from articles.models import Article
from caching import versions
from public import cards
from tests.factories import make_article, make_author, make_photo, make_section
from tests.list_helpers import listed

pytestmark = pytest.mark.django_db
Status = Article.Status


def test_a_card_is_rendered_once_per_version_then_served_from_memory(client):
    story = make_article(headline="Ferry timetable changes")
    client.get("/articles/")
    assert caches["local"].get(cards.name(story.pk, story.card_version, "card"))
    with CaptureQueriesContext(connection) as queries:
        _, response = listed(client, "/articles/")
    # The page read its ids, and no story, byline or tag to draw its card.
    content = [q["sql"] for q in queries if "newsroom_cache" not in q["sql"]]
    assert len(content) == 1, content
    assert "Ferry timetable changes" in response.content.decode()


def test_an_edit_gives_the_card_a_new_version_and_lists_show_it(client, desk):
    story = desk.story(status=Status.IN_REVIEW, headline="Council votes on budget")
    actions.Publish(story).execute(by=desk.editor)
    for url in ["/articles/", "/"]:  # the front page keeps its cards as a whole
        assert "Council votes on budget" in client.get(url).content.decode()
    story.refresh_from_db()
    before = story.card_version

    story.headline = "Council passes budget"
    actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)

    assert Article.objects.get(pk=story.pk).card_version == before + 1
    for url in ["/articles/", "/"]:
        html = client.get(url).content.decode()
        assert "Council passes budget" in html, url
        assert "Council votes on budget" not in html, url


@pytest.mark.parametrize("record", ["author", "section", "photo"])
def test_a_library_change_renews_the_cards_that_show_it(client, desk, record):
    """A renamed author or section, or a changed photo, reaches every card
    that shows it (their card versions move), though each process still holds
    the old cards in memory."""
    author, section = make_author(name="Ann Old"), make_section(name="Old Desk")
    photo = make_photo(alt_text="Old harbour")
    story = make_article(authors=[author], section=section, lead_photo=photo)
    other = make_article()
    for url in ["/articles/", "/"]:
        html = client.get(url).content.decode()
        assert "Ann Old" in html and "Old Desk" in html and "Old harbour" in html

    target = {"author": author, "section": section, "photo": photo}[record]
    action = {
        "author": actions.SaveAuthor,
        "section": actions.SaveSection,
        "photo": actions.SavePhoto,
    }[record]
    field = "alt_text" if record == "photo" else "name"
    setattr(target, field, f"New {record}")
    versions = dict(Article.objects.values_list("pk", "card_version"))
    action(target, changed=[field]).execute(by=desk.admin)

    after = dict(Article.objects.values_list("pk", "card_version"))
    assert after[story.pk] == versions[story.pk] + 1
    assert after[other.pk] == versions[other.pk]  # cards not showing it stay
    for url in ["/articles/", "/"]:
        assert f"New {record}" in client.get(url).content.decode(), url


def test_a_change_cards_do_not_show_keeps_their_versions(desk):
    author = make_author(name="Ann Bio")
    story = make_article(authors=[author])
    author.bio = "Covers the harbour."
    actions.SaveAuthor(author, changed=["bio"]).execute(by=desk.admin)
    assert Article.objects.get(pk=story.pk).card_version == story.card_version


def test_a_lost_shared_clock_comes_back_and_values_are_kept_again():
    """A cache that lost its clock (evicted, culled) keeps remembered values
    again at once, not only after the next purge."""
    caching.purge(["nav"])
    cache.delete(versions.CLOCK)
    computed = []

    def compute():
        computed.append(1)
        return "menu"

    for _ in range(2):
        assert caching.remember("probe", compute, ["nav"], scheduled=False) == "menu"
    assert len(computed) == 1


def test_a_front_page_built_from_kept_cards_still_carries_their_keys(client, settings):
    """The front page keeps its cards as a whole (articles.views.home); a page
    rendered from them carries each card's keys, so an edit purges it."""
    author = make_author(name="Ann Keys")
    story = make_article(headline="Kept card", authors=[author])
    client.get("/")  # the page cache is off: the front page's cards are kept
    settings.NEWSROOM_PAGE_CACHE = True
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    carried = set(response["xkey"].split())
    assert {f"card:{story.pk}", f"author:{author.pk}", "list:home"} <= carried


def test_a_record_on_many_stories_renews_every_card(desk, monkeypatch):
    """Card versions move in batches, however many stories show the record."""
    monkeypatch.setattr("articles.actions.commit.BATCH", 2)
    author = make_author(name="Wire Desk")
    stories = [make_article(authors=[author]) for _ in range(5)]
    author.name = "Wire Service"
    actions.SaveAuthor(author, changed=["name"]).execute(by=desk.admin)
    after = dict(Article.objects.values_list("pk", "card_version"))
    assert all(after[story.pk] == story.card_version + 1 for story in stories)


def _stored(story):
    """The stored cards of `story` at its card version now, by variant, as
    another process finds them (in the shared cache)."""
    story.refresh_from_db()
    found = {}
    for variant in cards.VARIANTS:
        value = cache.get(cards.name(story.pk, story.card_version, variant))
        if value is not None:
            found[variant] = value[0]
    return found


@pytest.mark.django_db(transaction=True)
def test_an_edit_renders_its_storys_new_cards_once_as_it_commits(client, desk):
    """Readers' lists, moved by the edit's purge, find its card stored in
    every variant: no reader's request renders it (articles.signals)."""
    story = desk.story(status=Status.IN_REVIEW, headline="Council votes on budget")
    actions.Publish(story).execute(by=desk.editor)
    story.refresh_from_db()
    story.headline = "Council passes budget"
    actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)

    stored = _stored(story)
    assert set(stored) == set(cards.VARIANTS)
    assert all("Council passes budget" in html for html in stored.values())
    caches["local"].clear()  # as another process, holding none in memory
    with CaptureQueriesContext(connection) as queries:
        _, response = listed(client, "/articles/")
    drawn = [q["sql"] for q in queries if '"articles_byline"' in q["sql"]]
    assert not drawn, drawn  # no story's bylines read to draw its card
    assert "Council passes budget" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_change_of_many_stories_leaves_their_cards_to_the_lists(
    client, desk, monkeypatch
):
    """Rendering every card a renamed author shows would hold up the
    action: over CARDS_AT_ONCE stories, lists render them as they are read."""
    monkeypatch.setattr("articles.signals.CARDS_AT_ONCE", 2)
    author = make_author(name="Wire Desk")
    few = make_author(name="Desk Two")
    many = [make_article(authors=[author]) for _ in range(3)]
    solo = make_article(authors=[few])
    for record in (author, few):
        record.name = f"Renamed {record.pk}"
        actions.SaveAuthor(record, changed=["name"]).execute(by=desk.admin)

    assert not any(_stored(story) for story in many)
    assert set(_stored(solo)) == set(cards.VARIANTS)
    html = client.get("/articles/").content.decode()
    assert f"Renamed {author.pk}" in html and f"Renamed {few.pk}" in html


@pytest.mark.django_db(transaction=True)
def test_a_card_that_fails_to_render_early_holds_up_no_change(
    client, desk, monkeypatch, settings
):
    """A receiver of the new cards that fails is logged; the change is
    purged all the same, and lists render the card as they are read."""

    def fail(*args, **kwargs):
        raise RuntimeError("no cards today")

    settings.NEWSROOM_PAGE_CACHE = True
    story = make_article(headline="Ferry timetable changes")
    client.get("/articles/")
    assert client.get("/articles/")["X-Page-Cache"] == "hit"  # kept
    monkeypatch.setattr(cards, "_render", fail)
    story.headline = "Ferry timetable restored"
    actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)

    assert not _stored(story)
    monkeypatch.undo()
    assert "Ferry timetable restored" in client.get("/articles/").content.decode()
