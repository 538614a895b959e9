"""Colour and mode at upload: every stored image plain sRGB (or grey), 8 bits,
with its ICC profile applied; every source image is made here with Pillow."""

import io
import struct

import pytest
from PIL import Image, ImageCms, ImageDraw

from imaging import clean_upload
from tests.imaging_helpers import encode, photo_like, reopen, upload

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
