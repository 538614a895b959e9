"""manage.py import_wxr on block-editor and classic bodies (tests/imports/
quay.xml): images become inline photos, imported once each; tables, pull
quotes, quotes and galleries become the body's own elements; a dry run
reports exactly what the real run does."""

import re
import shutil
from pathlib import Path

import pytest

from articles import body
from articles.models import Article, EditorialNote, Photo
from tests.factories import image_file
from tests.wxr_helpers import run
from wordpress.models import ImportedItem

pytestmark = pytest.mark.django_db
EXPORT = Path(__file__).parent / "imports" / "quay.xml"
Status = Article.Status


@pytest.fixture
def export(tmp_path):
    """The export beside its uploads, which hold every image but lost.jpg."""
    shutil.copy(EXPORT, tmp_path / "quay.xml")
    folder = tmp_path / "uploads" / "2024" / "05"
    folder.mkdir(parents=True)
    for name in ("crane", "quay-1", "quay-2", "old-pier"):
        (folder / f"{name}.jpg").write_bytes(image_file(size=(800, 600)).read())
    return tmp_path / "quay.xml"


def photo_ids(article):
    return [int(i) for i in re.findall(r'data-photo="(\d+)"', article.body)]


def test_block_editor_elements_become_the_bodys_own(export, desk):
    run(str(export), "--by", "editor")
    crane = Article.objects.get(slug="new-crane")
    text = crane.body
    alts = dict(Photo.objects.values_list("pk", "alt_text"))
    assert body.problems(text, alts) == []  # publishable as it stands
    # The image block: an inline photo with its own alt and caption.
    first = Photo.objects.get(pk=photo_ids(crane)[0])
    assert crane.lead_photo == first  # the featured image is the same upload
    assert (
        f'<figure class="story-photo" data-photo="{first.pk}" data-ratio="original" '
        'data-alt="The new crane over the quay"><figcaption>The crane at dawn.'
    ) in text
    assert "<h2>Bigger ships</h2>" in text
    assert (
        '<figure class="story-table"><table><thead><tr><th>Ship</th>' in text
        and "<figcaption>Ships due in June</figcaption></figure>" in text
    )
    assert (
        '<figure class="pull-quote"><blockquote><p>It changes what this port can be.'
        "</p></blockquote><figcaption>Harbour master Lena Voss</figcaption>"
    ) in text
    # A quote's citation stays with it as a line of its own.
    assert "<p>We waited ten years for this.</p><p>— A dock worker</p>" in text
    assert "<ul><li>Two berths</li><li>Night shifts</li></ul><hr>" in text
    # The gallery: one inline photo per image, in order, alt from the library
    # when the block has none.
    north, stacked = (Photo.objects.get(pk=i) for i in photo_ids(crane)[1:3])
    assert north.alt_text == "The north quay at low tide"
    assert "<figcaption>The north quay.</figcaption>" in text
    assert stacked.alt_text == "Containers stacked five high"
    assert "<p>https://www.youtube.com/watch?v=dQw4w9WgXcQ</p>" in text
    assert "class=" not in text.replace('class="story-', "").replace(
        'class="pull-quote"', ""
    )
    assert set(crane.inline_photos.values_list("pk", flat=True)) == {
        first.pk,
        north.pk,
        stacked.pk,
    }


def test_classic_captions_and_bare_images_become_inline_photos(export, desk):
    run(str(export), "--by", "editor")
    pier = Article.objects.get(slug="old-pier")
    crane = Article.objects.get(slug="new-crane")
    old_pier, shared = (Photo.objects.get(pk=i) for i in photo_ids(pier))
    assert "<figcaption>The old pier in 1958.</figcaption>" in pier.body
    assert old_pier.alt_text == "The old pier"  # the attachment's title
    # The bare <img> of the crane, even at another size, is the same upload
    # the first post used: imported once, shown twice.
    assert shared == crane.lead_photo
    assert pier.body.startswith("<p>The old pier closed in 1961.</p><figure")
    assert pier.body.endswith("<p>Only the bollards remain.</p>")


def test_each_image_is_imported_once(export, desk):
    run(str(export), "--by", "editor")
    assert Photo.objects.count() == 4
    assert ImportedItem.objects.filter(kind="attachment").count() == 4
    run(str(export), "--by", "editor")
    assert Photo.objects.count() == 4


def test_a_missing_image_is_reported_and_dropped_without_an_empty_figure(export, desk):
    out = run(str(export), "--by", "editor")
    crane = Article.objects.get(slug="new-crane")
    assert "image 2024/05/lost.jpg not in the uploads folder" in out
    assert "A photo nobody kept" not in crane.body
    assert crane.body.endswith("dQw4w9WgXcQ</p>")
    assert "<figure></figure>" not in crane.body


def test_a_password_protected_post_stays_a_draft_with_a_note(export, desk):
    out = run(str(export), "--by", "editor")
    members = Article.objects.get(slug="members-only")
    assert members.status == Status.DRAFT and not members.is_live
    note = EditorialNote.objects.get(article=members)
    assert "Password-protected" in note.text and note.author == desk.editor
    assert "members-only, draft: password-protected on WordPress" in out
    assert "s3cret" not in members.body and "s3cret" not in note.text


def test_posts_without_tags_are_filed_so_they_can_publish(export, desk):
    out = run(str(export), "--by", "editor")
    pier = Article.objects.get(slug="old-pier")
    assert pier.is_live and sorted(pier.tags.names()) == ["History", "Port"]
    assert "no tags: tagged with its categories (History, Port)" in out
    bare = Article.objects.get(slug="untagged")
    assert bare.is_live and bare.section.name == "Archive"
    assert list(bare.tags.names()) == ["Archive"]
    assert "no tags nor categories: filed and tagged “Archive”" in out


def test_the_dry_run_reports_what_the_real_run_does(export, desk, media_root):
    dry = run(str(export), "--by", "editor", "--dry-run")
    assert not Article.objects.exists() and not Photo.objects.exists()
    assert not list(Path(media_root).rglob("*.jpg"))
    real = run(str(export), "--by", "editor")

    def outcomes(out):
        lines = out.strip().splitlines()
        return [re.sub(r"^(create|created)d?\s+", "", line) for line in lines[:-1]]

    assert outcomes(dry)[:-1] == outcomes(real)
    assert dry.splitlines()[-1] == "Dry run: nothing was written."
    assert "old-pier, published 2024-05-03" in dry
    assert "untagged, published 2024-05-05" in dry
    assert "members-only, draft: password-protected" in dry


def test_imported_stories_render_their_photos(export, desk, client):
    run(str(export), "--by", "editor")
    page = client.get("/articles/new-crane/").content.decode()
    assert page.count('<figure class="story-photo') == 3
    assert 'alt="The new crane over the quay"' in page
    assert 'alt="The north quay at low tide"' in page
    assert "<table>" in page and 'class="pull-quote"' in page
