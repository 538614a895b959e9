"""manage.py import_wxr: a realistic WordPress export (tests/imports/) with
featured images, shortcodes, hostile HTML, a missing image, a duplicate slug
and every post status; idempotent, with a dry run."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.models import Article, Author, Photo, Revision, Section
from audit.models import AuditEntry
from tests.factories import image_file, make_article
from wordpress.models import ImportedItem

pytestmark = pytest.mark.django_db
EXPORT = Path(__file__).parent / "imports" / "harbour.xml"
Status = Article.Status


@pytest.fixture
def export(tmp_path):
    """The export beside its uploads folder, which holds the ferry photo
    but not the council chamber's (the missing image)."""
    shutil.copy(EXPORT, tmp_path / "harbour.xml")
    folder = tmp_path / "uploads" / "2024" / "04"
    folder.mkdir(parents=True)
    (folder / "ferry.jpg").write_bytes(image_file(size=(640, 427)).read())
    return tmp_path / "harbour.xml"


def run(*args, **options):
    out = StringIO()
    call_command("import_wxr", *args, stdout=out, **options)
    return out.getvalue()


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Article, Author, Section, Photo, ImportedItem, Revision)
    }


@pytest.fixture
def existing(desk):
    """A story of ours already at one of the export's slugs."""
    return make_article(slug="budget-vote", headline="Our own budget story")


def test_a_dry_run_reports_and_writes_nothing(export, desk, existing):
    before = counts()
    out = run(str(export), "--dry-run", "--by", "editor")
    assert counts() == before
    assert "Dry run: nothing was written." in out
    assert "create" in out and "as ferry-timetable (publish)" in out
    assert "<script> removed" in out
    assert "council-chamber.jpg not in the uploads folder" in out
    assert "slug “budget-vote” is taken: “budget-vote-2”" in out


def test_posts_become_stories_with_their_people_sections_tags_and_dates(
    export, desk, existing
):
    out = run(str(export), "--by", "editor")
    ferry = Article.objects.get(slug="ferry-timetable")
    assert ferry.headline == "Ferry timetable & fares"
    assert ferry.dek == "New summer times from May 1."
    assert ferry.status == Status.PUBLISHED and ferry.is_live
    assert ferry.publish_at.isoformat() == "2024-04-25T14:30:00+00:00"
    assert ferry.first_published_at == ferry.publish_at
    assert [a.name for a in ferry.authors_in_order] == ["Maya Marsh"]
    assert ferry.section.name == "Local News" and ferry.section.slug == "local-news"
    assert list(ferry.tags.names()) == ["Ferries"]
    # Paragraphs made from blank lines; the caption's text kept, its image
    # not; the [embed] URL alone in its paragraph; "[sic]" is text.
    assert ferry.body.startswith("<p>The summer timetable starts on <strong>May 1")
    assert "The morning ferry." in ferry.body and "<img" not in ferry.body
    assert "<p>https://www.youtube.com/watch?v=dQw4w9WgXcQ</p>" in ferry.body
    assert "[sic]" in ferry.body
    photo = ferry.lead_photo
    assert photo.alt_text == "A white ferry leaving the harbour at dawn"
    assert photo.caption == "The morning ferry leaves at 7."
    assert photo.credit == "The Harbour Gazette" and photo.renditions
    assert Article.objects.get(slug="regatta-preview").status == Status.DRAFT
    assert Article.objects.get(slug="lifeboat-crew").status == Status.IN_REVIEW
    festival = Article.objects.get(slug="harbour-festival")
    assert festival.is_scheduled and festival.publish_at.year == 2099
    assert not Article.objects.filter(headline="Staff party").exists()
    assert "skipped    post 107 “Staff party”: WordPress status “private”" in out
    # Through the actions: revisions, and the audit log names the editor.
    assert ferry.revisions.filter(kind=Revision.Kind.CREATED).exists()
    assert AuditEntry.objects.filter(
        action="publish", actor=desk.editor, object_id=str(ferry.pk)
    ).exists()


def test_hostile_html_is_cleaned_and_reported(export, desk):
    out = run(str(export), "--by", "editor")
    council = Article.objects.get(slug="council-meeting")
    for gone in (
        "<script",
        "evil.example",
        "onclick",
        "javascript:",
        "<iframe",
        "image x not kept",  # the <img onerror=…> goes whole
        "style=",
        "[gallery",
        "contact-form-7",
        "target=",
    ):
        assert gone not in council.body, gone
    assert '<a href="https://harbour.example/minutes.pdf"' in council.body
    assert "Next meeting" in council.body  # an <h4>'s text is kept
    for reported in (
        "<script> removed",
        "javascript: link removed",
        "onclick attribute on <p> removed",
        "<iframe> removed",
        "image x not kept",  # the <img onerror=…> goes whole
        "shortcode [gallery] removed",
        "shortcode [contact-form-7] removed",
        "<h4> removed (its text kept)",
        "<span> removed (its text kept)",
    ):
        assert reported in out, reported


def test_a_missing_image_is_reported_and_the_story_comes_without_it(export, desk):
    out = run(str(export), "--by", "editor")
    council = Article.objects.get(slug="council-meeting")
    assert council.lead_photo is None and council.is_live
    assert "featured image 2024/04/council-chamber.jpg not in the uploads folder" in out


def test_a_taken_slug_gets_a_new_one_and_the_old_story_is_untouched(
    export, desk, existing
):
    out = run(str(export), "--by", "editor")
    existing.refresh_from_db()
    assert existing.headline == "Our own budget story"
    imported = Article.objects.get(slug="budget-vote-2")
    assert imported.headline == "Budget vote"
    twice = Article.objects.get(slug="budget-vote-3")  # same slug in the export
    assert twice.headline == "Budget vote: the reactions"
    assert "slug “budget-vote” is taken: “budget-vote-2”" in out
    assert "slug “budget-vote” is taken: “budget-vote-3”" in out


def test_a_second_run_changes_nothing(export, desk, existing):
    run(str(export), "--by", "editor")
    before = counts()
    stories = list(Article.objects.values())
    out = run(str(export), "--by", "editor")
    assert counts() == before
    assert list(Article.objects.values()) == stories
    assert out.count("imported before") == 7
    assert "created" not in out.splitlines()[-1]


def test_an_editor_edit_survives_a_second_run(export, desk):
    run(str(export), "--by", "editor")
    Article.objects.filter(slug="ferry-timetable").update(headline="Edited here")
    run(str(export), "--by", "editor")
    assert Article.objects.get(slug="ferry-timetable").headline == "Edited here"


def test_an_image_that_is_not_one_is_refused(export, desk):
    ferry = export.parent / "uploads" / "2024" / "04" / "ferry.jpg"
    ferry.write_bytes(b"<?php system($_GET['c']); ?>")
    out = run(str(export), "--by", "editor")
    assert "refused" in out and "2024/04/ferry.jpg" in out
    assert Article.objects.get(slug="ferry-timetable").lead_photo is None
    assert not Photo.objects.exists()


def test_an_image_path_cannot_leave_the_uploads_folder(export, desk, tmp_path):
    (tmp_path / "secret.jpg").write_bytes(image_file().read())
    text = export.read_text().replace("2024/04/ferry.jpg]]", "../secret.jpg]]")
    export.write_text(text)
    out = run(str(export), "--by", "editor")
    assert "../secret.jpg not in the uploads folder" in out
    assert not Photo.objects.exists()


def test_a_writer_may_not_import(export, desk):
    with pytest.raises(CommandError, match="may not publish"):
        run(str(export), "--by", "writer")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("not xml at all", "Not a readable WordPress export"),
        ("<rss><channel><title>Just a feed</title></channel></rss>", "wxr_version"),
        # An entity bomb: refused before it expands.
        (
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            "<rss><channel>&b;</channel></rss>",
            "EntitiesForbidden",
        ),
        # An external entity: never read.
        (
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            "<rss><channel>&x;</channel></rss>",
            "Forbidden",
        ),
    ],
)
def test_what_is_not_a_wordpress_export_is_refused(tmp_path, desk, content, reason):
    bad = tmp_path / "bad.xml"
    bad.write_text(content)
    with pytest.raises(CommandError, match=reason):
        run(str(bad), "--by", "editor")
    assert not Article.objects.exists()


def test_stories_keep_their_dates_in_public_lists(export, desk, client):
    run(str(export), "--by", "editor")
    listed = [s.slug for s in Article.objects.live().order_by("-publish_at")]
    assert listed[0] == "ferry-timetable"
    assert all(s.publish_at < timezone.now() for s in Article.objects.live())
    assert client.get("/articles/ferry-timetable/").status_code == 200


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


@pytest.fixture
def small(tmp_path):
    (tmp_path / "uploads").mkdir()
    (tmp_path / "uploads" / "pic.jpg").write_bytes(image_file().read())

    def write(*items, **options):
        path = tmp_path / "small.xml"
        path.write_text(wxr(items, **options))
        return path

    return write


def test_posts_sharing_a_featured_image_share_one_photo(small, desk):
    path = small(
        post(601, thumbnail=900),
        post(602, thumbnail=900),
        post(603),
        attachment(900, "pic.jpg"),
    )
    out = run(str(path), "--by", "editor")
    assert Article.objects.count() == 3, out
    assert Photo.objects.count() == 1
    assert {a.lead_photo_id for a in Article.objects.exclude(lead_photo=None)} == {
        Photo.objects.get().pk
    }


def test_bad_and_repeated_ids_are_reported_not_fatal(small, desk):
    path = small(post(-5), post("abc"), post(10**20), post(7), post(7), post(8))
    out = run(str(path), "--by", "editor")
    assert Article.objects.count() == 2
    assert out.count("no usable <wp:post_id>") == 3
    assert "post 7 given twice" in out


def test_a_date_without_a_zone_is_read_as_gmt(small, desk):
    path = small(
        post(
            5,
            date="0000-00-00 00:00:00",
            extra="<pubDate>Thu, 25 Apr 2024 14:30:00 -0000</pubDate>",
        )
    )
    run(str(path), "--by", "editor")
    assert Article.objects.get().publish_at.isoformat() == "2024-04-25T14:30:00+00:00"


def test_an_export_naming_no_site_is_refused(small, desk):
    with pytest.raises(CommandError, match="names no site"):
        run(str(small(post(5), link="")), "--by", "editor")


def test_sections_are_found_by_name_and_odd_categories_still_make_one(small, desk):
    Section.objects.create(name="Sport", slug="sports")
    path = small(
        post(1, category=("sport", "Sport")),
        post(2, category=("x" * 200, "Long " * 40)),
        post(3, category=("", "Новости")),
    )
    out = run(str(path), "--by", "editor")
    assert "failed" not in out, out
    assert Article.objects.get(slug="post-1").section.slug == "sports"
    assert len(Article.objects.get(slug="post-2").section.slug) <= 80
    assert Article.objects.get(slug="post-3").section.name == "Новости"


def test_a_post_that_fails_leaves_no_files(small, desk, settings, monkeypatch):
    from wordpress import importer as imports

    def refuse(*args, **kwargs):
        raise imports.actions.ActionError("refused for the test")

    monkeypatch.setattr(imports, "_release", refuse)
    out = run(
        str(small(post(1, thumbnail=9), attachment(9, "pic.jpg"))), "--by", "editor"
    )
    assert "failed" in out and "refused for the test" in out
    assert not Photo.objects.exists() and not Article.objects.exists()
    media = Path(settings.MEDIA_ROOT)
    assert not [p for p in media.rglob("*") if p.is_file()]


def test_a_dated_post_without_a_date_stays_a_draft_and_says_so(small, desk):
    out = run(str(small(post(1, date="", status="future"))), "--by", "editor")
    assert Article.objects.get().status == Status.DRAFT
    assert "no date: kept as a draft" in out


def test_a_long_excerpt_is_cut_to_the_dek(small, desk):
    extra = f"<excerpt:encoded>{'word ' * 120}</excerpt:encoded>"
    run(str(small(post(1, extra=extra))), "--by", "editor")
    assert len(Article.objects.get().dek) <= 400


def test_a_slug_another_story_used_before_is_not_taken(small, desk):
    """An old address of one of our stories still redirects to it: an
    imported post gets another slug."""
    from articles.models import SlugRedirect

    ours = make_article(slug="renamed-since")
    SlugRedirect.objects.create(old_slug="post-1", article=ours)
    out = run(str(small(post(1, slug="post-1"))), "--by", "editor")
    assert Article.objects.get(headline="Post 1").slug == "post-1-2", out
    assert client_redirect_target("post-1") == ours.get_absolute_url()


def client_redirect_target(slug):
    from django.test import Client

    return Client().get(f"/articles/{slug}/")["Location"]


def test_an_image_deleted_here_is_brought_back_by_a_new_post(small, desk):
    """Photos are library records: one deleted since the first import comes
    back for a post that uses it (its import record points anew)."""
    first = small(post(1, thumbnail=9), attachment(9, "pic.jpg"))
    run(str(first), "--by", "editor")
    Photo.objects.all().delete()
    out = run(
        str(
            small(post(1, thumbnail=9), post(2, thumbnail=9), attachment(9, "pic.jpg"))
        ),
        "--by",
        "editor",
    )
    assert "failed" not in out, out
    assert Article.objects.get(slug="post-2").lead_photo is not None
