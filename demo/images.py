"""Pictures for the demo content, drawn with Pillow (nothing is downloaded)."""

import functools
import io
import random

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont


def _rgb(color):
    color = color.lstrip("#")
    return tuple(int(color[i : i + 2], 16) for i in (0, 2, 4))


def _jpeg(image):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()


def portrait(name, color, size=400):
    """A square portrait: a silhouette and the author's initials on their colour."""
    return ContentFile(_portrait_bytes(name, color, size), name="portrait.jpg")


def scene(seed, color, width=1600, height=1000):
    """A landscape "photo": a sky gradient, hills and a sun, varied by seed."""
    return ContentFile(_scene_bytes(seed, color, width, height), name="photo.jpg")


# Drawing is deterministic, so a process draws each picture once.
@functools.cache
def _portrait_bytes(name, color, size):
    base = _rgb(color)
    image = Image.new("RGB", (size, size), base)
    draw = ImageDraw.Draw(image)
    lighter = tuple(min(255, c + 60) for c in base)
    draw.ellipse((size * 0.25, size * 0.12, size * 0.75, size * 0.62), fill=lighter)
    draw.rounded_rectangle(
        (size * 0.12, size * 0.62, size * 0.88, size * 1.2),
        radius=size // 4,
        fill=lighter,
    )
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    font = ImageFont.load_default(size=size // 6)
    draw.text((size / 2, size * 0.37), initials, fill=base, font=font, anchor="mm")
    return _jpeg(image)


@functools.cache
def _scene_bytes(seed, color, width, height):
    rng = random.Random(seed)
    base = _rgb(color)
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(c * (0.55 + 0.45 * t) + 255 * 0.3 * (1 - t)) for c in base),
        )
    sun_x, sun_y = (
        rng.randint(width // 8, width * 7 // 8),
        rng.randint(height // 8, height // 3),
    )
    draw.ellipse((sun_x - 90, sun_y - 90, sun_x + 90, sun_y + 90), fill=(255, 236, 179))
    for layer in range(3):
        shade = tuple(max(0, int(c * (0.7 - layer * 0.2))) for c in base)
        top = height * (0.45 + layer * 0.15)
        points = [(0, height)]
        for x in range(0, width + 200, 200):
            points.append((x, top + rng.randint(-80, 80)))
        points.append((width, height))
        draw.polygon(points, fill=shade)
    return _jpeg(image)
