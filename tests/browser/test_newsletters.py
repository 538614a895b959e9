"""A reader subscribes from a story page, confirms from the email a real
SMTP server received, gets an issue and leaves with one click."""

import re

from axe_playwright_python.sync_playwright import Axe

from newsletters.models import Subscription
from tests.factories import make_article
from tests.newsletter_helpers import (
    link,
    newsletter,
    path_of,
    run_worker,
    scheduled_issue,
)


def test_a_reader_subscribes_confirms_and_leaves_with_one_click(
    open_page, live_server, transactional_db, mailbox, settings
):
    settings.NEWSROOM_SITE_URL = live_server.url
    alerts = newsletter()
    story = make_article(headline="Harbour reopens", slug="harbour-reopens")
    page = open_page("reader")
    page.goto(f"{live_server.url}/articles/harbour-reopens/")
    page.get_by_label("Your email address").fill("reader@example.org")
    page.get_by_role("button", name="Sign up").click()
    results = Axe().run(page)  # the choice of lists, as the reader gets it
    assert not results.violations_count, results.generate_report()
    page.get_by_label(re.compile("Breaking News")).check()
    page.get_by_role("button", name="Subscribe").click()
    page.get_by_role("heading", name="Check your inbox").wait_for()

    run_worker()
    confirm = link(mailbox.to("reader@example.org")[0], "/newsletters/confirm/")
    page.goto(confirm)
    page.get_by_role("heading", name="Confirm your subscription").wait_for()
    assert not Subscription.objects.get().confirmed_at  # opening is not enough
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="You are subscribed").wait_for()
    assert Subscription.objects.get().confirmed_at

    scheduled_issue(alerts, article=story, summary="The harbour is open again")
    run_worker()
    issue = mailbox.to("reader@example.org")[-1]
    one_click = re.findall(r"<([^>]+)>", issue["List-Unsubscribe"])[0]
    # What a mail client's "Unsubscribe" button does (RFC 8058).
    answer = page.request.post(
        one_click,
        data="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.ok
    assert Subscription.objects.get().left_at is not None

    # The link in the email's footer shows the same choice as a page.
    page.goto(live_server.url + path_of(link(issue, "/newsletters/unsubscribe/")))
    page.get_by_role("button", name="Unsubscribe from all").wait_for()
