"""Sending an issue to a real SMTP server: both parts, the unsubscribe
headers and links, no tracking, each copy once."""

import email
import email.policy
import re
from urllib.parse import urlsplit

import pytest
from django.test import Client

from newsletters import emails, mime, sending
from newsletters.bounces import suppress
from newsletters.emails import PREFERENCES, UNSUBSCRIBE
from newsletters.models import Delivery, Issue, Suppression
from tests.factories import make_article
from tests.newsletter_helpers import (
    newsletter,
    path_of,
    run_worker,
    scheduled_issue,
    subscribed,
)

#: The task worker runs in this process and closes the database connection
#: between tasks, as it does in production: each test commits for real.
pytestmark = pytest.mark.django_db(transaction=True)

READERS = ["ana@example.org", "ben@example.org", "cai@example.org"]


def alert(story, **fields):
    alerts = newsletter()
    for address in READERS:
        subscribed(address, alerts)
    fields.setdefault("subject", "Breaking: storm makes landfall")
    return scheduled_issue(
        alerts, article=story, summary="Storm makes landfall near the coast", **fields
    )


def test_an_alert_reaches_every_subscriber_with_both_parts(db, mailbox):
    story = make_article(headline="Storm makes landfall", slug="storm-landfall")
    issue = alert(story)
    run_worker()
    assert sorted(m["To"] for m in mailbox.messages) == READERS
    message = mailbox.to("ana@example.org")[0]
    assert message["Subject"] == "Breaking: storm makes landfall"
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Storm makes landfall near the coast" in text
    assert "https://news.example.org/articles/storm-landfall/" in text
    assert 'href="https://news.example.org/articles/storm-landfall/"' in html
    issue.refresh_from_db()
    assert issue.state == Issue.SENT
    assert issue.deliveries.filter(state=Delivery.SENT).count() == 3


def test_no_tracking_and_every_image_has_size_and_alt(db, mailbox):
    alert(make_article())
    run_worker()
    html = mailbox.messages[0].get_body(("html",)).get_content()
    for href in re.findall(r'href="([^"]+)"', html):
        assert urlsplit(href).hostname == "news.example.org"
        assert "/articles/" in href or "/newsletters/" in href or href.endswith("/")
    for tag in re.findall(r"<img [^>]*>", html):
        assert "width=" in tag and "height=" in tag and "alt=" in tag
    assert "<style" not in html  # inline styles only


def test_the_unsubscribe_headers_work_by_post_and_not_by_get(db, mailbox, settings):
    settings.DEFAULT_FROM_EMAIL = "Newsroom <news@example.org>"
    issue = alert(make_article())
    run_worker()
    message = mailbox.to("ben@example.org")[0]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    https, mailto = re.findall(r"<([^>]+)>", message["List-Unsubscribe"])
    assert https.startswith("https://news.example.org/newsletters/unsubscribe/")
    assert mailto.startswith("mailto:news@example.org?subject=unsubscribe%20")
    assert message["Message-ID"]

    client = Client(enforce_csrf_checks=True)
    assert client.get(path_of(https)).status_code == 200
    ben = subscribed("ben@example.org")
    assert ben.subscriptions.get().left_at is None  # a GET changes nothing

    response = client.post(
        path_of(https),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert ben.subscriptions.get().left_at is not None
    copy = issue.deliveries.get(subscriber=ben)
    assert copy.unsubscribed_at is not None


def test_each_copy_has_its_own_links_filled_into_one_rendering(db, mailbox):
    issue = alert(make_article())
    run_worker()
    issue.refresh_from_db()
    assert PREFERENCES in issue.html and UNSUBSCRIBE in issue.text
    links = set()
    for message in mailbox.messages:
        html = message.get_body(("html",)).get_content().replace("\r\n", "\n")
        preferences = re.search(r'href="([^"]+/preferences/[^"]+)"', html).group(1)
        unsubscribe = re.search(r'href="([^"]+/unsubscribe/[^"]+)"', html).group(1)
        links.add(preferences)
        rendered = html.replace(preferences.replace("&", "&amp;"), PREFERENCES)
        rendered = rendered.replace(unsubscribe, UNSUBSCRIBE)
        assert rendered.strip() == issue.html.strip()
    assert len(links) == 3


def test_sending_again_sends_no_one_twice(db, mailbox):
    issue = alert(make_article())
    run_worker()
    Issue.objects.filter(pk=issue.pk).update(state=Issue.SENDING)
    from newsletters.tasks import send_issue

    send_issue.enqueue(issue.pk)
    run_worker()
    assert len(mailbox.messages) == 3
    assert issue.deliveries.count() == 3


def test_who_left_or_bounced_before_the_send_gets_nothing(db, mailbox):
    issue = alert(make_article())
    sending.prepare(issue.pk)  # copies made for all three
    subscribed("ana@example.org").subscriptions.update(left_at="2026-01-01T00:00Z")
    suppress("cai@example.org", Suppression.COMPLAINED)
    run_worker()
    assert [m["To"] for m in mailbox.messages] == ["ben@example.org"]
    assert issue.deliveries.filter(state=Delivery.SKIPPED).count() == 2


def test_a_refused_recipient_fails_alone(db, mailbox):
    mailbox.refuse.add("ben@example.org")
    issue = alert(make_article())
    run_worker()
    assert sorted(m["To"] for m in mailbox.messages) == [READERS[0], READERS[2]]
    failed = issue.deliveries.get(state=Delivery.FAILED)
    assert failed.subscriber.email == "ben@example.org"
    assert "550" in failed.error


def test_a_mail_server_away_pauses_the_send_and_loses_no_one(db, mailbox, settings):
    issue = alert(make_article())
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    run_worker()
    assert issue.deliveries.filter(state=Delivery.PENDING).count() == 3
    assert not issue.deliveries.exclude(state=Delivery.PENDING).exists()


def test_a_laid_out_copy_reads_as_djangos_email_message_would(db):
    story = make_article(headline="Ünïcode “quotes” in the headline")
    issue = alert(story)
    Issue.objects.filter(pk=issue.pk).update(subject="Breaking: “Ünïcode” news")
    sending.prepare(issue.pk)
    issue.refresh_from_db()
    reader = subscribed("ana@example.org")
    _, recipients, data = mime.Layout(issue).copy(reader, "<copy-1@example.org>")
    assert recipients == ["ana@example.org"]
    laid_out = email.message_from_bytes(data, policy=email.policy.default)
    built = emails.message(issue, reader, message_id="<copy-1@example.org>")
    built = email.message_from_bytes(
        built.message().as_bytes(), policy=email.policy.default
    )
    for name in [
        "From",
        "To",
        "Subject",
        "List-Id",
        "List-Unsubscribe",
        "List-Unsubscribe-Post",
        "Message-ID",
    ]:
        assert laid_out[name] == built[name], name
    for kind in ("plain", "html"):
        ours = laid_out.get_body((kind,)).get_content().replace("\r\n", "\n")
        theirs = built.get_body((kind,)).get_content().replace("\r\n", "\n")
        assert ours == theirs
    assert "Ünïcode “quotes”" in ours


def test_other_backends_are_given_djangos_email_messages(db, settings):
    from django.core import mail

    settings.MAILERS = {
        "default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    }
    issue = alert(make_article())
    run_worker()
    assert sorted(m.to[0] for m in mail.outbox) == READERS
    assert all("List-Unsubscribe" in m.extra_headers for m in mail.outbox)
    assert issue.deliveries.filter(state=Delivery.SENT).count() == 3


def test_a_headline_with_a_line_break_goes_out_on_one_line(db, mailbox):
    story = make_article(headline="Storm\nmakes landfall")
    alert(story, subject="Breaking:\r\nBcc: everyone@example.org")
    run_worker()
    assert len(mailbox.messages) == 3
    assert mailbox.messages[0]["Subject"] == "Breaking: Bcc: everyone@example.org"
    assert mailbox.messages[0]["Bcc"] is None
