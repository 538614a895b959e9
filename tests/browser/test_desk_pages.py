"""The desk in a real browser, as the people who work in it all day use it:
axe finds nothing on its pages at desktop and phone widths, a writer files a
story from the keyboard alone, and a reporter posts a live update with a
photo from a 390 px phone."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image

from articles import actions
from articles.models import Article, LiveUpdate
from newsletters.models import Issue
from tests.browser.conftest import log_in
from tests.factories import make_photo
from tests.newsletter_helpers import newsletter

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 390, "height": 844}


def at_width(page, width):
    page.set_viewport_size({"width": width, "height": 900})


def no_sideways_scroll(page):
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_nothing_on_the_desk(live_server, open_page, desk, width):
    photo = make_photo(alt_text="Boats in the harbour", caption="Dawn")
    published = desk.story(status=Article.Status.PUBLISHED, lead_photo=photo)
    live = desk.story(status=Article.Status.IN_REVIEW, live_coverage=True)
    actions.Publish(live).execute(by=desk.editor)
    actions.PostUpdate(
        live, body="<p>Winds rising.</p>", authors=[desk.writer_author], photo=photo
    ).execute(by=desk.editor)
    alerts = newsletter()
    issue = Issue.objects.create(newsletter=alerts, subject="Storm update")
    pages = {
        "writer": [
            "/admin/",
            "/admin/articles/article/",
            "/admin/articles/article/add/",
        ],
        "editor": [
            "/admin/",
            "/admin/articles/article/?view=needs_me",
            f"/admin/articles/article/{published.pk}/change/",
            f"/admin/articles/article/{published.pk}/transition/withdraw/",
            f"/admin/articles/article/{live.pk}/live/",
            "/admin/articles/photo/add/",
            f"/admin/articles/article/{published.pk}/alert/",
            f"/admin/newsletters/issue/{issue.pk}/change/",
        ],
    }
    axe = Axe()
    found = {}
    for person, paths in pages.items():
        page = open_page(person)
        at_width(page, width)
        log_in(page, live_server, person)
        for path in paths:
            page.goto(live_server.url + path)
            page.wait_for_load_state("networkidle")
            assert page.url.startswith(live_server.url + path.split("?")[0])
            results = axe.run(page)
            if results.violations_count:
                found[path] = results.generate_report()
            assert no_sideways_scroll(page), path
    assert not found, found


def test_a_writer_files_a_story_with_the_keyboard_alone(live_server, open_page, desk):
    page = open_page("writer")
    log_in(page, live_server, "writer")
    page.goto(f"{live_server.url}/admin/articles/article/add/")

    def tab_to(selector, limit=80):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement.matches({selector!r})"):
                return
        pytest.fail(f"Tab never reached {selector}")

    tab_to("#id_headline")
    page.keyboard.type("Ferry service resumes after the storm")
    tab_to("#id_dek")
    page.keyboard.type("The first crossing left at seven.")
    tab_to(".tiptap[contenteditable]")
    page.keyboard.type("Passengers queued from dawn.")
    tab_to("#id_tags")
    page.keyboard.type("ferries")
    tab_to("[data-testid=next-step]", limit=200)
    assert page.evaluate("document.activeElement.textContent") == "Submit for review"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("[data-testid=story-state]").inner_text() == "In review"
    story = Article.objects.get(headline="Ferry service resumes after the storm")
    assert story.status == Article.Status.IN_REVIEW
    assert "Passengers queued from dawn." in story.body
    assert [b.author for b in story.bylines.all()] == [desk.writer_author]

    # The editor opens the menu of other steps with the keyboard too.
    editor = open_page("editor")
    log_in(editor, live_server, "editor")
    editor.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    editor.locator(".more-steps summary").focus()
    editor.keyboard.press("Enter")
    assert editor.locator("#transition_note_send_back").is_visible()


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), (40, 90, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_a_reporter_posts_a_live_update_with_a_photo_from_a_phone(
    live_server, browser, desk, live_story
):
    actions.SetLiveDesk(desk.writer, on=True).execute(by=desk.editor)
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = phone.new_page()
        log_in(page, live_server, "writer")
        page.goto(f"{live_server.url}/admin/")
        page.get_by_role("link", name="Storm hits the coast").first.click()
        page.wait_for_load_state()
        assert page.url.endswith(f"/{live_story.pk}/live/")
        composer = page.locator(".post-update")
        assert (
            composer.bounding_box()["y"]
            < page.locator("#stream-heading").bounding_box()["y"]
        )
        assert no_sideways_scroll(page)

        box = composer.locator("div.tiptap[contenteditable=true]")
        box.tap()
        box.type("Ferries are back on the water.")
        page.set_input_files(
            "#id_live-new_photo",
            {"name": "ferry.jpg", "mimeType": "image/jpeg", "buffer": jpeg()},
        )
        page.fill("#id_live-new_photo_alt", "A ferry leaving the harbour")
        with page.expect_navigation():
            page.get_by_role("button", name="Post update").tap()
        assert "Update posted." in page.content()
        newest = page.locator("[data-testid=live-admin-update]").first
        assert "Ferries are back on the water." in newest.inner_text()
        photo = newest.locator("img.live-admin-photo")
        assert photo.get_attribute("alt") == "A ferry leaving the harbour"
        # The photo loads lazily: once scrolled to, it shows (a broken one
        # never gets a width, and this times out).
        photo.scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=photo.element_handle()
        )
        assert no_sideways_scroll(page)
    finally:
        phone.close()
    update = LiveUpdate.objects.get()
    assert update.photo.alt_text == "A ferry leaving the harbour"
    assert update.status == LiveUpdate.Status.PUBLISHED
