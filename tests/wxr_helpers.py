"""Running manage.py import_wxr in its tests, on exports made item by item."""

from io import StringIO

from django.core.management import call_command


def run(*args, **options):
    out = StringIO()
    call_command("import_wxr", *args, stdout=out, **options)
    return out.getvalue()


def wxr(items, *, link="https://small.example", categories=""):
    """A small export around `items` (each an <item>'s inside)."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
        f"<title>Small</title><link>{link}</link><wp:wxr_version>1.2</wp:wxr_version>"
        f"{categories}{''.join(f'<item>{item}</item>' for item in items)}"
        "</channel></rss>"
    )


def post(
    wp_id,
    *,
    slug="",
    status="publish",
    date="2024-04-25 10:00:00",
    thumbnail=None,
    category=("news", "News"),
    extra="",
):
    meta = (
        "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
        f"<wp:meta_value>{thumbnail}</wp:meta_value></wp:postmeta>"
        if thumbnail
        else ""
    )
    return (
        f"<title>Post {wp_id}</title><dc:creator>ann</dc:creator>"
        f"<content:encoded><![CDATA[<p>Text of {wp_id}.</p>]]></content:encoded>"
        f"<wp:post_id>{wp_id}</wp:post_id><wp:post_name>{slug}</wp:post_name>"
        f"<wp:post_date_gmt>{date}</wp:post_date_gmt><wp:status>{status}</wp:status>"
        "<wp:post_type>post</wp:post_type>"
        f'<category domain="category" nicename="{category[0]}">{category[1]}</category>'
        '<category domain="post_tag" nicename="t">T</category>'
        f"{meta}{extra}"
    )


def attachment(wp_id, path):
    return (
        f"<title>pic {wp_id}</title><wp:post_id>{wp_id}</wp:post_id>"
        "<wp:post_type>attachment</wp:post_type>"
        "<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key>"
        f"<wp:meta_value>{path}</wp:meta_value></wp:postmeta>"
    )
