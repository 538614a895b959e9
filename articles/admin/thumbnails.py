from django.utils.html import format_html


def thumbnail(image, alt="", size=80):
    """A small admin preview of an image field, or a dash when there is none."""
    if not image:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" style="max-width:{}px;max-height:{}px;'
        'object-fit:cover;border-radius:3px">',
        image.url,
        alt,
        size,
        size,
    )
