"""JSON-LD on story and author pages, checked field by field."""

import json
import re
from datetime import date

import pytest

from articles import actions
from tests.factories import make_author, make_photo, make_section

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(html):
    blocks = SCRIPT.findall(html)
    assert len(blocks) == 1, blocks
    return json.loads(blocks[0])


@pytest.fixture
def story(desk):
    photo = make_photo(caption="Photo posted by Secretary Blinken on X", credit="X")
    story = desk.story(
        headline="Secretary visits Shanghai",
        dek="Talks ahead of Beijing",
        lead_photo=photo,
        tags=["diplomacy", "china"],
        section=make_section(name="World"),
        status="in_review",
    )
    story.bylines.create(author=make_author(name="Ben Okafor Jr"), position=1)
    story.citations.create(
        publisher="U.S. Department of State",
        title="Travel to China",
        url="https://www.state.gov/",
        published_on=date(2024, 4, 25),
    )
    actions.Publish(story).execute(by=desk.editor)
    actions.AddCorrection(story, kind="correction", text="Fixed a date.").execute(
        by=desk.editor
    )
    story.refresh_from_db()
    return story


def test_news_article_fields(client, story):
    """Story JSON-LD is a NewsArticle: authors, dates, image, sources, corrections."""
    data = json_ld(client.get(story.get_absolute_url()).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Secretary visits Shanghai"
    assert data["description"] == "Talks ahead of Beijing"
    assert [a["name"] for a in data["author"]] == ["Olga Nesterova", "Ben Okafor Jr"]
    assert all(a["@type"] == "Person" for a in data["author"])
    assert data["author"][0]["url"].endswith(
        story.authors_in_order[0].get_absolute_url()
    )
    assert data["datePublished"] == story.publish_at.isoformat(timespec="seconds")
    assert data["dateModified"] == story.updated_at.isoformat(timespec="seconds")
    image = data["image"][0]
    assert image["caption"] == "Photo posted by Secretary Blinken on X"
    assert image["creditText"] == "X"
    assert image["url"].startswith("http://testserver/")
    assert data["publisher"]["@type"] == "NewsMediaOrganization"
    assert data["articleSection"] == "World"
    assert sorted(data["keywords"]) == ["china", "diplomacy"]
    citation = data["citation"][0]
    assert citation["publisher"]["name"] == "U.S. Department of State"
    assert citation["datePublished"] == "2024-04-25"
    assert data["correction"][0]["text"] == "Correction: Fixed a date."


def test_a_headline_cannot_break_out_of_the_script_block(client, story):
    """A headline cannot break out of the JSON-LD script block, and survives intact."""
    story.headline = 'Evil </script><script>alert("x")</script> & <!-- co'
    story.save()
    html = client.get(story.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert json_ld(html)["headline"] == story.headline


def test_author_page_is_a_profile_page(client, story):
    """An author page's JSON-LD is a ProfilePage about that Person."""
    author = story.authors_in_order[0]
    data = json_ld(client.get(author.get_absolute_url()).content.decode())
    assert data["@type"] == "ProfilePage"
    assert data["mainEntity"]["@type"] == "Person"
    assert data["mainEntity"]["name"] == author.name


def test_story_pages_carry_sharing_tags(client, story):
    """Story pages carry Open Graph and Twitter card tags, with a rendition image."""
    html = client.get(story.get_absolute_url()).content.decode()
    for tag in [
        '<meta property="og:type" content="article">',
        '<meta property="og:title" content="Secretary visits Shanghai">',
        '<meta property="og:description" content="Talks ahead of Beijing">',
        '<meta name="twitter:card" content="summary_large_image">',
        '<meta property="og:image" content="http://testserver/media/renditions/',
    ]:
        assert tag in html


def test_lists_link_prev_and_next_pages(client, settings, story):
    """Paged lists link prev and next; links and canonical drop tracking parameters."""
    settings.NEWSROOM_PAGE_SIZE = 1
    from tests.factories import make_article

    make_article(tags=["diplomacy"])
    make_article(tags=["diplomacy"])
    html = client.get("/articles/?tag=diplomacy&page=2&utm_source=x").content.decode()
    assert (
        '<link rel="prev" href="http://testserver/articles/?tag=diplomacy&amp;page=1">'
        in html
    )
    assert (
        '<link rel="next" href="http://testserver/articles/?tag=diplomacy&amp;page=3">'
        in html
    )
    assert (
        'rel="canonical" href="http://testserver/articles/?tag=diplomacy&amp;page=2"'
        in html
    )
