"""Renditions: the resized WebP and JPEG copies made at upload, and the
srcset and fallback pages use."""

import io
import re

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw

from articles.models import Photo
from imaging import ORIGINAL, delete_renditions, fallback, make_renditions, srcset
from tests.imaging_helpers import encode, photo_like


def stored_photo(image, fmt="JPEG", **params):
    """An unsaved Photo whose image file is in storage (no database needed)."""
    photo = Photo()
    photo.image.save(
        f"original.{fmt.lower()}", ContentFile(encode(image, fmt, **params)), save=False
    )
    return photo.image


def test_renditions_are_webp_and_jpeg_at_each_smaller_width_without_exif(settings):
    """Each configured width below the original, and the original's own width
    (it is below the widest), gets a WebP and a JPEG, without EXIF."""
    settings.NEWSROOM_RENDITION_WIDTHS = (320, 640, 960, 1280)
    exif = Image.Exif()
    exif[0x013B] = "Dana Ruiz"
    original = stored_photo(photo_like((1000, 500)), exif=exif)

    renditions = make_renditions(original, ratios=(ORIGINAL,))

    assert [(r["format"], r["width"]) for r in renditions] == [
        (fmt, width) for width in (320, 640, 960, 1000) for fmt in ("webp", "jpeg")
    ]
    stem = original.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    for rendition in renditions:
        assert rendition["name"].startswith(f"renditions/{stem}-{rendition['width']}.")
        assert default_storage.exists(rendition["name"])
        with default_storage.open(rendition["name"]) as stored_file:
            stored = Image.open(io.BytesIO(stored_file.read()))
        assert stored.format == rendition["format"].upper()
        assert stored.size == (rendition["width"], rendition["height"])
        assert rendition["height"] == rendition["width"] // 2
        assert not stored.getexif()


def test_an_image_narrower_than_every_width_gets_one_rendition_at_its_own_width():
    """An image narrower than every width gets a WebP and a JPEG at its own size."""
    renditions = make_renditions(
        stored_photo(photo_like((200, 100))), ratios=(ORIGINAL,)
    )

    assert {(r["format"], r["width"], r["height"]) for r in renditions} == {
        ("webp", 200, 100),
        ("jpeg", 200, 100),
    }


def test_transparent_images_get_a_white_background_in_jpeg_renditions_only():
    """Transparency turns white in JPEG renditions and stays in WebP ones."""
    image = Image.new("RGBA", (400, 200), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((200, 0, 399, 199), fill=(255, 0, 0, 255))
    renditions = make_renditions(stored_photo(image, "PNG"), ratios=(ORIGINAL,))

    by_format = {r["format"]: r for r in renditions}
    with default_storage.open(by_format["jpeg"]["name"]) as stored_file:
        jpeg = Image.open(io.BytesIO(stored_file.read())).convert("RGB")
    with default_storage.open(by_format["webp"]["name"]) as stored_file:
        webp = Image.open(io.BytesIO(stored_file.read()))
    assert all(channel > 245 for channel in jpeg.getpixel((10, 10)))
    assert webp.mode == "RGBA"
    assert webp.getpixel((10, 10))[3] == 0


def test_srcset_fallback_and_delete_work_from_the_rendition_list():
    """A rendition list gives srcset and fallback; deleting it keeps the original."""
    original = stored_photo(photo_like((2000, 1000)))
    renditions = make_renditions(original)

    webp = srcset(renditions, "webp", default_storage)
    chosen = fallback(renditions, default_storage)

    assert re.fullmatch(
        r"/media/renditions/\S+-320\.webp 320w, (/media/\S+ \d+w, ){3}"
        r"/media/renditions/\S+-1920\.webp 1920w",
        webp,
    )
    assert chosen["width"] == 1280
    assert chosen["height"] == 640
    assert chosen["url"].endswith("-1280.jpg")
    assert fallback([], default_storage) == {}

    delete_renditions(renditions, default_storage)

    assert not any(default_storage.exists(r["name"]) for r in renditions)
    assert default_storage.exists(original.name)
