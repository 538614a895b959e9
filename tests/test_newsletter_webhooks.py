"""The mail provider's reports, through Anymail's own webhook views with
signed sample payloads (Mailgun's format): a hard bounce or a complaint
suppresses the address for good; a bad signature changes nothing."""

import base64
import hashlib
import hmac
import json

import pytest
from django.test import Client

from newsletters.models import Delivery, Suppression, address_hash
from tests.newsletter_helpers import newsletter, scheduled_issue, subscribed

KEY = "mailgun-signing-key-for-tests"
URL = "/newsletters/anymail/mailgun/tracking/"


@pytest.fixture
def provider(settings):
    settings.ANYMAIL = {
        "MAILGUN_WEBHOOK_SIGNING_KEY": KEY,
        "WEBHOOK_SECRET": "hooks:s3cret-words",
    }


def report(event, recipient, *, message_id="", severity=None, key=KEY, token="t0k"):  # noqa: S107
    data = {
        "event": event,
        "recipient": recipient,
        "timestamp": 1764900000.5,
        "id": "event-1",
        "message": {"headers": {"message-id": message_id}},
        "reason": "bounce",
        "delivery-status": {"code": 550, "description": "No such mailbox"},
    }
    if severity:
        data["severity"] = severity
    timestamp = "1764900000"
    signature = hmac.new(
        key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256
    ).hexdigest()
    return {
        "signature": {"timestamp": timestamp, "token": token, "signature": signature},
        "event-data": data,
    }


def post(payload, auth="hooks:s3cret-words"):
    credentials = base64.b64encode(auth.encode()).decode()
    return Client().post(
        URL,
        json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Basic {credentials}",
    )


def copy_sent_to(address):
    alerts = newsletter()
    reader = subscribed(address, alerts)
    issue = scheduled_issue(alerts)
    return Delivery.objects.create(
        issue=issue,
        subscriber=reader,
        state=Delivery.SENT,
        message_id="<20261205.1@mg.example.org>",
    )


def test_a_hard_bounce_suppresses_and_marks_the_copy(db, provider):
    copy = copy_sent_to("gone@example.org")
    payload = report(
        "failed",
        "gone@example.org",
        message_id="20261205.1@mg.example.org",
        severity="permanent",
    )
    assert post(payload).status_code == 200
    assert Suppression.objects.get().email_hash == address_hash("gone@example.org")
    copy.refresh_from_db()
    assert copy.state == Delivery.BOUNCED
    assert not copy.subscriber.subscriptions.filter(left_at=None).exists()


def test_a_complaint_suppresses(db, provider):
    copy_sent_to("angry@example.org")
    assert post(report("complained", "angry@example.org")).status_code == 200
    assert Suppression.objects.get().reason == Suppression.COMPLAINED


def test_a_temporary_failure_changes_nothing(db, provider):
    copy = copy_sent_to("full@example.org")
    payload = report("failed", "full@example.org", severity="temporary")
    assert post(payload).status_code == 200
    assert not Suppression.objects.exists()
    assert copy.subscriber.subscriptions.get().left_at is None


@pytest.mark.parametrize(
    "payload, auth",
    [
        (report("failed", "x@example.org", severity="permanent", key="wrong"), None),
        (report("complained", "x@example.org"), "hooks:guessed"),
    ],
    ids=["bad signature", "bad basic auth"],
)
def test_a_forged_report_is_refused_and_changes_nothing(db, provider, payload, auth):
    copy_sent_to("x@example.org")
    response = post(payload, **({"auth": auth} if auth else {}))
    assert response.status_code in (400, 401, 403)
    assert not Suppression.objects.exists()


def inbound_mail(subject, key=KEY):
    timestamp, token = "1764900000", "inbound-token"
    signature = hmac.new(
        key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256
    ).hexdigest()
    raw = (
        "From: reader@example.org\r\nTo: unsubscribe@news.example.org\r\n"
        f"Subject: {subject}\r\n\r\nunsubscribe\r\n"
    )
    credentials = base64.b64encode(b"hooks:s3cret-words").decode()
    return Client().post(
        "/newsletters/anymail/mailgun/inbound/",
        {
            "timestamp": timestamp,
            "token": token,
            "signature": signature,
            "sender": "reader@example.org",
            "recipient": "unsubscribe@news.example.org",
            "body-mime": raw,
        },
        HTTP_AUTHORIZATION=f"Basic {credentials}",
    )


def test_the_mailto_unsubscribe_leaves_by_its_signed_token(db, provider):
    from newsletters import tokens

    reader = subscribed("reader@example.org", newsletter())
    other = subscribed("other@example.org", newsletter())
    assert inbound_mail("unsubscribe forged:token").status_code == 200
    assert inbound_mail(
        f"unsubscribe {tokens.management_token(reader)}", key="wrong"
    ).status_code in (400, 403)
    assert reader.subscriptions.get().left_at is None

    answer = inbound_mail(f"unsubscribe {tokens.management_token(reader)}")
    assert answer.status_code == 200
    assert reader.subscriptions.get().left_at is not None
    assert other.subscriptions.get().left_at is None


def test_without_a_webhook_secret_no_report_is_taken(db, settings):
    settings.ANYMAIL = {"MAILGUN_WEBHOOK_SIGNING_KEY": KEY}
    copy_sent_to("x@example.org")
    response = post(report("failed", "x@example.org", severity="permanent"))
    assert response.status_code == 404
    postmark = Client().post(
        "/newsletters/anymail/postmark/tracking/",
        json.dumps(
            {"RecordType": "Bounce", "Type": "HardBounce", "Email": "x@example.org"}
        ),
        content_type="application/json",
    )
    assert postmark.status_code == 404
    assert not Suppression.objects.exists()
