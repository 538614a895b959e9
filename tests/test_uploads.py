"""The upload pipeline: every hostile file is made here with Pillow, not stored."""

import io
import logging
import random
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import File
from PIL import Image, ImageDraw, PngImagePlugin

from imaging import clean_upload
from tests.imaging_helpers import encode, photo_like, reopen, upload

GENERATED_NAME = re.compile(r"[0-9a-f]{32}\.(jpg|png)")


def rejection(data, name="photo.jpg"):
    with pytest.raises(ValidationError) as caught:
        clean_upload(upload(data, name))
    return caught.value


# --- rejections -----------------------------------------------------------------


def test_a_100_megapixel_png_of_a_few_kilobytes_is_rejected():
    """A 100-megapixel PNG under 100 kB is rejected for too many pixels."""
    data = encode(Image.new("1", (10_000, 10_000)), "PNG")
    assert len(data) < 100_000

    error = rejection(data, "bomb.png")

    assert error.code == "too_many_pixels"
    assert "megapixels" in error.messages[0]


def test_an_image_over_the_pixel_limit_but_under_pillows_is_rejected():
    """A 49-megapixel PNG, over our limit but under Pillow's, is rejected."""
    data = encode(Image.new("1", (7_000, 7_000)), "PNG")  # 49 MP > 40 MP

    assert rejection(data, "big.png").code == "too_many_pixels"


def test_every_frame_of_an_animation_counts_towards_the_pixel_limit(settings):
    """Every animation frame counts towards the pixel limit; one frame alone passes."""
    settings.NEWSROOM_UPLOAD_MAX_PIXELS = 100 * 100 * 5
    frames = [
        Image.new("RGB", (100, 100), (25 * n, 0, 0)).convert("P") for n in range(10)
    ]
    animated = encode(frames[0], "GIF", save_all=True, append_images=frames[1:])
    still = encode(frames[0], "GIF")
    assert Image.open(io.BytesIO(animated)).n_frames == 10

    assert rejection(animated, "anim.gif").code == "too_many_pixels"
    assert clean_upload(upload(still, "still.gif")).size > 0


def test_a_truncated_jpeg_is_rejected_as_damaged(caplog):
    """A truncated JPEG is rejected as damaged, with no warning logged."""
    data = encode(photo_like((400, 300)), "JPEG", quality=90)

    error = rejection(data[: len(data) // 2])

    assert error.code == "damaged_image"
    assert "damaged or incomplete" in error.messages[0]
    # A damaged file is the user's problem, not a bug worth a warning in the logs.
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_an_svg_with_a_script_is_rejected():
    """An SVG with a script is rejected as an unsupported format."""
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>alert(document.cookie)</script></svg>"
    )

    assert rejection(svg, "logo.svg").code == "unsupported_format"


@pytest.mark.parametrize("fmt", ["PDF", "EPS", "TIFF", "BMP", "ICO", "PPM"])
def test_other_formats_pillow_can_read_are_rejected_whatever_the_name(fmt):
    """PDF, EPS, TIFF, BMP, ICO and PPM are rejected, even when named .jpg."""
    data = encode(photo_like(), fmt)

    error = rejection(data, "innocent.jpg")

    assert error.code == "unsupported_format"
    assert error.messages[0].startswith("Upload a JPEG, PNG, WebP or GIF image")


@pytest.mark.parametrize(
    "data",
    [
        b"8BPS\x00\x01" + b"\x00" * 100,  # a Photoshop header
        b"<html><body><script>alert(1)</script></body></html>",
        b"just some text\n",
        b"",
    ],
    ids=["psd", "html", "text", "empty"],
)
def test_files_that_are_not_images_are_rejected_even_when_named_png(data):
    """PSD, HTML, text and empty files named .png are rejected as unsupported."""
    assert rejection(data, "picture.png").code == "unsupported_format"


def test_an_oversized_file_is_rejected_before_its_content_is_looked_at(settings):
    """A file over the byte limit is rejected as too large before any format check."""
    settings.NEWSROOM_UPLOAD_MAX_BYTES = 1000

    error = rejection(b"not an image at all" * 100)

    assert error.code == "file_too_large"
    assert "at most 1000\xa0bytes" in error.messages[0]


def test_a_file_that_understates_its_size_is_still_stopped_at_the_limit(settings):
    """A file that reports too small a size is still rejected as too large."""
    settings.NEWSROOM_UPLOAD_MAX_BYTES = 1000
    lying = File(io.BytesIO(encode(photo_like((400, 300)), "PNG")), name="x.png")
    lying.size = 10

    with pytest.raises(ValidationError) as caught:
        clean_upload(lying)

    assert caught.value.code == "file_too_large"


def test_no_exception_but_validation_error_escapes_for_corrupted_bytes():
    """Randomly corrupted or cut images raise nothing but ValidationError."""
    rng = random.Random(20261128)
    originals = [
        encode(photo_like(), "JPEG"),
        encode(photo_like(), "PNG"),
        encode(photo_like(), "WEBP"),
        encode(photo_like().convert("P"), "GIF"),
    ]
    accepted = rejected = 0
    for original in originals:
        for _ in range(40):
            data = bytearray(original)
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            cut = rng.choice([len(data), rng.randrange(1, len(data))])
            try:
                clean_upload(upload(bytes(data[:cut])))
                accepted += 1
            except ValidationError:
                rejected += 1
    assert accepted + rejected == 160
    assert rejected > 0


# --- metadata and payloads -----------------------------------------------------------


def test_exif_with_gps_is_dropped_and_orientation_applied_to_the_pixels():
    """EXIF, GPS included, is dropped once its orientation is applied to the pixels."""
    image = Image.new("RGB", (60, 40), "blue")
    ImageDraw.Draw(image).rectangle((0, 0, 29, 39), fill="red")  # left half red
    exif = Image.Exif()
    exif[0x0112] = 6  # displayed rotated 90° clockwise
    exif[0x013B] = "Dana Ruiz"
    exif[0x8825] = {1: "N", 2: (52.0, 22.0, 1.5), 3: "E", 4: (4.0, 53.0, 0.0)}
    data = encode(image, "JPEG", exif=exif)
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)

    stored = reopen(clean_upload(upload(data)))

    assert not stored.getexif()
    assert "exif" not in stored.info
    assert stored.size == (40, 60)
    top_red = stored.getpixel((20, 5))
    bottom_blue = stored.getpixel((20, 55))
    assert top_red[0] > 200 and top_red[2] < 60
    assert bottom_blue[2] > 200 and bottom_blue[0] < 60


def png_with_text():
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "secret-png-text")
    text.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>secret-xmp</x:xmpmeta>")
    return encode(photo_like().convert("RGBA"), "PNG", pnginfo=text)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(
            lambda: encode(photo_like(), "JPEG", comment=b"secret-comment"),
            id="jpeg-comment",
        ),
        pytest.param(
            lambda: encode(photo_like(), "JPEG", xmp=b"<x:xmpmeta>secret</x:xmpmeta>"),
            id="jpeg-xmp",
        ),
        pytest.param(png_with_text, id="png-text-and-xmp"),
        pytest.param(
            lambda: encode(photo_like(), "GIF", comment=b"secret-gif-comment"),
            id="gif-comment",
        ),
    ],
)
def test_comments_xmp_and_text_chunks_are_dropped(data):
    """JPEG comments and XMP, PNG text chunks and GIF comments are dropped."""
    result = clean_upload(upload(data(), "meta.png"))

    assert b"secret" not in result.read()
    assert not reopen(result).info.keys() & {"comment", "xmp", "Comment"}


def test_html_appended_to_a_png_is_gone_after_re_encoding():
    """HTML appended to a PNG is gone after re-encoding."""
    payload = b"<html><script>alert(document.cookie)</script></html>"
    data = encode(photo_like(), "PNG") + payload
    assert Image.open(io.BytesIO(data)).format == "PNG"

    content = clean_upload(upload(data, "polyglot.png")).read()

    assert b"<script" not in content
    assert b"<html" not in content


# --- names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["../../x.png", "a" * 300 + ".png", "фото 🌊 ✓.png", "x.php\x00.png", ""],
    ids=["traversal", "300-chars", "unicode", "nul", "empty"],
)
def test_stored_names_are_random_and_never_derived_from_the_upload(name):
    """Stored names are new random hex names, whatever the uploaded name."""
    data = encode(photo_like(), "PNG")

    first = clean_upload(File(io.BytesIO(data), name=name))
    second = clean_upload(File(io.BytesIO(data), name=name))

    assert GENERATED_NAME.fullmatch(first.name)
    assert first.name != second.name
