"""manage.py import_wxr: a realistic WordPress export (tests/imports/) with
featured images, shortcodes, hostile HTML, a missing image, a duplicate slug
and every post status; idempotent, with a dry run."""

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError
from django.utils import timezone

from articles.models import Article, Author, Photo, Revision, Section
from audit.models import AuditEntry
from tests.factories import image_file, make_article
from tests.wxr_helpers import run
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
    assert "create     post 101 “Ferry timetable & fares”: ferry-timetable, " in out
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
        "onerror",  # the <img onerror=…> goes whole
        "style=",
        "[gallery",
        "contact-form-7",
        "target=",
    ):
        assert gone not in council.body, gone
    assert '<a href="https://harbour.example/minutes.pdf"' in council.body
    assert "<h3>Next meeting" in council.body  # an <h4> is a level-3 heading
    for reported in (
        "<script> removed",
        "javascript: link removed",
        "onclick attribute on <p> removed",
        "<iframe> removed",
        "image x not in export",  # the <img onerror=…> goes whole
        "shortcode [gallery] removed",
        "shortcode [contact-form-7] removed",
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
    ferry = Article.objects.get(slug="ferry-timetable")
    assert ferry.lead_photo is None
    # Only the photo its body shows, found by its address under uploads/.
    assert list(Photo.objects.all()) == list(ferry.inline_photos.all())


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


@pytest.mark.django_db(transaction=True)
def test_an_import_renders_no_cards_ahead(export, desk):
    """Each imported story is an action of its own; an archive's cards are
    rendered as lists show them, not each as it is published here
    (articles.signals.no_cards_ahead)."""
    from django.core.cache import cache

    from public import cards

    run(str(export), "--by", "editor")
    live = list(Article.objects.live().values_list("pk", "card_version"))
    assert live
    for pk, version in live:
        assert cache.get(cards.name(pk, version, "card")) is None, pk
