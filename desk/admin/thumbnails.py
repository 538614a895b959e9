from django.utils.html import format_html, format_html_join

import imaging


def smallest_url(renditions, storage, ratio=imaging.ORIGINAL):
    """The URL of the narrowest JPEG rendition in `ratio`, or "" when there
    is none."""
    jpegs = [r for r in imaging.of_ratio(renditions, ratio) if r["format"] == "jpeg"]
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


def focal_point_picker(photo):
    """The photo with its focal point marked (desk/static/desk/focal_point.js
    moves it on a click), and the crops made around it."""
    if not photo.image:
        return "—"
    storage = photo.image.storage
    chosen = imaging.fallback(photo.renditions, storage, max_width=640)
    url = chosen.get("url") or photo.image.url
    crops = format_html_join(
        "",
        '<figure class="focal-crop"><img src="{}" alt="" height="90">'
        "<figcaption>{}</figcaption></figure>",
        (
            (smallest_url(photo.renditions, storage, ratio), ratio)
            for ratio in imaging.CROPS
            if any(r.get("ratio") == ratio for r in photo.renditions)
        ),
    )
    return format_html(
        '<div class="focal-picker" data-focal-picker>'
        '<img src="{}" alt="{}">'
        '<span class="focal-marker" aria-hidden="true" style="left:{}%;top:{}%"></span>'
        "</div>"
        '<p class="help">Click the point every crop must keep in frame, or type '
        "it below as fractions. New crops are made in the background after you "
        "save.</p>"
        '<div class="focal-crops">{}</div>',
        url,
        photo.alt_text,
        round(photo.focal_x * 100, 1),
        round(photo.focal_y * 100, 1),
        crops,
    )
