"""The upload pipeline: every hostile file is made here with Pillow, not stored."""

import io
import logging
import random
import re
import struct

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms, ImageDraw, PngImagePlugin

from articles.models import Photo
from imaging import (
    ORIGINAL,
    clean_upload,
    delete_renditions,
    fallback,
    make_renditions,
    read_embedded_credits,
    srcset,
)

GENERATED_NAME = re.compile(r"[0-9a-f]{32}\.(jpg|png)")


def encode(image, fmt, **params):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def photo_like(size=(120, 80)):
    """A picture with detail, so that encoders and resizers have work to do."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    ImageDraw.Draw(image).ellipse((10, 10, size[0] - 10, size[1] - 10), fill="teal")
    return image


def reopen(content):
    content.seek(0)
    return Image.open(io.BytesIO(content.read()))


def rejection(data, name="photo.jpg"):
    with pytest.raises(ValidationError) as caught:
        clean_upload(upload(data, name))
    return caught.value


def iptc_app13(**datasets):
    """A JPEG APP13 segment carrying IPTC datasets, as Photoshop writes it."""
    tags = {"caption": 120, "credit": 110, "byline": 80}
    iptc = b"".join(
        bytes([0x1C, 2, tags[key]]) + struct.pack(">H", len(value)) + value
        for key, value in datasets.items()
    )
    resource = b"8BIM" + struct.pack(">HHI", 0x0404, 0, len(iptc)) + iptc
    resource += b"\x00" * (len(iptc) % 2)
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


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


# --- conversions ------------------------------------------------------------------


def test_a_cmyk_jpeg_is_stored_as_an_rgb_jpeg():
    """A CMYK JPEG is stored as an RGB JPEG."""
    result = clean_upload(upload(encode(photo_like().convert("CMYK"), "JPEG")))

    stored = reopen(result)
    assert (stored.format, stored.mode) == ("JPEG", "RGB")


def test_a_16_bit_png_is_scaled_to_8_bits_not_clipped():
    """A 16-bit greyscale PNG is scaled down to 8 bits, not clipped."""
    grey16 = Image.linear_gradient("L").convert("I").point(lambda v: v * 257)
    grey16 = grey16.convert("I;16")
    grey16.putpixel((0, 0), 32768)
    grey16.putpixel((1, 0), 65535)
    data = encode(grey16, "PNG")
    assert Image.open(io.BytesIO(data)).mode == "I;16"

    stored = reopen(clean_upload(upload(data, "scan.png")))

    assert stored.mode == "L"
    assert abs(stored.getpixel((0, 0)) - 128) <= 3  # clipping would give 255
    assert stored.getpixel((1, 0)) >= 250


def test_an_animated_gif_is_stored_as_its_first_frame_only():
    """An animated GIF is stored as a still of its first frame."""
    frames = [
        Image.new("RGB", (60, 40), color).convert("P")
        for color in ("red", "green", "blue")
    ]
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:])
    assert Image.open(io.BytesIO(data)).n_frames == 3

    stored = reopen(clean_upload(upload(data, "anim.gif")))

    assert stored.format in {"JPEG", "PNG"}
    assert getattr(stored, "n_frames", 1) == 1
    assert not getattr(stored, "is_animated", False)
    red, green, blue = stored.convert("RGB").getpixel((30, 20))
    assert red > 200 and green < 60 and blue < 60


def test_a_palette_png_with_transparency_is_stored_as_an_rgba_png():
    """A palette PNG with transparency is stored as an RGBA PNG, alpha kept."""
    image = Image.new("P", (40, 40), 1)
    image.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    ImageDraw.Draw(image).rectangle((0, 0, 19, 39), fill=0)
    data = encode(image, "PNG", transparency=0)

    stored = reopen(clean_upload(upload(data, "logo.png")))

    assert (stored.format, stored.mode) == ("PNG", "RGBA")
    assert stored.getpixel((5, 5))[3] == 0
    assert stored.getpixel((30, 5)) == (255, 0, 0, 255)


def test_a_grey_png_with_alpha_is_stored_as_an_rgba_png():
    """A greyscale PNG with alpha is stored as an RGBA PNG."""
    image = Image.new("LA", (20, 20), (128, 0))
    image.putpixel((10, 10), (200, 255))

    stored = reopen(clean_upload(upload(encode(image, "PNG"), "grey.png")))

    assert (stored.format, stored.mode) == ("PNG", "RGBA")


def test_an_opaque_rgba_png_is_stored_as_a_jpeg():
    """An RGBA PNG with no transparency is stored as an RGB JPEG named .jpg."""
    data = encode(photo_like().convert("RGBA"), "PNG")

    result = clean_upload(upload(data, "flat.png"))

    stored = reopen(result)
    assert (stored.format, stored.mode) == ("JPEG", "RGB")
    assert result.name.endswith(".jpg")


def test_a_one_bit_image_is_stored_as_a_greyscale_jpeg():
    """A one-bit image is stored as a greyscale JPEG."""
    data = encode(photo_like().convert("1"), "PNG")

    stored = reopen(clean_upload(upload(data, "fax.png")))

    assert (stored.format, stored.mode) == ("JPEG", "L")


def test_stored_jpegs_are_progressive():
    """Stored JPEGs are progressive."""
    stored = reopen(clean_upload(upload(encode(photo_like(), "PNG"), "a.png")))

    assert stored.info.get("progressive") or stored.info.get("progression")


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


def swapped_primaries_profile():
    """An RGB ICC profile whose red and blue primaries trade places."""
    srgb = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    srgb[84:100] = bytes(16)  # the profile ID no longer matches; zero means "none"
    (count,) = struct.unpack_from(">I", srgb, 128)
    for entry in range(132, 132 + 12 * count, 12):
        signature = bytes(srgb[entry : entry + 4])
        swap = {b"rXYZ": b"bXYZ", b"bXYZ": b"rXYZ"}.get(signature, signature)
        srgb[entry : entry + 4] = swap
    return bytes(srgb)


@pytest.mark.parametrize(
    ("fmt", "mode"), [("JPEG", "RGB"), ("PNG", "RGBA")], ids=["jpeg", "png-alpha"]
)
def test_icc_profiles_are_applied_to_the_pixels_then_dropped(fmt, mode):
    """An ICC profile is applied to the pixels, then dropped; alpha is kept."""
    image = Image.new(mode, (40, 40), "red")
    if mode == "RGBA":
        image.putpixel((0, 0), (0, 0, 0, 0))
    data = encode(image, fmt, icc_profile=swapped_primaries_profile())

    result = clean_upload(upload(data, "tagged.img"))

    stored = reopen(result)
    assert "icc_profile" not in stored.info
    red, _green, blue = stored.convert("RGB").getpixel((20, 20))
    assert blue > 200 and red < 60  # what the profile says "red" means is blue
    if mode == "RGBA":
        assert stored.getpixel((0, 0))[3] == 0


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


# --- embedded credits ------------------------------------------------------------


def test_exif_description_and_artist_become_caption_and_credit():
    """EXIF description and artist give a clean caption and credit; the file rewinds."""
    exif = Image.Exif()
    exif[0x010E] = "Flooded street\x07 in\nLeeds\x00"
    exif[0x013B] = "Dana Ruíz".encode()  # tools write UTF-8 into EXIF text
    uploaded = upload(encode(photo_like(), "JPEG", exif=exif))

    credits = read_embedded_credits(uploaded)

    assert credits == {"caption": "Flooded street in Leeds", "credit": "Dana Ruíz"}
    assert uploaded.tell() == 0
    assert clean_upload(uploaded).size > 0


def test_iptc_caption_credit_and_byline_are_read_as_utf8():
    """IPTC caption beats EXIF, credit and byline join, all read as UTF-8."""
    app13 = iptc_app13(
        caption="Ríos crecidos en León".encode(),
        credit=b"Reuters",
        byline="Dana Ruíz".encode(),
    )
    exif = Image.Exif()
    exif[0x010E] = "camera default description"

    credits = read_embedded_credits(
        upload(encode(photo_like(), "JPEG", extra=app13, exif=exif))
    )

    assert credits == {
        "caption": "Ríos crecidos en León",
        "credit": "Reuters / Dana Ruíz",
    }


def test_embedded_texts_are_capped_and_cleaned_of_controls_and_bad_utf8():
    """Embedded texts are capped at 300 characters, controls and bad UTF-8 cleaned."""
    exif = Image.Exif()
    exif[0x010E] = "x" * 1000
    exif[0x8298] = b"\xff\xfe \xe2\x80\xaeevil\x1b[31m"

    credits = read_embedded_credits(upload(encode(photo_like(), "JPEG", exif=exif)))

    assert credits["caption"] == "x" * 300
    assert credits["credit"] == "\ufffd\ufffd evil[31m"


@pytest.mark.parametrize(
    "data",
    [b"", b"garbage", b"%PDF-1.4 nonsense"],
    ids=["empty", "garbage", "pdf"],
)
def test_embedded_credits_are_empty_for_files_that_are_not_images(data):
    """A file that is not an image gives an empty caption and credit."""
    assert read_embedded_credits(upload(data)) == {"caption": "", "credit": ""}


def test_embedded_credits_are_empty_for_images_without_them():
    """An image without embedded texts gives an empty caption and credit."""
    credits = read_embedded_credits(upload(encode(photo_like(), "PNG")))

    assert credits == {"caption": "", "credit": ""}


# --- renditions -------------------------------------------------------------------


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
