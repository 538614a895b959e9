"""A live story in real browsers: an editor posts, an open reader page
offers the new update without moving."""

import pytest

from articles import actions
from articles.models import Article
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_open_reader_page_offers_a_new_update(
    live_server, open_page, desk, settings
):
    settings.NEWSROOM_LIVE_POLL_SECONDS = 1
    story = desk.story(
        status=Article.Status.IN_REVIEW,
        headline="Storm hits the coast",
        live_coverage=True,
    )
    actions.Publish(story).execute(by=desk.editor)
    actions.PostUpdate(
        story, body="<p>Winds are rising.</p>", authors=[desk.writer_author]
    ).execute(by=desk.editor)

    reader = open_page("reader")
    reader.goto(live_server.url + story.get_absolute_url())
    stream = reader.locator("[data-live-stream] > li")
    assert stream.count() == 1

    editor = open_page("editor")
    log_in(editor, live_server, "editor")
    editor.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    box = editor.locator(".post-update div.tiptap[contenteditable=true]")
    box.click()
    box.type("The harbour wall has been breached.")
    editor.select_option("#id_live-authors", label="Olga Nesterova")
    with editor.expect_navigation():
        editor.get_by_role("button", name="Post update").click()
    assert "Update posted." in editor.content()

    notice = reader.locator(".live-new button")
    notice.wait_for(state="visible", timeout=10_000)
    assert notice.inner_text() == "1 new update"
    assert stream.count() == 1  # nothing moved until the reader asks
    notice.click()
    assert stream.count() == 2
    assert "The harbour wall has been breached." in stream.first.inner_text()
    assert reader.locator(".live-new").is_hidden()
