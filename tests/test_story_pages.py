"""A story's own page parts, stored per version (articles.story_pages): an
unchanged story is not rendered again, and every change still shows at once."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import html as lxml_html

from articles import actions
from articles.models import Article
from public.pictures import SOURCES_SECONDS
from tests.factories import (
    image_file,
    make_article,
    make_author,
    make_photo,
    make_section,
)

pytestmark = pytest.mark.django_db
Status = Article.Status


def page(client, story, **headers):
    response = client.get(story.get_absolute_url(), **headers)
    assert response.status_code == 200
    return response.content.decode()


def json_ld(html):
    script = lxml_html.fromstring(html).xpath('//script[@type="application/ld+json"]')
    return json.loads(script[0].text)


@pytest.fixture
def story(desk):
    """A live story with a byline, section, photo and tag, viewed once: its
    page parts are stored."""
    author = make_author(name="Ann Field", job_title="Reporter")
    story = desk.story(
        status=Status.IN_REVIEW,
        headline="Harbour reopens",
        section=make_section(name="Local"),
        lead_photo=make_photo(caption="The harbour at dawn"),
        tags=["harbour"],
    )
    story.bylines.update(author=author)
    actions.Publish(story).execute(by=desk.editor)
    story.refresh_from_db()
    return story


def test_an_unchanged_story_is_not_rendered_again(client, story):
    first = page(client, story)
    with CaptureQueriesContext(connection) as queries:
        again = page(client, story)
    assert again == first
    content = [q["sql"] for q in queries if "newsroom_cache" not in q["sql"]]
    # Its versions, by its address; no byline, tag, source or correction.
    assert len(content) == 1, content


def edit_headline(story, desk):
    story.headline = "Harbour reopens after storm"
    actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)
    return "Harbour reopens after storm"


def add_correction(story, desk):
    actions.AddCorrection(
        story, kind="correction", text="We misnamed the pier."
    ).execute(by=desk.editor)
    return "We misnamed the pier."


def rename_author(story, desk):
    author = story.authors_in_order[0]
    author.name = "Ann Fields-Moore"
    actions.SaveAuthor(author, changed=["name"]).execute(by=desk.admin)
    return "Ann Fields-Moore"


def retitle_author(story, desk):
    author = story.authors_in_order[0]
    author.job_title = "Harbour correspondent"
    actions.SaveAuthor(author, changed=["job_title"]).execute(by=desk.admin)
    return "Harbour correspondent"  # in the JSON-LD's Person


def picture_author(story, desk):
    author = story.authors_in_order[0]
    author.picture = image_file("ann.jpg", size=(300, 300))
    actions.SaveAuthor(author, changed=["picture"]).execute(by=desk.admin)
    author.refresh_from_db()
    square = [r for r in author.picture_renditions if r["ratio"] == "1:1"]
    return square[0]["name"].rsplit("/", 1)[-1]  # bylines show the 1:1 crop


def rename_section(story, desk):
    section = story.section
    section.name = "City"
    actions.SaveSection(section, changed=["name"]).execute(by=desk.admin)
    return ">City</a>"


def recaption_photo(story, desk):
    photo = story.lead_photo
    photo.caption = "The harbour at noon"
    actions.SavePhoto(photo, changed=["caption"]).execute(by=desk.admin)
    return "The harbour at noon"


def rename_tag(story, desk):
    actions.SaveTag(story.tags.get(), name="Port").execute(by=desk.editor)
    return 'rel="tag">Port</a>'


@pytest.mark.parametrize(
    "change",
    [
        edit_headline,
        add_correction,
        rename_author,
        retitle_author,
        picture_author,
        rename_section,
        recaption_photo,
        rename_tag,
    ],
)
def test_every_change_a_story_page_shows_reaches_it_at_once(
    client, desk, story, change
):
    """Edits, corrections and library changes renew the stored page parts
    (the page cache is off: this is what a miss renders)."""
    before = page(client, story)
    shown = change(story, desk)
    assert shown not in before
    assert shown in page(client, Article.objects.get(pk=story.pk))


def test_stored_parts_keep_the_address_each_reader_asked_at(client, story):
    """The parts hold absolute addresses: each host gets its own."""
    for host in ["localhost", "127.0.0.1", "localhost"]:
        data = json_ld(page(client, story, HTTP_HOST=host))
        assert data["url"] == f"http://{host}{story.get_absolute_url()}"


def test_a_missing_picture_is_kept_only_briefly(client, memory_cache):
    """A page showing a missing picture's placeholder is stored only as long
    as that is known: once the file is back, the picture shows again. (In
    local memory: a cache server's clock does not travel.)"""
    photo = make_photo()
    story = make_article(lead_photo=photo)
    storage = photo.image.storage
    names = [rendition["name"] for rendition in photo.renditions] + [photo.image.name]
    files = {name: storage.open(name).read() for name in names}
    for name in names:
        storage.delete(name)
    assert "Image unavailable" in lead_photo(page(client, story))
    for name, content in files.items():
        storage.save(name, ContentFile(content))
    assert "Image unavailable" in lead_photo(page(client, story))  # known missing
    with time_machine.travel(timezone.now() + timedelta(seconds=SOURCES_SECONDS + 1)):
        figure = lead_photo(page(client, story))
    assert "Image unavailable" not in figure and "<picture>" in figure


def lead_photo(html):
    figure = lxml_html.fromstring(html).xpath('//figure[@class="lead-photo"]')[0]
    return lxml_html.tostring(figure, encoding="unicode")
