"""The writer's desk in a real browser: writing aids, autosave, focal point."""

import re
import time

import pytest
from django.utils import timezone

from articles.models import Article, Autosave, Photo
from tests.browser.conftest import log_in
from tests.browser.test_editorial_flow import pick
from tests.factories import image_file, make_photo

pytestmark = pytest.mark.django_db(transaction=True)
Status = Article.Status


def change_url(live_server, story):
    return f"{live_server.url}/admin/articles/article/{story.pk}/change/"


def test_writing_aids_count_and_warn_as_the_writer_types(live_server, open_page, desk):
    story = desk.story(
        status=Status.DRAFT, headline="Short", body="<p>One two three.</p>"
    )
    no_alt = make_photo(caption="Cranes at the quay", alt_text="x")
    Photo.objects.filter(pk=no_alt.pk).update(alt_text="")
    story.gallery.create(photo=make_photo(caption="Fine"), position=0)
    story.gallery.create(photo=no_alt, position=1)
    page = open_page()
    log_in(page, live_server, "writer")
    page.goto(change_url(live_server, story))
    summary = page.get_by_test_id("writing-summary")
    assert summary.inner_text() == "3 words · 1 min read · Headline: 5/70 characters"

    editor = page.locator("div.tiptap[contenteditable=true]")
    editor.click()
    page.keyboard.press("End")
    editor.type(" Four five six seven.")
    assert "7 words" in summary.inner_text()

    page.fill("#id_headline", "Council " + "votes " * 12)
    assert "Headline: 80/70" in summary.inner_text()
    warnings = page.get_by_test_id("writing-warnings")
    assert "The headline has 80 characters" in warnings.inner_text()
    assert "Gallery photo 2 has no alt text" in warnings.inner_text()
    assert "Gallery photo 1" not in warnings.inner_text()

    # A level-3 heading straight under the headline skips level 2.
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("### Too deep")  # the editor's Markdown shortcut for level 3
    assert "“Too deep” is level 3 after level 1" in warnings.inner_text()

    pick(page, "id_lead_photo", "Cranes")
    assert "The lead photo has no alt text" in warnings.inner_text()
    # Let autosave catch up, so closing the tab sends nothing while the
    # test database is emptied.
    wait_for_draft(page, lambda draft: "Too deep" in draft.data["body"])


def wait_for_draft(page, ready, seconds=15):
    """The draft once `ready(draft)`; then a moment for the answer to reach
    the page (which may be closed)."""
    for _ in range(seconds * 4):
        draft = Autosave.objects.first()
        if draft is not None and ready(draft):
            time.sleep(0.5)
            return draft
        time.sleep(0.25)
    raise AssertionError("The form's draft was not autosaved")


def test_typing_survives_a_closed_tab_and_is_restored(live_server, open_page, desk):
    story = desk.story(status=Status.DRAFT, headline="Harbour reopens")
    page = open_page("first")
    log_in(page, live_server, "writer")
    page.goto(change_url(live_server, story))
    page.fill("#id_headline", "Harbour reopens after the storm")
    # The timer keeps the headline...
    wait_for_draft(page, lambda draft: "after the storm" in draft.data["headline"])
    page.locator("[data-save-status]").filter(has_text="draft kept").wait_for()
    editor = page.locator("div.tiptap[contenteditable=true]")
    editor.click()
    page.keyboard.press("End")
    editor.type(" Pilots were back by noon.")
    # ...and closing the tab, with no Save, what was typed since. Closed as a
    # person closes it (unload handlers run), not torn down by the test.
    with page.expect_event("close"):
        page.close(run_before_unload=True)
    wait_for_draft(page, lambda draft: "back by noon" in draft.data["body"])

    story.refresh_from_db()
    assert story.headline == "Harbour reopens"  # the story itself is unchanged
    draft = Autosave.objects.get(article=story)
    assert draft.data["headline"] == "Harbour reopens after the storm"

    again = page.context.new_page()
    again.goto(change_url(live_server, story))
    offer = again.get_by_test_id("autosave-offer")
    assert re.search(r"Restore unsaved changes from \d\d:\d\d", offer.inner_text())
    with again.expect_navigation():
        offer.get_by_role("link", name=re.compile("Restore unsaved changes")).click()
    assert again.input_value("#id_headline") == "Harbour reopens after the storm"
    assert (
        "Pilots were back by noon."
        in again.locator("div.tiptap[contenteditable=true]").inner_text()
    )
    with again.expect_navigation():
        again.click("[data-testid=save]")
    story.refresh_from_db()
    assert story.headline == "Harbour reopens after the storm"
    assert "Pilots were back by noon." in story.body
    assert not Autosave.objects.exists()


def test_the_save_status_says_where_the_typing_is(live_server, open_page, desk):
    """Saved, unsaved, kept as a draft on the server, or (offline) kept in
    this browser and sent as soon as the server answers again."""
    story = desk.story(status=Status.DRAFT, headline="Harbour reopens")
    page = open_page()
    log_in(page, live_server, "writer")
    page.goto(change_url(live_server, story))
    status = page.locator("[data-save-status]")
    saved_at = timezone.localtime(story.modified_at).strftime("%H:%M")
    assert status.inner_text() == f"Saved {saved_at}"

    page.context.set_offline(True)
    page.fill("#id_headline", "Harbour reopens at last")
    status.filter(has_text="Unsaved changes").wait_for()
    status.filter(has_text="Offline: kept in this browser").wait_for(timeout=10_000)
    kept = page.evaluate(
        "JSON.parse(localStorage.getItem(document.querySelector("
        "'[data-draft-key]').dataset.draftKey))"
    )
    assert kept["values"]["headline"] == "Harbour reopens at last"
    assert not Autosave.objects.exists()

    page.context.set_offline(False)
    status.filter(has_text="draft kept").wait_for(timeout=10_000)
    assert Autosave.objects.get().data["headline"] == "Harbour reopens at last"
    key = "document.querySelector('[data-draft-key]').dataset.draftKey"
    assert page.evaluate(f"localStorage.getItem({key})") is None


def test_an_editor_sets_the_focal_point_by_clicking_or_typing(
    live_server, open_page, desk
):
    photo = make_photo(image=image_file(size=(800, 400)))
    page = open_page()
    log_in(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/articles/photo/{photo.pk}/change/")
    picture = page.locator("[data-focal-picker] img")
    box = picture.bounding_box()
    picture.click(position={"x": box["width"] * 0.8, "y": box["height"] * 0.25})
    assert float(page.input_value("#id_focal_x")) == pytest.approx(0.8, abs=0.01)
    assert float(page.input_value("#id_focal_y")) == pytest.approx(0.25, abs=0.01)
    marker = page.locator(".focal-marker")
    assert marker.evaluate("m => m.style.left").startswith("80")

    page.fill("#id_focal_y", "0.6")  # from the keyboard, the marker follows
    assert marker.evaluate("m => m.style.top") == "60%"
    with page.expect_navigation():
        page.click("input[name=_save]")
    photo.refresh_from_db()
    assert photo.focal_x == pytest.approx(0.8, abs=0.01)
    assert photo.focal_y == 0.6
