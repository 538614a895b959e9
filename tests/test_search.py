"""Full-text search over live stories: ranked, highlighted, unbreakable."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import search
from articles.models import Article
from articles.search import queries
from tests.factories import make_article, make_author
from tests.factories import search_results as found

pytestmark = pytest.mark.django_db


def test_searches_headline_dek_body_tags_and_authors(client):
    """Search finds a word in the headline, body, tags or author names."""
    by_headline = make_article(headline="Lithium boom in the salt flats")
    by_body = make_article(body="<p>The lithium price doubled.</p>")
    by_tag = make_article(tags=["lithium"])
    by_author = make_article(authors=[make_author(name="Lithium Jones")])
    make_article(headline="Nothing relevant")
    _, results = found(client, "lithium")
    assert set(results) == {by_headline, by_body, by_tag, by_author}


def test_results_come_newest_first(client):
    """The newest story first, whether the word is in its headline or body."""
    headline = make_article(headline="Harbour reopens")
    body = make_article(body="<p>A story that mentions harbour once.</p>")
    _, results = found(client, "harbour")
    assert results == [body, headline]


def test_every_word_must_match_and_the_last_is_a_prefix(client):
    """Every word must match, and the last word matches as a prefix."""
    both = make_article(headline="Harbour pilots strike")
    make_article(headline="Harbour reopens")
    _, results = found(client, "harbour pil")
    assert results == [both]


def test_only_live_stories_are_found(client):
    """Only live stories are found, never drafts."""
    make_article(headline="Secret merger plan", live=False, status=Article.Status.DRAFT)
    live = make_article(headline="Public merger news")
    _, results = found(client, "merger")
    assert results == [live]


def test_matches_are_highlighted_and_nothing_else_is_markup(client):
    """Matches are marked; no other markup from stories or the query renders."""
    make_article(
        headline="Lithium <b>bold</b> boom",
        body="<p>Lithium <script>alert(1)</script> prices rose.</p>",
    )
    response, _ = found(client, "lithium")
    html = response.content.decode()
    assert "<mark>Lithium</mark>" in html
    assert "<script>alert" not in html
    assert "<b>bold</b>" not in html
    response, _ = found(client, "<script>alert(2)</script>")
    html = response.content.decode()
    assert "<script>alert(2)" not in html
    assert "&lt;script&gt;alert(2)" in html


@pytest.mark.parametrize(
    "query",
    [
        "x" * 10_000,
        "\x00\x00",
        '"unbalanced',
        "harbour*",
        "NEAR(a b)",
        "a NEAR b",
        "%_%",
        "' OR 1=1 --",
        "AND OR NOT",
        "col:harbour",
        "😀 ‮",
        "^harbour",
        "harbour -pilots",
    ],
)
def test_hostile_queries_return_a_page(client, query):
    """Hostile or odd queries return a 200 page."""
    make_article(headline="Harbour pilots strike")
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


def test_empty_query_gets_a_helpful_page(client):
    """An empty query gets a page with a hint."""
    response = client.get("/search/")
    assert response.status_code == 200
    assert "Type a word or two" in response.content.decode()


def test_terms_keep_only_words():
    """Query terms are lowercased words, deduplicated and capped at MAX_TERMS."""
    assert search.terms('"Harbour" NEAR pilots* %_ \x00') == [
        "harbour",
        "near",
        "pilots",
    ]
    assert len(search.terms("word " * 100)) == 1
    assert len(search.terms(" ".join(f"w{n}" for n in range(50)))) == queries.MAX_TERMS


def test_index_follows_edits(client, desk):
    """An edit saved through SaveEdit is found by its new words at once."""
    from articles import actions

    story = desk.story(headline="Old words", status=Article.Status.IN_REVIEW)
    actions.Publish(story).execute(by=desk.editor)
    story.headline = "Fresh words"
    actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)
    assert found(client, "fresh")[1] == [story]
    assert found(client, "old")[1] == []


def test_pages_read_one_match_more_and_skip_stories_not_live(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 2
    stories = [make_article(headline=f"Harbour {n}") for n in range(5)]
    make_article(headline="Harbour draft", live=False, status=Article.Status.DRAFT)
    newest_first = stories[::-1]
    first, results = found(client, "harbour")
    assert results == newest_first[:2]
    assert b'rel="next"' in first.content
    last = client.get("/search/", {"q": "harbour", "page": 3})
    assert [card.pk for card in last.context["articles"]] == [newest_first[4].pk]
    assert b'rel="next"' not in last.content
    assert client.get("/search/", {"q": "harbour", "page": 4}).status_code == 404
    assert client.get("/search/", {"q": "harbour", "page": "x"}).status_code == 404


def test_a_search_costs_the_same_queries_at_5_and_at_50_matches(client, memory_cache):
    """The first page reads the index newest first and stops at one more than
    it shows: as many queries at 50 matches as at 5, with the page full."""

    def counted():
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/search/", {"q": "lithium"})
        return len(response.context["articles"]), len(captured)

    for n in range(5):
        make_article(headline=f"Lithium mine {n}", tags=())
    client.get("/search/", {"q": "nothing"})  # the navigation, kept once
    shown_5, queries_5 = counted()
    for n in range(45):
        make_article(headline=f"Lithium mine {n + 5}", tags=())
    shown_50, queries_50 = counted()
    assert (shown_5, shown_50) == (5, 20)
    # The index, the live check, the card versions, the snippets' text, and
    # the cards not stored yet (three, all at once).
    assert queries_50 == queries_5 <= 7


def test_rebuild_indexes_every_story_anew(client):
    """A rebuild (after a bulk load) finds every story and forgets the gone."""
    from django.db import connection

    story = make_article(headline="Lithium boom")
    with connection.cursor() as cursor:  # a bulk load leaves the index behind
        cursor.execute("DELETE FROM articles_search")
    assert found(client, "lithium")[1] == []
    search.rebuild()
    assert found(client, "lithium")[1] == [story]


def test_a_snippet_marks_words_and_never_the_entities_escaping_made():
    """Searching for "amp" or "quot" marks those words, not the entities the
    snippet's escaping wrote for "&" and quotes."""
    snippet = queries.highlight('<p>AT&amp;T "amp" Amplifiers</p>', ["amp", "quot"])
    assert snippet == ("AT&amp;T &quot;<mark>amp</mark>&quot; <mark>Amplifiers</mark>")
