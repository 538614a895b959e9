"""Typed credits: everyone besides the bylines who made a story, on the
story, in its JSON-LD, on their author page, in its history."""

import json
import re

import pytest
from django.urls import reverse
from lxml import html as lxml_html

from articles import actions
from articles.models import Article, Correction
from tests.factories import inline, make_article, make_author, make_photo, story_post

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def editor_client(client, desk):
    client.force_login(desk.editor)
    return client


def save_credits(client, story, rows, initial=0):
    """Save the story form with `rows` as its credits (the first `initial`
    of them existing ones)."""
    data = story_post(
        headline=story.headline,
        slug=story.slug,
        section=str(story.section_id),
        lead_photo=str(story.lead_photo_id or ""),
        base_version=str(Article.objects.get(pk=story.pk).version),
        **inline("credits", rows, initial=initial),
    )
    return client.post(reverse("admin:articles_article_change", args=[story.pk]), data)


def publish(desk, **fields):
    story = desk.story(status=Status.IN_REVIEW, **fields)
    actions.Publish(story).execute(by=desk.editor)
    story.refresh_from_db()
    return story


def json_ld(html):
    script = lxml_html.fromstring(html).xpath('//script[@type="application/ld+json"]')
    return json.loads(script[0].text)


def test_editors_credit_people_and_agencies_and_readers_see_it(
    editor_client, client, desk
):
    ann = make_author(name="Ann Field", slug="ann-field")
    ben = make_author(name="Ben Cho", slug="ben-cho")
    story = publish(desk, lead_photo=make_photo(credit="Newsroom photo / Ben Cho"))
    response = save_credits(
        editor_client,
        story,
        [
            {"role": "additional-reporting", "author": str(ann.pk), "position": "0"},
            {"role": "additional-reporting", "name": "Reuters", "position": "1"},
            {"role": "photos", "author": str(ben.pk), "position": "2"},
            {"role": "editing", "name": "<script>alert(1)</script>", "position": "3"},
        ],
    )
    assert response.status_code == 302
    assert story.credits.count() == 4

    html = client.get(story.get_absolute_url()).content.decode()
    line = re.search(r'<p class="credits">(.*?)</p>', html, re.S).group(1)
    assert line == (
        'Additional reporting by <a href="/authors/ann-field/">Ann Field</a> and '
        'Reuters. Photos by <a href="/authors/ben-cho/">Ben Cho</a>. Edited by '
        "&lt;script&gt;alert(1)&lt;/script&gt;."
    )

    data = json_ld(html)
    assert [person["name"] for person in data["author"]] == ["Olga Nesterova"]
    assert [(c["@type"], c["name"]) for c in data["contributor"]] == [
        ("Person", "Ann Field"),
        ("Organization", "Reuters"),
        ("Person", "Ben Cho"),
    ]
    assert data["contributor"][0]["url"].endswith("/authors/ann-field/")
    assert [e["name"] for e in data["editor"]] == ["<script>alert(1)</script>"]
    for image in data["image"]:
        assert image["creditText"] == "Newsroom photo / Ben Cho"
        assert [c["name"] for c in image["creator"]] == ["Ben Cho"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"role": "photos", "position": "0"}, "Choose an author profile or type"),
        ({"role": "photos", "name": "Reuters", "author": "AUTHOR"}, "not both"),
        ({"role": "astrology", "name": "Reuters"}, "Select a valid choice"),
    ],
)
def test_a_credit_names_one_person_in_a_known_role(editor_client, desk, row, message):
    story = publish(desk)
    if row.get("author") == "AUTHOR":
        row["author"] = str(desk.writer2_author.pk)
    response = save_credits(editor_client, story, [row])
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Constraint" not in html  # one clear message, not the database's
    assert not story.credits.exists()


def test_author_pages_list_credits_by_role(client, desk):
    ann = make_author(name="Ann Field", slug="ann-field")
    bylined = publish(desk, headline="Ann writes")
    bylined.bylines.update(author=ann)
    photographed = publish(desk, headline="Ann photographs")
    photographed.credits.create(role="photos", author=ann)
    helped = publish(desk, headline="Ann helps")
    helped.credits.create(role="additional-reporting", author=ann)
    hidden = desk.story(status=Status.DRAFT, headline="Ann's draft")
    hidden.credits.create(role="photos", author=ann)
    Article.objects.all().copy_publish_at()

    page = client.get("/authors/ann-field/").content.decode()
    assert "Ann writes" in page and "Ann photographs" not in page
    nav = re.search(r'<nav class="credit-roles".*?</nav>', page, re.S).group()
    assert 'href="/authors/ann-field/?role=photos">Photos (1)</a>' in nav
    assert 'href="/authors/ann-field/?role=additional-reporting">' in nav

    photos = client.get("/authors/ann-field/?role=photos")
    html = photos.content.decode()
    assert photos.status_code == 200
    assert "Ann photographs" in html
    assert "Ann writes" not in html and "Ann helps" not in html
    assert "Ann's draft" not in html  # the hidden-story rule holds for credits
    assert (
        '<link rel="canonical" href="http://testserver/authors/ann-field/?role=photos">'
        in html
    )

    for bad in ["?role=astrology", "?role=%00", "?role=" + "x" * 5000]:
        response = client.get(f"/authors/ann-field/{bad}")
        assert response.status_code == 404, bad
        assert "No credit role named" in response.content.decode()
    response = client.get("/articles/?role=photos")
    assert response.status_code == 404
    assert "name one" in response.content.decode()
    response = client.get("/articles/?author=ann-field&role=photos")
    assert response.status_code == 200
    assert "Ann photographs" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_new_credit_reaches_the_persons_page_through_the_page_cache(
    editor_client, desk, settings
):
    settings.NEWSROOM_PAGE_CACHE = True
    from django.test import Client

    reader = Client()
    ann = make_author(name="Ann Field", slug="ann-field")
    story = publish(desk, headline="Harbour reopens")
    before = reader.get("/authors/ann-field/?role=photos").content.decode()
    assert "Harbour reopens" not in before
    save_credits(
        editor_client,
        story,
        [{"role": "photos", "author": str(ann.pk), "position": "0"}],
    )
    after = reader.get("/authors/ann-field/?role=photos").content.decode()
    assert "Harbour reopens" in after
    assert "Photos (1)" in reader.get("/authors/ann-field/").content.decode()

    assert "Ann Field</a>" in reader.get(story.get_absolute_url()).content.decode()
    # A role changing, then the credit going, moves the story between lists.
    story.refresh_from_db()
    credit = story.credits.get()
    save_credits(
        editor_client,
        story,
        [
            {
                "id": str(credit.pk),
                "role": "video",
                "author": str(ann.pk),
                "position": "0",
            }
        ],
        initial=1,
    )
    assert (
        "Harbour reopens"
        not in reader.get("/authors/ann-field/?role=photos").content.decode()
    )
    assert (
        "Harbour reopens"
        in reader.get("/authors/ann-field/?role=video").content.decode()
    )
    profile = reader.get("/authors/ann-field/").content.decode()
    assert "Video (1)" in profile and "Photos (1)" not in profile
    story.refresh_from_db()
    save_credits(
        editor_client,
        story,
        [
            {
                "id": str(credit.pk),
                "role": "video",
                "author": str(ann.pk),
                "position": "0",
                "DELETE": "on",
            }
        ],
        initial=1,
    )
    assert (
        "Harbour reopens"
        not in reader.get("/authors/ann-field/?role=video").content.decode()
    )
    assert (
        'class="credit-roles"' not in reader.get("/authors/ann-field/").content.decode()
    )

    save_credits(
        editor_client,
        story,
        [{"role": "photos", "author": str(ann.pk), "position": "0"}],
    )
    ann.name = "Ann Fielding"
    actions.SaveAuthor(ann, changed=["name"]).execute(by=desk.editor)
    assert "Ann Fielding" in reader.get(story.get_absolute_url()).content.decode()


def test_credits_are_in_the_history_and_come_back_with_a_revision(editor_client, desk):
    ann = make_author(name="Ann Field")
    story = publish(desk)
    save_credits(
        editor_client,
        story,
        [
            {"role": "photos", "author": str(ann.pk), "position": "0"},
            {"role": "video", "name": "AP", "position": "1"},
        ],
    )
    with_credits = story.revisions.first()
    assert with_credits.snapshot["credits"] == [
        {"role": "photos", "author": ann.pk, "name": "", "author_name": "Ann Field"},
        {"role": "video", "author": None, "name": "AP"},
    ]
    story.refresh_from_db()
    parts = actions.StoryParts(credits=[])
    actions.SaveEdit(story, base_version=story.version, parts=parts).execute(
        by=desk.editor
    )
    assert not story.credits.exists()
    compare = reverse("admin:articles_article_compare", args=[story.pk])
    latest = story.revisions.first().number
    html = editor_client.get(
        compare, {"a": str(with_credits.number), "b": str(latest)}
    ).content.decode()
    assert "Credits" in html and "Video by AP" in html

    actions.RestoreRevision(with_credits).execute(by=desk.editor)
    assert [(c.role, c.author_id, c.name) for c in story.credits.all()] == [
        ("photos", ann.pk, ""),
        ("video", None, "AP"),
    ]
    # A profile deleted since comes back as the name it had.
    story.credits.all().delete()
    ann.delete()
    actions.RestoreRevision(with_credits).execute(by=desk.editor)
    assert [(c.role, c.author_id, c.name) for c in story.credits.all()] == [
        ("photos", None, "Ann Field"),
        ("video", None, "AP"),
    ]


def test_a_correction_can_note_a_credit_change(client, desk):
    story = publish(desk)
    actions.AddCorrection(
        story,
        kind=Correction.Kind.CREDIT,
        text="An earlier version did not credit Ann Field for additional reporting.",
    ).execute(by=desk.editor)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "<strong>Credit change</strong>" in html
    assert "did not credit Ann Field" in html


def test_stories_without_credits_show_no_credit_line(client):
    story = make_article()
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'class="credits"' not in html
    data = json_ld(html)
    assert "contributor" not in data and "editor" not in data
