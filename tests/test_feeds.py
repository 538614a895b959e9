"""RSS and Atom feeds parse cleanly and carry what feed readers show."""

import feedparser
import pytest
from django.urls import reverse
from lxml import etree

from articles.models import Article
from public.feed_formats import MEDIA_NS as MEDIA
from tests.factories import make_article, make_author, make_photo, make_section

pytestmark = pytest.mark.django_db

FEEDS = ["feed-latest", "feed-top"]


@pytest.fixture
def story():
    olga, ben = make_author(name="Olga Nesterova", slug="olga"), make_author(name="Ben")
    photo = make_photo(caption="Photo posted by Secretary Blinken on X", credit="X")
    return make_article(
        headline="Talks & trade ]]> in Shanghai <b>now</b>",
        dek="Diplomacy, & more",
        authors=[olga, ben],
        tags=["diplomacy", "china"],
        lead_photo=photo,
        section=make_section(slug="world"),
    )


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, (url, feed.get("bozo_exception"))
    return feed


@pytest.mark.parametrize("suffix", ["", "-atom"])
@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("feed-latest", []),
        ("feed-top", []),
        ("feed-tag", ["china"]),
        ("feed-author", ["olga"]),
        ("feed-section", ["world"]),
    ],
)
def test_every_feed_is_well_formed_with_the_full_item(
    client, story, name, args, suffix
):
    """Every RSS and Atom feed parses cleanly and carries the whole item and photo."""
    feed = parse(client, reverse(f"articles:{name}{suffix}", args=args))
    assert len(feed.entries) == 1
    item = feed.entries[0]
    assert item.title == "Talks & trade ]]> in Shanghai <b>now</b>"
    assert item.link.endswith(story.get_absolute_url())
    assert (
        "Diplomacy, &amp; more" in item.summary or "Diplomacy, & more" in item.summary
    )
    assert {tag.term for tag in item.tags} == {"diplomacy", "china"}
    names = [author.get("name") for author in item.get("authors", [])]
    if suffix:
        assert names == ["Olga Nesterova", "Ben"]
    else:
        assert "Olga Nesterova" in item.get("author", "") or "Olga Nesterova" in names
    assert item.published_parsed and item.updated_parsed
    media = item.media_content[0]
    assert media["medium"] == "image" and media["url"].startswith("http://testserver/")
    assert item.media_credit[0]["content"] == "X"
    raw = client.get(reverse(f"articles:{name}{suffix}", args=args)).content
    captions = etree.fromstring(raw).xpath(
        "//media:description/text()", namespaces={"media": MEDIA}
    )
    assert captions == ["Photo posted by Secretary Blinken on X"]


def test_rss_enclosure_and_every_creator(client, story):
    """The RSS item names every author as dc:creator and encloses the JPEG photo."""
    xml = client.get(reverse("articles:feed-latest")).content.decode()
    assert "<dc:creator>Olga Nesterova</dc:creator><dc:creator>Ben</dc:creator>" in xml
    feed = feedparser.parse(xml)
    enclosure = feed.entries[0].enclosures[0]
    assert enclosure.type == "image/jpeg" and int(enclosure.length) > 0


def test_control_characters_are_stripped_on_save_and_feeds_stay_valid(client, desk):
    """Saving strips control characters but tab, so feeds parse; NUL is refused."""
    from tests.factories import story_post

    client.force_login(desk.editor)
    story = desk.story(status=Article.Status.DRAFT)
    data = story_post(
        headline="Bell\x07 rings twice\x1b",
        dek="Tab\tand\x0bvertical",
        slug=story.slug,
        section=str(story.section_id),
        base_version=str(story.version),
    )
    url = reverse("admin:articles_article_change", args=[story.pk])
    assert client.post(url, data).status_code == 302
    story.refresh_from_db()
    assert story.headline == "Bell rings twice"
    assert story.dek == "Tab\tandvertical"
    assert feedparser.parse(client.get("/feeds/").content).bozo == 0
    data["headline"], data["base_version"] = "Null\x00 byte", str(story.version)
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Null characters are not allowed" in response.content.decode()


def test_unknown_feed_objects_are_404(client, story):
    """Tag, author and section feeds for an unknown slug are 404."""
    for name in ["feed-tag", "feed-author", "feed-section"]:
        assert client.get(reverse(f"articles:{name}", args=["nope"])).status_code == 404


def test_pages_advertise_their_feeds(client, story):
    """Home, tag, author and section pages link their RSS and Atom feeds."""
    pages = {
        "/": reverse("articles:feed-top"),
        "/tags/china/": reverse("articles:feed-tag", args=["china"]),
        "/authors/olga/": reverse("articles:feed-author", args=["olga"]),
        "/sections/world/": reverse("articles:feed-section", args=["world"]),
    }
    for page, feed in pages.items():
        html = client.get(page).content.decode()
        assert 'type="application/rss+xml" title' in html, page
        assert f'href="{feed}"' in html, page
        assert 'type="application/atom+xml"' in html, page


@pytest.mark.parametrize("url", ["/feeds/", "/feeds/atom/"])
def test_items_are_written_once_per_version_and_kept(
    client, desk, story, url, settings
):
    """A feed read again puts in the items it stored, byte for byte what it
    wrote; an edit writes that story's item anew; another address gets items
    with its own links."""
    from articles import actions

    other = make_article(headline="Harbour reopens </item></entry> <item>")
    first = client.get(url).content
    again = client.get(url).content
    assert again == first
    titles = [entry.title for entry in feedparser.parse(again).entries]
    assert titles == [
        "Talks & trade ]]> in Shanghai <b>now</b>",
        "Harbour reopens </item></entry> <item>",
    ]

    other.headline = "Harbour closes again"
    actions.SaveEdit(other, base_version=other.version).execute(by=desk.editor)
    entries = parse(client, url).entries
    assert [entry.title for entry in entries] == [
        "Talks & trade ]]> in Shanghai <b>now</b>",
        "Harbour closes again",
    ]

    settings.ALLOWED_HOSTS = ["testserver", "news.example.org"]
    elsewhere = feedparser.parse(client.get(url, HTTP_HOST="news.example.org").content)
    assert all(
        entry.link.startswith("http://news.example.org/") for entry in elsewhere.entries
    )
