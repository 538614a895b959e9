"""Text that looks like a page-fragment marker is only text: the page cache
puts fragments into HTML pages alone, at markers no stored or escaped text
can produce (an editor typed the marker into a tag name and a dek, and the
read API answered invalid JSON)."""

import json
import re
from datetime import date

import feedparser
import pytest
from django.urls import reverse

from articles.models import Correction
from public import fragments
from tests.factories import make_article, make_author, make_photo, make_section

pytestmark = pytest.mark.django_db

OLD_MARKER = "<!--newsroom:fragment:top-stories-->"
#: What a forger would type: the marker's shape with a made-up signature.
FORGED = "<!--newsroom:fragment:top-stories:0123456789abcdef0123-->"
TYPED = f"Leak {OLD_MARKER} and {FORGED}"
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def marked(settings):
    """Top Stories to splice, and a story whose every text field carries
    marker-like text; served through the page cache."""
    settings.NEWSROOM_PAGE_CACHE = True
    make_article(headline="A top story to splice in")
    photo = make_photo(caption=TYPED, credit=TYPED, alt_text=TYPED)
    story = make_article(
        headline=f"Headline {OLD_MARKER}",
        dek=TYPED,
        tags=[TYPED[:100]],
        authors=[make_author(name=f"Author {OLD_MARKER}", job_title=TYPED[:100])],
        section=make_section(name=f"Section {OLD_MARKER}"),
        lead_photo=photo,
        body=f"<p>{TYPED.replace('<', '&lt;')}</p>",
    )
    story.citations.create(
        publisher=TYPED[:200], title=TYPED, url="https://example.org/",
        published_on=date(2024, 4, 25),
    )  # fmt: skip
    Correction.objects.create(article=story, kind="correction", text=TYPED)
    return story


def twice(client, url):
    """The answer on a miss and again from the cache."""
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 200, url
    assert second["X-Page-Cache"] == "hit", url
    return [first.content.decode(), second.content.decode()]


def test_the_read_api_answers_valid_json_with_the_text_as_typed(client, marked):
    slug = marked.slug
    for path in [
        "stories/",
        "tags/",
        "authors/",
        "sections/",
        f"stories/{slug}/",
        f"stories/{slug}/ninjs/",
    ]:
        for answer in twice(client, f"/api/v1/{path}"):
            assert "Top story to splice" not in answer, path
            data = json.loads(answer)
            assert OLD_MARKER in json.dumps(data, ensure_ascii=False), path
    story = json.loads(twice(client, f"/api/v1/stories/{slug}/")[1])
    assert story["dek"] == TYPED


def test_oembed_answers_valid_json(client, marked):
    url = f"/api/v1/oembed/?url=http://testserver{marked.get_absolute_url()}"
    for answer in twice(client, url):
        assert json.loads(answer)["title"] == marked.headline


def test_feeds_stay_well_formed_with_the_text_as_typed(client, marked):
    for name in ["articles:feed-latest", "articles:feed-latest-atom"]:
        for answer in twice(client, reverse(name)):
            feed = feedparser.parse(answer)
            assert not feed.bozo, name
            entry = next(e for e in feed.entries if e.title == marked.headline)
            assert "Top story to splice" not in answer
            assert OLD_MARKER in entry.summary


def test_the_story_page_shows_the_text_and_its_json_ld_parses(client, marked):
    for page in twice(client, marked.get_absolute_url()):
        data = json.loads(SCRIPT.findall(page)[0])
        assert data["description"] == TYPED
        assert OLD_MARKER not in page  # escaped where it is shown
        assert "&lt;!--newsroom:fragment:top-stories--&gt;" in page
        # The real feed is still put in, once, where the template asks.
        assert page.count("A top story to splice in") == 1


def test_only_html_is_assembled_and_only_at_signed_markers():
    marker = fragments.placeholder("top-stories").encode()
    assert marker not in (OLD_MARKER.encode(), FORGED.encode())
    content = b"[" + marker + b"]"
    assert (
        fragments.assemble(content, esi=True, content_type="application/json")
        is content
    )
    html = fragments.assemble(
        content, esi=True, content_type="text/html; charset=utf-8"
    )
    assert html == b'[<esi:include src="/fragments/top-stories/"/>]'
    forged = f"[{FORGED}{OLD_MARKER}]".encode()
    assert fragments.assemble(forged, esi=True, content_type="text/html") == forged
