"""Every output carries the body's elements: the read API (tables in the
body HTML, inline photos at absolute addresses), ninjs (inline photos as
associations, valid against IPTC's schema), the JSON-LD's image list and
full-content feeds."""

import json
import re

import feedparser
import pytest
from django.urls import reverse

from articles import actions
from articles.models import Article
from tests import body_helpers as b
from tests.api_helpers import get
from tests.factories import make_article, make_photo
from tests.test_ninjs import NINJS

pytestmark = pytest.mark.django_db
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def story(desk):
    photo = make_photo(alt_text="Library alt", caption="Library caption")
    other = make_article(headline="The visit is announced")
    body = (
        "<p>Blinken arrived.</p>"
        + b.photo(photo.pk, alt="Students", caption="At NYU Shanghai", credit="State")
        + b.table([["Day", "City"], ["Wednesday", "Shanghai"]], caption="Schedule")
        + f"<p>See {b.link(other, 'the announcement')}.</p>"
    )
    story = desk.story(status=Article.Status.IN_REVIEW)
    story.body = body
    actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)
    actions.Publish(Article.objects.get(pk=story.pk)).execute(by=desk.editor)
    return Article.objects.get(pk=story.pk), photo, other


def test_the_api_gives_tables_and_photos_at_absolute_addresses(client, story):
    story, _, other = story
    _, data = get(client, f"/stories/{story.slug}/")
    assert "<caption>Schedule</caption>" in data["body"]
    assert re.search(r'<img src="http://testserver/media/[^"]+" width', data["body"])
    assert 'alt="Students"' in data["body"]
    assert f'href="http://testserver{other.get_absolute_url()}"' in data["body"]


def test_ninjs_lists_inline_photos_as_associations(client, story):
    story, _, _ = story
    _, document = get(client, f"/stories/{story.slug}/ninjs/")
    (image,) = [a for a in document["associations"] if a["name"] == "image1"]
    assert image["uri"].startswith("http://testserver/media/")
    assert {"role": "alternative", "value": "Students"} in image["descriptions"]
    assert {"role": "caption", "value": "At NYU Shanghai"} in image["descriptions"]
    assert image["by"] == "State"
    assert "<table>" in document["bodies"][0]["value"]
    assert [e.message for e in NINJS.iter_errors(document)] == []


def test_the_json_ld_lists_inline_photos(client, story):
    story, _, _ = story
    html = client.get(story.get_absolute_url()).content.decode()
    data = json.loads(SCRIPT.findall(html)[0])
    captions = [image.get("caption") for image in data["image"]]
    assert "At NYU Shanghai" in captions


def test_full_content_feeds_show_photos_and_links_at_absolute_addresses(client, story):
    story, _, other = story
    for name in ("articles:feed-latest", "articles:feed-latest-atom"):
        feed = feedparser.parse(client.get(reverse(name)).content)
        (entry,) = [e for e in feed.entries if e.title == story.headline]
        content = entry.content[0].value
        assert re.search(r'<img [^>]*src="http://testserver/media/', content), name
        assert "<caption>Schedule</caption>" in content
        assert f'href="http://testserver{other.get_absolute_url()}"' in content
