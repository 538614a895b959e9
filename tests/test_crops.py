"""A photo's focal point and the crops made around it: 16:9 for a story's
lead, 4:3 for cards, 1:1 for writers and social previews."""

import io
import itertools
import json
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image, ImageDraw

import imaging
from articles import actions
from articles.models import Photo
from tests.factories import make_article, make_author, make_photo

RED = (220, 0, 0)


def red_edge_image(size=(1600, 900), edge=150):
    """White, with a red band down its right edge."""
    image = Image.new("RGB", size, "white")
    ImageDraw.Draw(image).rectangle((size[0] - edge, 0, size[0], size[1]), fill=RED)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95)
    return SimpleUploadedFile("band.jpg", buffer.getvalue(), "image/jpeg")


def crop(photo, ratio, fmt="jpeg"):
    """The widest stored copy of `photo` in `ratio`, opened."""
    chosen = max(
        (r for r in photo.renditions if r["ratio"] == ratio and r["format"] == fmt),
        key=lambda r: r["width"],
    )
    with default_storage.open(chosen["name"]) as stored:
        return chosen, Image.open(io.BytesIO(stored.read())).convert("RGB")


def is_red(pixel):
    return pixel[0] > 180 and pixel[1] < 60 and pixel[2] < 60


@pytest.mark.parametrize("size", [(4000, 3000), (1000, 4000), (1920, 1080), (7, 5)])
def test_every_crop_is_its_ratio_and_keeps_the_focal_point_inside(size):
    """For any focal point, each crop has its ratio (to a pixel), fits in
    the image and contains the point."""
    width, height = size
    for (name, (across, down)), fx, fy in itertools.product(
        imaging.CROPS.items(), [0, 0.13, 0.5, 0.87, 1], [0, 0.4, 1]
    ):
        left, top, right, bottom = imaging.crop_box(size, (across, down), (fx, fy))
        assert 0 <= left < right <= width and 0 <= top < bottom <= height, name
        assert abs((right - left) * down - (bottom - top) * across) <= max(across, down)
        assert left <= fx * width <= right and top <= fy * height <= bottom, (name, fx)
        # The largest such box: it spans the image one way.
        assert right - left == width or bottom - top == height


@pytest.mark.django_db
def test_crops_follow_the_focal_point():
    """With the focal point on the red band at the right edge, the square
    crop shows it; centred, the square crop leaves it out."""
    centred = make_photo(image=red_edge_image())
    _, square = crop(centred, "1:1")
    assert not is_red(square.getpixel((square.width - 1, square.height // 2)))

    right = make_photo(image=red_edge_image(), focal_x=0.95, focal_y=0.5)
    _, square = crop(right, "1:1")
    assert is_red(square.getpixel((square.width - 1, square.height // 2)))
    assert not is_red(square.getpixel((0, square.height // 2)))


@pytest.mark.django_db
def test_each_ratio_is_made_and_at_least_1200_wide_when_the_original_allows():
    photo = make_photo(image=red_edge_image(size=(3000, 2000)))
    for ratio, (across, down) in imaging.CROPS.items():
        chosen, image = crop(photo, ratio)
        assert image.size == (chosen["width"], chosen["height"])
        assert abs(chosen["width"] * down - chosen["height"] * across) <= across + down
        assert chosen["width"] >= 1200, ratio
    # A 1,250 px wide original: its crops keep all 1,250 (not only 960) pixels.
    narrow = make_photo(image=red_edge_image(size=(1250, 1000)))
    assert crop(narrow, "16:9")[0]["width"] == 1250
    assert crop(narrow, "1:1")[0]["width"] == 1000  # as wide as it allows


@pytest.mark.django_db
def test_pages_pick_the_crop_that_fits_the_slot(client):
    """The story's lead is 16:9, its card 4:3, its social preview and its
    writer's picture 1:1; the JSON-LD lists the three ratios."""
    author = make_author(name="Ann Lee")
    author.picture = SimpleUploadedFile(
        "ann.jpg", red_edge_image(size=(600, 400)).read(), "image/jpeg"
    )
    author.save()
    imaging.refresh_renditions(
        author, "picture", "picture_renditions", ratios=imaging.AUTHOR_RATIOS
    )
    photo = make_photo(image=red_edge_image(size=(2400, 1600)))
    story = make_article(lead_photo=photo, authors=[author])

    page = client.get(story.get_absolute_url()).content.decode()
    lead = re.search(r'<figure class="lead-photo">.*?</figure>', page, re.S).group()
    assert "-16x9-1280.jpg" in lead and 'width="1280" height="720"' in lead
    og = re.search(r'property="og:image" content="([^"]+)"', page).group(1)
    assert og.endswith("-1x1-1280.jpg")
    byline = re.search(r'class="byline-pictures">.*?</span>', page, re.S).group()
    assert "-1x1-" in byline
    assert '<meta name="robots" content="max-image-preview:large">' in page

    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1)
    )
    shapes = [(image["width"], image["height"]) for image in data["image"]]
    assert shapes == [(1920, 1080), (1920, 1440), (1600, 1600)]
    assert all(image["creditText"] == photo.credit for image in data["image"])

    listing = client.get("/articles/").content.decode()
    card = re.search(r'<a class="card-photo".*?</a>', listing, re.S).group()
    assert "-4x3-" in card and "-16x9-" not in card


@pytest.fixture
def editor_client(client, desk):
    client.force_login(desk.editor)
    return client


def photo_form(photo, **changes):
    return {
        "alt_text": photo.alt_text,
        "caption": photo.caption,
        "credit": photo.credit,
        "source_url": "",
        "license": "",
        "focal_x": photo.focal_x,
        "focal_y": photo.focal_y,
        **changes,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("focal_x", "focal_y"),
    [("1.2", "0.5"), ("0.5", "-0.01"), ("nan", "0.5"), ("0.5", "inf"), ("a", "b")],
)
def test_a_focal_point_outside_the_image_is_refused_with_a_message(
    editor_client, focal_x, focal_y
):
    photo = make_photo()
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    response = editor_client.post(
        url, photo_form(photo, focal_x=focal_x, focal_y=focal_y)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "The focal point must lie inside the image" in html or "Enter a number" in html
    )
    photo.refresh_from_db()
    assert photo.focal == (0.5, 0.5)


@pytest.mark.django_db
def test_the_photo_form_shows_the_focal_point_picker(editor_client):
    photo = make_photo(image=red_edge_image(), focal_x=0.25, focal_y=0.75)
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    html = editor_client.get(url).content.decode()
    assert "data-focal-picker" in html
    assert 'style="left:25.0%;top:75.0%"' in html
    assert 'name="focal_x"' in html and 'max="1"' in html
    assert html.count('class="focal-crop"') == 3


def red_foot_image(size=(900, 1600), foot=150):
    """White, with a red band along its bottom edge."""
    image = Image.new("RGB", size, "white")
    ImageDraw.Draw(image).rectangle((0, size[1] - foot, size[0], size[1]), fill=RED)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95)
    return SimpleUploadedFile("foot.jpg", buffer.getvalue(), "image/jpeg")


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")


def lead_of(html):
    return re.search(r'<figure class="lead-photo">.*?</figure>', html, re.S).group()


@pytest.mark.django_db(transaction=True)
def test_moving_the_focal_point_recrops_in_the_background_and_renews_pages(
    client, desk
):
    """Saving a new focal point answers at once; the worker crops again
    around it (the original's copies stay), deletes the replaced crops, and
    the story's page shows the new lead."""
    photo = make_photo(image=red_foot_image())
    story = make_article(lead_photo=photo)
    _, lead = crop(photo, "16:9")
    assert not is_red(lead.getpixel((lead.width // 2, lead.height - 1)))
    old = {r["name"] for r in photo.renditions}
    uncropped = {r["name"] for r in imaging.of_ratio(photo.renditions, "original")}
    before = lead_of(client.get(story.get_absolute_url()).content.decode())

    client.force_login(desk.editor)
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    response = client.post(url, photo_form(photo, focal_y="0.97"))
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.focal_y == 0.97
    assert {r["name"] for r in photo.renditions} == old  # not while the editor waits

    run_worker()

    photo.refresh_from_db()
    new = {r["name"] for r in photo.renditions}
    assert uncropped <= new  # the original's copies are not made again
    assert not any(default_storage.exists(name) for name in old - new)
    assert len(old - new) == len(new - uncropped)  # every crop replaced
    _, lead = crop(photo, "16:9")
    assert is_red(lead.getpixel((lead.width // 2, lead.height - 1)))
    after = lead_of(client.get(story.get_absolute_url()).content.decode())
    assert after != before and "-16x9-" in after
    assert all(name.rsplit("/", 1)[-1] not in after for name in old - new)


@pytest.mark.django_db(transaction=True)
def test_crops_are_made_even_if_the_story_moved_on_or_the_person_left(desk):
    """The worker finishes a change that was allowed when it was saved."""
    photo = make_photo(image=red_foot_image())
    Photo.objects.filter(pk=photo.pk).update(uploaded_by=desk.writer2)
    photo.refresh_from_db()
    photo.focal_y = 0.97
    actions.SavePhoto(photo, changed=["focal_y"]).execute(by=desk.writer2)
    desk.writer2.delete()
    run_worker()
    photo.refresh_from_db()
    _, lead = crop(photo, "16:9")
    assert is_red(lead.getpixel((lead.width // 2, lead.height - 1)))


@pytest.mark.django_db
def test_a_writer_cannot_move_the_focal_point_of_a_photo_they_may_not_edit(
    client, desk
):
    photo = make_photo()
    Photo.objects.filter(pk=photo.pk).update(uploaded_by=desk.writer2)
    client.force_login(desk.writer)
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    response = client.post(url, photo_form(photo, focal_x="0.9"))
    assert response.status_code == 403
    photo.refresh_from_db()
    assert photo.focal_x == 0.5
