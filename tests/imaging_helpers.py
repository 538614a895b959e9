"""Images made here with Pillow for the upload pipeline's tests, sent as
uploads, and reopened from what was stored."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw


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
