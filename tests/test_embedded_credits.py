"""The caption and credit a photographer embedded (IPTC/EXIF), read from
uploads made here with Pillow."""

import struct

import pytest
from PIL import Image

from imaging import clean_upload, read_embedded_credits
from tests.imaging_helpers import encode, photo_like, upload


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
