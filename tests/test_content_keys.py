"""Precise invalidation: a change purges only the cached pages showing what it
changed (content keys), and every response names its keys for the HTTP cache."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import actions
from articles.models import Article, Section

Status = Article.Status


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE = True


def is_hit(client, url):
    """Is `url` answered from the page cache (no content table touched)?"""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code in (200, 301, 404, 410), url
    return not [q for q in captured if "newsroom_cache" not in q["sql"]]


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert is_hit(client, url), url


@pytest.fixture
def newsroom(desk):
    """Two live stories in different sections, tags and bylines."""
    world = Section.objects.create(name="World", slug="world")
    sport = Section.objects.create(name="Sport", slug="sport")
    edited = desk.story(headline="Talks resume", section=world, tags=["talks"])
    other = desk.story(
        owner=desk.writer2, headline="Cup final", section=sport, tags=["cup"]
    )
    for story in (edited, other):
        story.status = Status.IN_REVIEW
        story.save()
        actions.Publish(story).execute(by=desk.editor)
    return edited, other


def edit_headline(story, headline, by):
    story.headline = headline
    actions.SaveEdit(story, base_version=story.version).execute(by=by)


@pytest.mark.django_db(transaction=True)
def test_an_edit_purges_the_story_and_its_cards_only(client, desk, newsroom):
    """Editing X renews X's page and every page showing X's card (lists, the
    other story's Top Stories feed); the unrelated section page stays cached."""
    edited, other = newsroom
    showing = ["/", "/articles/", "/sections/world/", "/tags/talks/"]
    showing += [edited.get_absolute_url(), other.get_absolute_url()]
    unrelated = ["/sections/sport/", "/tags/cup/", "/authors/"]
    warm(client, *showing, *unrelated)

    edit_headline(edited, "Talks resume in Geneva", desk.editor)

    for url in showing:
        assert "Talks resume in Geneva" in client.get(url).content.decode(), url
    for url in unrelated:
        assert is_hit(client, url), url


@pytest.mark.django_db(transaction=True)
def test_publishing_purges_the_lists_it_enters(client, desk, newsroom):
    """A new story appears on its section's and tag's pages at once; another
    section's page and the other stories' pages stay cached."""
    _, other = newsroom
    world = Section.objects.get(slug="world")
    fresh = desk.story(
        headline="Ceasefire holds", section=world, tags=["talks"], status="in_review"
    )
    warm(client, "/sections/world/", "/tags/talks/", "/sections/sport/")
    warm(client, other.get_absolute_url())

    actions.Publish(fresh).execute(by=desk.editor)

    for url in ["/", "/articles/", "/sections/world/", "/tags/talks/"]:
        assert "Ceasefire holds" in client.get(url).content.decode(), url
    assert is_hit(client, "/sections/sport/")
    assert not is_hit(client, other.get_absolute_url())  # its Top Stories feed


def test_editing_a_draft_purges_nothing(client, desk, newsroom):
    """No reader has seen a draft, so saving one leaves every page cached."""
    draft = desk.story(headline="Not yet")
    urls = ["/", "/articles/", "/sections/world/", newsroom[0].get_absolute_url()]
    warm(client, *urls)

    edit_headline(draft, "Still not yet", desk.writer)

    for url in urls:
        assert is_hit(client, url), url


@pytest.mark.django_db(transaction=True)
def test_a_renamed_author_purges_the_pages_with_their_byline(client, desk, newsroom):
    """Pages showing the author's byline are renewed; the others stay cached."""
    edited, _ = newsroom
    warm(client, edited.get_absolute_url(), "/sections/sport/")
    author = desk.writer_author
    author.name = "Olga N. Nesterova"

    actions.SaveAuthor(author, changed=["name"]).execute(by=desk.editor)

    assert "Olga N. Nesterova" in client.get(edited.get_absolute_url()).content.decode()
    assert is_hit(client, "/sections/sport/")


@pytest.mark.django_db(transaction=True)
def test_search_pages_follow_edits(client, desk, newsroom):
    """Search result pages carry the `search` key: an edit that adds a word
    shows in the next search."""
    edited, _ = newsroom
    warm(client, "/search/?q=geneva")
    assert "Talks resume" not in client.get("/search/?q=geneva").content.decode()

    edit_headline(edited, "Talks resume in Geneva", desk.editor)

    assert "Talks resume" in client.get("/search/?q=geneva").content.decode()


def test_responses_name_their_keys_for_the_http_cache(client, desk, newsroom):
    """xkey and Surrogate-Key list the story, its cards' records and lists."""
    edited, other = newsroom
    for response in [client.get(edited.get_absolute_url())] * 2:  # miss, then hit
        story_keys = set(response["xkey"].split())
        assert response["Surrogate-Key"] == response["xkey"]
        assert {f"story:{edited.pk}", f"section:{edited.section_id}", "all"} <= (
            story_keys
        )
        assert f"author:{desk.writer_author.pk}" in story_keys
        # The Top Stories feed under it is a shared fragment with keys of its own.
        assert f"card:{other.pk}" not in story_keys
        assert f"story:{other.pk}" not in story_keys
    fragment = set(client.get("/fragments/top-stories/")["xkey"].split())
    assert {f"card:{other.pk}", f"card:{edited.pk}", "list:top"} <= fragment
    section = set(client.get("/sections/sport/")["xkey"].split())
    assert {f"list:section:{other.section_id}", f"card:{other.pk}"} <= section
    assert f"card:{edited.pk}" not in section


@pytest.mark.django_db(transaction=True)
def test_a_withdrawn_story_answers_410_at_once(client, desk, newsroom):
    edited, _ = newsroom
    warm(client, edited.get_absolute_url())
    actions.Withdraw(edited).execute(by=desk.editor)
    assert client.get(edited.get_absolute_url()).status_code == 410
    assert "Talks resume" not in client.get("/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_editing_a_top_story_renews_the_shared_feed_not_every_story_page(
    client, desk, newsroom
):
    """Story pages stay cached when a story in their Top Stories feed changes;
    the feed in them is renewed once and put into each page as it is served."""
    edited, other = newsroom
    warm(client, other.get_absolute_url())

    edit_headline(edited, "Talks resume in Geneva", desk.editor)

    with CaptureQueriesContext(connection) as captured:
        response = client.get(other.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert "Talks resume in Geneva" in response.content.decode()
    assert is_hit(client, other.get_absolute_url())
    assert [q for q in captured if "newsroom_cache" not in q["sql"]]  # the feed


def test_esi_capable_caches_get_an_include_instead_of_the_feed(
    client, desk, newsroom, settings
):
    """Varnish (configured, and saying it speaks ESI) gets an include; a reader
    claiming ESI without Varnish configured gets the page whole."""
    edited, _ = newsroom
    claimed = client.get(
        edited.get_absolute_url(), HTTP_SURROGATE_CAPABILITY='varnish="ESI/1.0"'
    ).content.decode()
    assert "esi:include" not in claimed
    settings.NEWSROOM_HTTP_CACHE = "varnish"
    response = client.get(
        edited.get_absolute_url(), HTTP_SURROGATE_CAPABILITY='varnish="ESI/1.0"'
    )
    html = response.content.decode()
    assert '<esi:include src="/fragments/top-stories/"/>' in html
    assert response["Surrogate-Control"] == 'content="ESI/1.0"'
    assert '<ol class="top-stories-list"' not in html
    plain = client.get(edited.get_absolute_url()).content.decode()
    assert '<ol class="top-stories-list"' in plain and "esi:include" not in plain
