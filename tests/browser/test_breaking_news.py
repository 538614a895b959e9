"""Breaking news in real browsers: an editor posts to a live story and an
open reader page offers the new update without moving; a quoted video's
player loads only when the reader presses play."""

import pytest

from articles import actions
from articles.models import Article, Embed
from tests.browser.conftest import log_in
from tests.factories import make_article

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
    editor.goto(f"{live_server.url}/admin/articles/article/{story.pk}/live/")
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


def test_a_videos_player_loads_only_when_the_reader_presses_play(
    live_server, open_page
):
    """Before the click the page asks no other site for anything; after it,
    the player's frame comes from the no-cookie host."""
    url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    story = make_article(body=f"<p>Watch:</p><p>{url}</p>")
    embed = Embed.objects.create(
        url=url,
        provider="youtube",
        status=Embed.Status.FETCHED,
        title="Harbour storm, seen from the lighthouse",
        author_name="Port Ellery Harbour",
    )
    embed.articles.add(story)

    reader = open_page("reader")
    elsewhere = []
    reader.on(
        "request",
        lambda request: (
            elsewhere.append(request.url)
            if not request.url.startswith(live_server.url)
            else None
        ),
    )
    # The player's host is not reachable here: answer for it.
    reader.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: route.fulfill(body="<p>player</p>", content_type="text/html"),
    )
    reader.goto(live_server.url + story.get_absolute_url())
    reader.wait_for_load_state("networkidle")
    assert elsewhere == []
    assert reader.locator("iframe").count() == 0

    # The frame's request may come after the frame is in the page (and
    # after the page counts as idle): wait for the request itself.
    with reader.expect_request(lambda request: "youtube-nocookie" in request.url):
        reader.get_by_role("button", name="Play video: Harbour storm").click()
    frame = reader.locator("iframe.embed-frame")
    frame.wait_for()
    assert frame.get_attribute("src").startswith(
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    )
    reader.wait_for_load_state("networkidle")
    assert elsewhere and all("youtube-nocookie.com" in url for url in elsewhere)
