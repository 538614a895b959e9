from django.utils.html import format_html


def smallest_url(renditions, storage):
    """The URL of the narrowest JPEG rendition, or "" when there is none."""
    jpegs = [r for r in renditions if r["format"] == "jpeg"]
    if not jpegs:
        return ""
    return storage.url(min(jpegs, key=lambda r: r["width"])["name"])


def thumbnail(image, alt="", size=80, renditions=()):
    """A small admin preview of an image, from its smallest rendition if any."""
    if not image:
        return "—"
    url = smallest_url(renditions, image.storage) or image.url
    return format_html(
        '<img src="{}" alt="{}" style="max-width:{}px;max-height:{}px;'
        'object-fit:cover;border-radius:3px">',
        url,
        alt,
        size,
        size,
    )
