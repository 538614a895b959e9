"""The newsroom's day in a real browser, through the real admin."""

import pytest

from articles.models import Article
from tests.browser.conftest import log_in
from tests.factories import make_photo, make_section

pytestmark = pytest.mark.django_db(transaction=True)

HEADLINE = "Harbour pilots vote to end strike after night talks"


def pick(page, select_id, text):
    """Choose `text` in one of the admin's autocomplete (select2) boxes."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def save_and_continue(page):
    with page.expect_navigation():
        page.click("[data-testid=save]")
    assert page.locator(".errornote").count() == 0, page.locator(
        ".errornote"
    ).inner_text()


def press(page, transition):
    with page.expect_navigation():
        page.click(f"button[value={transition}]")


def test_write_review_send_back_fix_publish_and_read(live_server, open_page, desk):
    """A story is written, sent back, fixed, published and read in a real browser."""
    make_section(name="Business", slug="business")
    make_photo(alt_text="Tugboats in the harbour", caption="Tugboats at dawn")

    writer = open_page("writer")
    log_in(writer, live_server, "writer")
    writer.goto(f"{live_server.url}/admin/articles/article/add/")
    writer.fill("#id_headline", HEADLINE)
    writer.press("#id_headline", "End")  # the admin fills the slug on keyup
    assert writer.input_value("#id_slug").startswith("harbour-pilots-vote")
    writer.fill("#id_dek", "Ships queue outside the port as the dispute ends.")
    editor_box = writer.locator("div.tiptap[contenteditable=true]")
    editor_box.click()
    editor_box.type("Pilots accepted the offer shortly after midnight.")
    pick(writer, "id_section", "Business")
    writer.fill("#id_tags", "ports")
    pick(writer, "id_lead_photo", "Tugboats")
    # The byline is already the writer's own.
    assert "Olga Nesterova" in writer.locator("#bylines-group").inner_text()
    writer.click("text=Sources")  # a closed panel under the text
    writer.click("text=Add another Source")
    writer.fill("#id_citations-0-publisher", "Port Authority")
    writer.fill("#id_citations-0-url", "https://port.example/statement")
    # From a blank form to review: one click, which saves first.
    with writer.expect_navigation():
        writer.get_by_role("button", name="Submit for review").click()
    assert writer.locator("[data-testid=story-state]").inner_text() == "In review"
    story = Article.objects.get(headline=HEADLINE)
    assert "<p>Pilots accepted the offer shortly after midnight.</p>" in story.body
    assert [b.author for b in story.bylines.all()] == [desk.writer_author]

    editor = open_page("editor")
    log_in(editor, live_server, "editor")
    editor.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    editor.click("text=More actions")
    editor.fill(
        "#transition_note_send_back", "Name the union that represents the pilots."
    )
    press(editor, "send_back")
    assert editor.locator("[data-testid=story-state]").inner_text() == "Draft"

    writer.reload()
    writer.click("text=Editorial notes")
    assert (
        writer.locator(".editorial-notes")
        .get_by_text("Name the union that represents the pilots.")
        .is_visible()
    )
    writer.fill(
        "#id_dek", "The Harbour Pilots Association ends a strike that idled ships."
    )
    with writer.expect_navigation():  # Ctrl+S saves
        writer.keyboard.press("Control+s")
    story.refresh_from_db()
    assert story.dek.startswith("The Harbour Pilots Association")
    assert writer.locator("[data-save-status]").inner_text().startswith("Saved ")
    press(writer, "submit")

    editor.reload()
    main = editor.locator("[data-testid=next-step]")
    assert main.inner_text() == "Publish now"  # the side panel's main button
    with editor.expect_navigation():
        main.click()
    assert editor.locator("[data-testid=story-state]").inner_text() == "Published"

    reader = open_page("reader")
    for path in ["/", "/tags/ports/", f"/authors/{desk.writer_author.slug}/"]:
        reader.goto(f"{live_server.url}{path}")
        assert reader.get_by_role("link", name=HEADLINE).first.is_visible(), path
    reader.get_by_role("link", name=HEADLINE).first.click()
    reader.wait_for_load_state()
    assert reader.locator("h1").inner_text() == HEADLINE
    assert "Harbour Pilots Association" in reader.locator(".dek").inner_text()
    assert "Port Authority" in reader.locator(".sources").inner_text()


def test_second_of_two_simultaneous_editors_gets_the_conflict(
    live_server, open_page, desk
):
    """Of two editors in browsers, the second to save gets the conflict, input kept."""
    story = desk.story(headline="Council meets on budget")
    first, second = open_page("writer"), open_page("editor")
    log_in(first, live_server, "writer")
    log_in(second, live_server, "editor")
    url = f"{live_server.url}/admin/articles/article/{story.pk}/change/"
    first.goto(url)
    second.goto(url)
    assert "Also open by writer" in second.locator(".presence").inner_text()

    first.fill("#id_headline", "Council approves budget")
    save_and_continue(first)
    second.fill("#id_headline", "Council delays budget vote")
    with second.expect_navigation():
        second.click("[data-testid=save]")

    error = second.locator(".errornote, .errorlist.nonfield").first.inner_text()
    assert "please correct" in error.lower() or "saved this story" in error
    assert "writer saved this story at" in second.content()
    assert second.input_value("#id_headline") == "Council delays budget vote"
    story.refresh_from_db()
    assert story.headline == "Council approves budget"
