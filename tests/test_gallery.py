"""Photo galleries: an ordered set of library photos in a story, uploaded
many at once through the safe pipeline, shown without JavaScript."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import html as lxml_html

from articles import actions
from articles.models import Article, GalleryPhoto, Photo
from tests.factories import image_file, make_article, make_photo

pytestmark = pytest.mark.django_db
Status = Article.Status


def json_ld(html):
    script = lxml_html.fromstring(html).xpath('//script[@type="application/ld+json"]')
    return json.loads(script[0].text)


def gallery_block(html):
    found = re.search(r'<section class="gallery".*?</section>', html, re.S)
    return found.group() if found else ""


def upload_url(story):
    return reverse("admin:articles_article_gallery_upload", args=[story.pk])


def jpeg(name, size=(800, 600)):
    return image_file(name, size=size)


def test_readers_get_the_gallery_in_order_without_javascript(client):
    photos = [
        make_photo(caption=f"Library caption {n}", credit=f"Agency {n}")
        for n in range(3)
    ]
    story = make_article()
    for position, photo in enumerate(photos):
        story.gallery.create(photo=photo, position=position)
    story.gallery.filter(photo=photos[1]).update(
        caption="<script>alert(1)</script> For this story", credit="Our own"
    )

    html = client.get(story.get_absolute_url()).content.decode()
    gallery = gallery_block(html)
    assert "Photos (3)" in gallery
    assert gallery.count("<figure>") == 3
    assert 'tabindex="0"' in gallery  # the strip scrolls from the keyboard
    assert gallery.count('loading="lazy"') == 3
    positions = re.findall(r'class="gallery-position">(\d) of 3<', gallery)
    assert positions == ["1", "2", "3"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; For this story" in gallery
    assert "<script>alert" not in html
    assert "Library caption 0" in gallery and "Library caption 1" not in gallery
    assert 'href="#gallery-2">Next photo</a>' in gallery
    assert 'href="#gallery-1">Previous photo</a>' in gallery

    (part,) = json_ld(html)["hasPart"]
    assert part["@type"] == "ImageGallery"
    media = part["associatedMedia"]
    assert [m["caption"] for m in media] == [
        "Library caption 0",
        "<script>alert(1)</script> For this story",
        "Library caption 2",
    ]
    assert [m["creditText"] for m in media] == ["Agency 0", "Our own", "Agency 2"]


def test_a_story_without_a_gallery_shows_none(client):
    story = make_article()
    html = client.get(story.get_absolute_url()).content.decode()
    assert gallery_block(html) == ""
    assert "hasPart" not in json_ld(html)


def test_many_photos_upload_at_once_and_a_hostile_file_is_named(client, desk):
    story = desk.story(status=Status.DRAFT)
    existing = make_photo(caption="Already there")
    story.gallery.create(photo=existing, position=0)
    client.force_login(desk.writer)
    fake = SimpleUploadedFile("evil.jpg", b"<html><script>alert(1)</script></html>")
    response = client.post(
        upload_url(story),
        {
            "alt_text": "Crowds at the harbour",
            "credit": "Newsroom photo",
            "images": [jpeg("first.jpg"), fake, jpeg("second.jpg", (640, 480))],
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>evil.jpg</strong>" in html
    assert "Added 2 photos to the gallery" in html
    items = list(story.gallery.select_related("photo"))
    assert [item.position for item in items] == [0, 1, 2]
    assert items[0].photo == existing
    assert [item.photo.image.width for item in items[1:]] == [800, 640]
    for item in items[1:]:
        assert item.photo.alt_text == "Crowds at the harbour"
        assert item.photo.credit == "Newsroom photo"
        assert item.photo.uploaded_by == desk.writer
        assert {r["ratio"] for r in item.photo.renditions} >= {"original", "4:3"}
    revision = story.revisions.first()
    assert revision.message == "Added 2 photos to the gallery"
    assert len(revision.snapshot["gallery"]) == 3

    clean = client.post(
        upload_url(story), {"alt_text": "More", "images": [jpeg("third.jpg")]}
    )
    assert clean.status_code == 302
    assert story.gallery.count() == 4


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"alt_text": "Boats"}, "Choose at least one photo."),
        ({"images": [image_file("a.jpg")]}, "This field is required."),
        (
            {
                "alt_text": "Boats",
                "images": [image_file(f"{n}.jpg") for n in range(41)],
            },
            "Upload at most 40 photos at a time.",
        ),
    ],
)
def test_an_upload_without_photos_alt_text_or_with_too_many_is_refused(
    client, desk, data, message
):
    story = desk.story(status=Status.DRAFT)
    client.force_login(desk.writer)
    response = client.post(upload_url(story), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Photo.objects.exists()
    assert not story.gallery.exists()


@pytest.mark.parametrize(("whose", "expected"), [("other", 404), ("in review", 403)])
def test_crafted_uploads_cannot_reach_a_story_the_user_may_not_edit(
    client, desk, whose, expected
):
    if whose == "other":
        story = desk.story(owner=desk.writer2, status=Status.DRAFT)
    else:
        story = desk.story(status=Status.IN_REVIEW)
    client.force_login(desk.writer)
    response = client.post(
        upload_url(story), {"alt_text": "x", "images": [image_file("a.jpg")]}
    )
    assert response.status_code == expected
    assert not Photo.objects.exists()


def test_a_gallery_photo_without_alt_text_stops_publication(desk):
    story = desk.story(status=Status.IN_REVIEW, citations=1)
    photo = make_photo()
    Photo.objects.filter(pk=photo.pk).update(alt_text=" ")
    story.gallery.create(photo=make_photo(), position=0)
    story.gallery.create(photo=photo, position=1)
    with pytest.raises(actions.PublishBlocked, match="gallery photo 2 needs alt text"):
        actions.Publish(story).execute(by=desk.editor)


@pytest.mark.django_db(transaction=True)
def test_a_recaptioned_photo_reaches_the_gallery_at_once(client, desk, settings):
    settings.NEWSROOM_PAGE_CACHE = True
    photo = make_photo(caption="Before")
    story = make_article()
    story.gallery.create(photo=photo)
    assert "Before" in gallery_block(
        client.get(story.get_absolute_url()).content.decode()
    )
    photo.caption = "After"
    actions.SavePhoto(photo, changed=["caption"]).execute(by=desk.editor)
    assert "After" in gallery_block(
        client.get(story.get_absolute_url()).content.decode()
    )


def test_a_gallery_comes_back_with_its_revision(desk):
    story = desk.story(status=Status.DRAFT)
    first, second = make_photo(), make_photo()
    actions.AddToGallery(story, [first, second]).execute(by=desk.writer)
    revision = story.revisions.first()
    story.refresh_from_db()
    GalleryPhoto.objects.filter(photo=first).update(caption="Changed")
    actions.SaveEdit(
        story,
        base_version=story.version,
        parts=actions.StoryParts(gallery=[{"photo": second, "caption": "Only"}]),
    ).execute(by=desk.writer)
    assert [(i.photo, i.caption) for i in story.gallery.all()] == [(second, "Only")]
    actions.RestoreRevision(revision).execute(by=desk.writer)
    assert [(i.photo, i.caption) for i in story.gallery.all()] == [
        (first, ""),
        (second, ""),
    ]


def test_upload_page_shows_to_the_storys_writer(client, desk):
    story = desk.story(status=Status.DRAFT)
    client.force_login(desk.writer)
    page = client.get(reverse("admin:articles_article_change", args=[story.pk]))
    assert upload_url(story) in page.content.decode()
    form = client.get(upload_url(story)).content.decode()
    assert 'type="file" name="images"' in form and "multiple" in form


def test_a_writer_cannot_change_a_photo_readers_see_in_a_gallery(client, desk):
    photo = make_photo(caption="Harbour")
    Photo.objects.filter(pk=photo.pk).update(uploaded_by=desk.writer)
    story = desk.story(status=Status.IN_REVIEW, citations=1)
    story.gallery.create(photo=photo)
    actions.Publish(story).execute(by=desk.editor)
    client.force_login(desk.writer)
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    data = {
        "alt_text": "x",
        "caption": "Changed",
        "credit": "x",
        "focal_x": "0.5",
        "focal_y": "0.5",
    }
    assert client.post(url, data).status_code == 403
    photo.refresh_from_db()
    assert photo.caption == "Harbour"
