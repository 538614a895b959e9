"""manage.py import_wxr on small exports made here item by item: shared
featured images, bad ids and dates, odd categories, failed posts and taken
slugs."""

from pathlib import Path

import pytest
from django.core.management import CommandError

from articles.models import Article, Photo, Section
from tests.factories import image_file, make_article
from tests.wxr_helpers import attachment, post, run, wxr

pytestmark = pytest.mark.django_db
Status = Article.Status


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
