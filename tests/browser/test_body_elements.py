"""A writer builds the Blinken story's body in a real browser: a second,
inline photo from the library (chosen in the picker window), a table of the
visit's schedule and a pull quote, without leaving the story form; readers
see them on a phone and a desktop."""

import pytest

from articles import actions
from articles.models import Article
from tests.browser.conftest import ARTIFACTS, log_in
from tests.factories import make_photo

pytestmark = pytest.mark.django_db(transaction=True)
Status = Article.Status


def insert_photo(page, caption):
    page.click("button[title='Photo from the library']")
    with page.expect_popup() as opened:
        page.click("dialog button:has-text('Choose a photo')")
    picker = opened.value
    picker.wait_for_load_state()
    picker.fill("#picker-q", "students")
    picker.click("button:has-text('Search')")
    picker.locator(".photo-choice").first.click()
    assert page.input_value("dialog [name=alt]") == "Blinken talks with students"
    page.fill("dialog [name=caption]", caption)
    page.click("dialog button:has-text('Insert')")


def insert_table(page, caption, rows):
    page.click("button[title='Table with a header row']")
    page.fill("dialog [name=rows]", str(len(rows)))
    page.fill("dialog [name=columns]", str(len(rows[0])))
    page.fill("dialog [name=caption]", caption)
    page.click("dialog button:has-text('Insert')")
    page.locator("div.tiptap figure.story-table th").first.click()
    cells = [text for row in rows for text in row]
    for number, text in enumerate(cells):
        page.keyboard.type(text)
        if number < len(cells) - 1:
            page.keyboard.press("Tab")  # the next cell


def insert_pull_quote(page, text, who):
    page.click("button[title='Pull quote']")
    page.fill("dialog [name=text]", text)
    page.fill("dialog [name=attribution]", who)
    page.click("dialog button:has-text('Insert')")


def test_a_writer_builds_the_blinken_story_and_readers_see_it(
    live_server, open_page, desk
):
    make_photo(
        alt_text="Blinken talks with students",
        caption="Students at NYU Shanghai",
        credit="Photo posted by Secretary Blinken on X",
    )
    story = desk.story(
        status=Status.DRAFT,
        headline="Blinken opens China visit in Shanghai",
        body="<p>Secretary Blinken arrived in Shanghai on Wednesday.</p>",
    )
    page = open_page()
    log_in(page, live_server, "writer")
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    page.locator("div.tiptap[contenteditable=true]").click()
    page.keyboard.press("Control+End")
    insert_photo(page, "Blinken met students at NYU Shanghai.")
    insert_pull_quote(page, "We are committed to dialogue.", "Antony Blinken")
    insert_table(
        page,
        "The visit's schedule",
        [["Day", "City"], ["Wednesday", "Shanghai"], ["Friday", "Beijing"]],
    )
    with page.expect_navigation():
        page.click("[data-testid=save]")
    assert page.locator(".messagelist .success").count() == 1

    story.refresh_from_db()
    assert story.inline_photos.count() == 1
    assert "Blinken met students at NYU Shanghai." in story.body
    assert "<th" in story.body and "<td><p>Wednesday</p></td>" in story.body
    assert "<td><p>Beijing</p></td>" in story.body
    assert 'class="pull-quote"' in story.body
    story.status = Status.IN_REVIEW
    Article.objects.filter(pk=story.pk).update(status=Status.IN_REVIEW)
    actions.Publish(Article.objects.get(pk=story.pk)).execute(by=desk.editor)

    reader = open_page("reader")
    for name, width, height in (("desktop", 1280, 900), ("phone", 390, 844)):
        reader.set_viewport_size({"width": width, "height": height})
        reader.goto(f"{live_server.url}{story.get_absolute_url()}")
        body = reader.locator(".story-body")
        assert body.locator("figure.story-photo img").get_attribute("alt") == (
            "Blinken talks with students"
        )
        assert body.locator("table caption").inner_text() == "The visit's schedule"
        assert body.locator("figure.pull-quote figcaption").inner_text() == (
            "Antony Blinken"
        )
        # The page never scrolls sideways; a wide table scrolls in its region.
        assert reader.evaluate("document.documentElement.scrollWidth") <= width
        ARTIFACTS.mkdir(exist_ok=True)
        reader.screenshot(path=ARTIFACTS / f"blinken-{name}.png", full_page=True)
