"""The photo desk in the admin and on the public site: one upload pipeline."""

import io
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from articles.models import Article, Author, Photo
from public import fragments
from tests.factories import make_article, make_photo

pytestmark = pytest.mark.django_db


def jpeg_with_metadata(size=(1200, 800)):
    image = Image.new("RGB", size, (30, 120, 200))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° when shown
    exif[0x010E] = "Fishing boats return at dawn"
    exif[0x013B] = "Dana Ruiz"
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPS
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile("../../boats é.jpg", buffer.getvalue(), "image/jpeg")


def upload(client, file, **fields):
    data = {"image": file, "alt_text": "Boats in a harbour", **fields}
    return client.post(reverse("admin:articles_photo_add"), data)


@pytest.fixture
def editor_client(client, desk):
    client.force_login(desk.editor)
    return client


def stored_files(media_root):
    return sorted(p for p in media_root.rglob("*") if p.is_file())


def test_upload_is_reencoded_renamed_and_stripped(editor_client, media_root):
    """An admin upload is renamed, turned upright and stored without EXIF."""
    response = upload(editor_client, jpeg_with_metadata())
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert "boats" not in photo.image.name and ".." not in photo.image.name
    assert (photo.width, photo.height) == (800, 1200)  # orientation applied
    for path in stored_files(media_root):
        with Image.open(path) as stored:
            assert not stored.getexif(), path
            assert "exif" not in stored.info, path


def test_embedded_caption_and_credit_prefill_empty_fields(editor_client):
    """Embedded caption and credit fill the photo's empty fields."""
    upload(editor_client, jpeg_with_metadata())
    photo = Photo.objects.get()
    assert photo.caption == "Fishing boats return at dawn"
    assert "Dana Ruiz" in photo.credit


def test_typed_caption_wins_over_embedded_one(editor_client):
    """A typed caption wins over the embedded one."""
    upload(editor_client, jpeg_with_metadata(), caption="Our own caption")
    assert Photo.objects.get().caption == "Our own caption"


def test_renditions_exist_after_upload(editor_client):
    """An upload stores WebP and JPEG renditions at 320 and 640 pixels wide."""
    upload(editor_client, jpeg_with_metadata())
    photo = Photo.objects.get()
    formats = {(r["format"], r["width"]) for r in photo.renditions}
    assert {("webp", 320), ("jpeg", 320), ("webp", 640), ("jpeg", 640)} <= formats
    for rendition in photo.renditions:
        assert photo.image.storage.exists(rendition["name"])


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.jpg", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", "JPEG, PNG, WebP or GIF"),
        (
            "logo.png",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "JPEG, PNG, WebP or GIF",
        ),
        ("page.jpg", b"<html><body>hi</body></html>", "JPEG, PNG, WebP or GIF"),
    ],
)
def test_hostile_uploads_get_a_form_error_not_a_500(
    editor_client, media_root, name, content, message
):
    """PDF, SVG or HTML uploads get a form error and store nothing."""
    response = upload(editor_client, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Photo.objects.exists()
    assert stored_files(media_root) == []


def test_truncated_and_bomb_images_get_form_errors(editor_client):
    """Truncated and pixel-bomb images get form errors and save no photo."""
    buffer = io.BytesIO()
    Image.effect_noise((800, 600), 60).convert("RGB").save(buffer, "JPEG")
    data = buffer.getvalue()
    truncated = SimpleUploadedFile("cut.jpg", data[: len(data) * 2 // 3])
    assert "damaged or incomplete" in upload(editor_client, truncated).content.decode()
    buffer = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buffer, "PNG")
    bomb = SimpleUploadedFile("bomb.png", buffer.getvalue())
    response = upload(editor_client, bomb)
    assert response.status_code == 200
    assert "megapixels" in response.content.decode()
    assert not Photo.objects.exists()


def test_writers_picture_goes_through_the_same_pipeline(editor_client):
    """An author's picture gets renditions and loses its EXIF, like a photo."""
    data = {"name": "Dana Ruiz", "slug": "dana-ruiz", "picture": jpeg_with_metadata()}
    response = editor_client.post(reverse("admin:articles_author_add"), data)
    assert response.status_code == 302
    author = Author.objects.get(slug="dana-ruiz")
    assert author.picture_renditions
    with Image.open(author.picture.path) as stored:
        assert not stored.getexif()


def test_story_page_serves_responsive_pictures(client):
    """The lead photo is a responsive, eager WebP picture with sizes and dimensions."""
    photo = make_photo(image=jpeg_with_metadata(size=(2000, 1200)))
    story = make_article(lead_photo=photo)
    html = client.get(story.get_absolute_url()).content.decode()
    assert '<source type="image/webp" srcset="' in html
    # Upright, the original is 1200 x 2000; the lead is its 16:9 crop, 1200
    # x 675, at the widths below it and its own.
    assert " 320w, " in html and " 960w, " in html and " 1200w" in html
    assert 'sizes="' in html
    assert 'fetchpriority="high"' in html  # the lead photo loads eagerly
    assert 'width="1200" height="675"' in html  # no layout shift while loading


def test_a_public_view_makes_no_renditions(client, media_root, memory_cache):
    """The first view of a story does no more work than a later one: its
    renditions were made at upload, none is made while the reader waits."""
    story = make_article(lead_photo=make_photo())
    other = make_article()
    # The site is warm: navigation, Top Stories, the story cards and the
    # related stories under it are stored.
    for url in ["/", other.get_absolute_url(), "/articles/?page=1"]:
        client.get(url)
    fragments.html(f"related-{story.pk}")
    before = stored_files(media_root)
    for url in [story.get_absolute_url(), "/articles/"]:
        with CaptureQueriesContext(connection) as first:
            assert client.get(url).status_code == 200
        # The story's page is stored per version: a new version renders it again.
        Article.objects.filter(pk=story.pk).update(version=F("version") + 1)
        with CaptureQueriesContext(connection) as later:
            client.get(url)
        assert len(first) <= 1.5 * len(later), url
    assert stored_files(media_root) == before


def test_a_deleted_image_shows_a_placeholder_and_is_logged(client, caplog):
    """A story whose image files are gone shows a placeholder and logs it."""
    photo = make_photo()
    story = make_article(lead_photo=photo)
    for rendition in photo.renditions:
        photo.image.storage.delete(rendition["name"])
    photo.image.storage.delete(photo.image.name)
    with caplog.at_level(logging.WARNING, logger="public.pictures"):
        response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "Image unavailable" in response.content.decode()
    assert f"photo {photo.pk}" in caplog.text


def test_photo_picker_results_carry_thumbnails(editor_client):
    """Photo picker results carry the photo's id and a thumbnail."""
    photo = make_photo(caption="Harbour at dawn")
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Harbour",
            "app_label": "articles",
            "model_name": "article",
            "field_name": "lead_photo",
        },
    )
    result = response.json()["results"][0]
    assert result["id"] == str(photo.pk)
    narrowest = min(
        (
            r
            for r in photo.renditions
            if r["format"] == "jpeg" and r["ratio"] == "original"
        ),
        key=lambda r: r["width"],
    )
    assert result["thumb"] == photo.image.storage.url(narrowest["name"])
    assert result["thumb"].endswith(".jpg")


def test_photo_library_lists_thumbnails_and_searches_credit(editor_client):
    """The photo library searches by credit and shows thumbnails."""
    make_photo(credit="Dana Ruiz", caption="Boats")
    make_photo(credit="Someone Else", caption="Cars")
    url = reverse("admin:articles_photo_changelist")
    response = editor_client.get(url, {"q": "Ruiz"})
    assert response.context["cl"].result_count == 1
    assert "<img src=" in response.content.decode()


def test_a_very_tall_image_gets_jpeg_renditions_only(editor_client, settings):
    """A very tall image (40 by 20,000 pixels) gets JPEG renditions only."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20_000), "white").save(buffer, "PNG")
    response = upload(
        editor_client, SimpleUploadedFile("scroll.png", buffer.getvalue())
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    uncropped = [r for r in photo.renditions if r["ratio"] == "original"]
    assert uncropped
    assert {r["format"] for r in uncropped} == {"jpeg"}
    # Its crops are short enough for WebP.
    assert {r["format"] for r in photo.renditions if r["ratio"] == "16:9"} == {
        "jpeg",
        "webp",
    }


def test_a_long_upload_name_does_not_matter(editor_client):
    """A 250-character upload name is accepted and stored under a short one."""
    file = jpeg_with_metadata()
    file.name = "a" * 250 + ".jpg"
    assert upload(editor_client, file).status_code == 302
    assert len(Photo.objects.get().image.name) < 100


def test_emoji_only_tags_are_refused_with_a_message(editor_client):
    """A tag with no letter or digit is refused with a form message."""
    from tests.factories import story_post

    response = editor_client.post(
        reverse("admin:articles_article_add"), story_post(tags="🔥, ok")
    )
    assert response.status_code == 200
    assert "needs at least one letter or digit" in response.content.decode()
