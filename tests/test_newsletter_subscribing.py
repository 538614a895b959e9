"""Subscribing as a reader does: the form, double opt-in by POST, the
consent record, the preferences page and leaving, and what bad input gets."""

import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsletters import tokens
from newsletters.bounces import suppress
from newsletters.models import Subscriber, Subscription, Suppression
from tests.newsletter_helpers import (
    link,
    newsletter,
    path_of,
    run_worker,
    subscribed,
)

#: The task worker runs in this process and closes the database connection
#: between tasks, as it does in production: each test commits for real.
pytestmark = pytest.mark.django_db(transaction=True)

SUBSCRIBE = "/newsletters/"


def sign_up(client, email="reader@example.org", lists=("breaking",), **extra):
    return client.post(SUBSCRIBE, {"email": email, "newsletters": list(lists), **extra})


def test_signing_up_asks_for_confirmation_and_confirming_needs_a_post(db, mailbox):
    newsletter()
    client = Client(enforce_csrf_checks=True, REMOTE_ADDR="203.0.113.7")
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("newsletters:check-inbox")
    subscription = Subscription.objects.get(subscriber__email="reader@example.org")
    assert subscription.confirmed_at is None
    assert subscription.requested_from == "203.0.113.7"

    run_worker()
    assert mailbox.wait_for(1) == 1
    confirm = path_of(link(mailbox.messages[0], "/newsletters/confirm/"))

    # A mail scanner following the link subscribes no one.
    page = client.get(confirm)
    assert page.status_code == 200
    assert b"Breaking News" in page.content and b'<form method="post">' in page.content
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None

    shown = re.findall(r'name="subscription" value="(\d+)"', page.content.decode())
    csrf = page.cookies["csrftoken"].value
    client.post(confirm, {"csrfmiddlewaretoken": csrf, "subscription": shown})
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None
    assert subscription.consent_address == "203.0.113.7"
    assert "Breaking News" in subscription.consent_wording
    assert "reader@example.org" in subscription.consent_wording

    # Replaying the confirmation changes nothing, and says so.
    consented_at = subscription.confirmed_at
    replay = client.post(confirm, {"csrfmiddlewaretoken": csrf, "subscription": shown})
    assert b"Nothing to confirm" in replay.content
    subscription.refresh_from_db()
    assert subscription.confirmed_at == consented_at


def test_bad_sign_ups_get_a_clear_answer_and_store_nothing(db):
    newsletter()
    client = Client()
    bad_address = sign_up(client, email="not an address")
    assert bad_address.status_code == 400
    assert b"Enter a valid email address" in bad_address.content
    no_list = sign_up(client, lists=())
    assert no_list.status_code == 400
    assert b"Choose at least one newsletter" in no_list.content
    unknown_list = sign_up(client, lists=("no-such-list",))
    assert unknown_list.status_code == 400
    assert not Subscriber.objects.exists()


def test_a_bot_filling_the_hidden_field_subscribes_no_one(db):
    newsletter()
    response = sign_up(Client(), website="https://spam.example")
    assert response.status_code == 302  # looks the same to the bot
    assert not Subscriber.objects.exists()


def test_sign_ups_are_limited_per_client_address(db, settings):
    newsletter()
    settings.NEWSLETTER_SUBSCRIBE_RATE = 3
    flood = Client(REMOTE_ADDR="198.51.100.9")
    answers = [sign_up(flood, email=f"r{n}@example.org").status_code for n in range(5)]
    assert answers == [302, 302, 302, 429, 429]
    assert Subscriber.objects.count() == 3
    other = Client(REMOTE_ADDR="198.51.100.10")
    assert sign_up(other, email="else@example.org").status_code == 302


def test_the_form_works_on_cached_pages_without_a_token(db):
    newsletter()
    page = Client().get(SUBSCRIBE)
    assert page.status_code == 200
    assert b"csrfmiddlewaretoken" not in page.content
    assert "no-store" in page["Cache-Control"] or "private" in page["Cache-Control"]
    assert sign_up(Client(enforce_csrf_checks=True)).status_code == 302


def test_forged_altered_and_expired_links_are_refused(db):
    alerts = newsletter()
    reader = subscribed("reader@example.org", alerts)
    other = subscribed("other@example.org", alerts)
    client = Client()
    token = tokens.management_token(reader)
    value, signature = token.rsplit(":", 1)
    someone_else = f"{other.pk}{value[len(str(reader.pk)) :]}:{signature}"
    for bad in ["nonsense", token[:-2] + "xx", someone_else]:
        for name in ("preferences", "unsubscribe", "confirm"):
            response = client.post(reverse(f"newsletters:{name}", args=[bad]))
            assert response.status_code == 400, (name, bad)
    # A confirmation token does not unsubscribe, nor the reverse.
    confirm_token = tokens.confirmation_token(reader)
    assert (
        client.post(
            reverse("newsletters:unsubscribe", args=[confirm_token])
        ).status_code
        == 400
    )
    with time_machine.travel(timezone.now() + timezone.timedelta(days=8)):
        expired = client.get(reverse("newsletters:confirm", args=[confirm_token]))
    assert expired.status_code == 400
    assert b"expired" in expired.content
    assert Subscription.objects.filter(left_at=None).count() == 2


def test_preferences_change_lists_and_leave_all_without_an_account(db):
    alerts, daily = newsletter(), newsletter(kind="digest")
    reader = subscribed("reader@example.org", alerts)
    client = Client(REMOTE_ADDR="192.0.2.44")
    url = reverse("newsletters:preferences", args=[tokens.management_token(reader)])
    page = client.get(url)
    assert page.status_code == 200
    assert b'value="breaking"' in page.content and b"checked" in page.content

    client.post(url, {"newsletters": ["daily"], "save": ""})
    on = reader.subscriptions.filter(left_at=None)
    assert [item.newsletter.slug for item in on] == ["daily"]
    joined = on.get()
    assert joined.confirmed_at and joined.consent_address == "192.0.2.44"
    assert reader.subscriptions.get(newsletter=alerts).left_at is not None

    left = client.post(url, {"newsletters": ["daily"], "leave": ""})
    assert b"You are unsubscribed" in left.content
    assert not reader.subscriptions.filter(left_at=None).exists()
    assert daily.subscriptions.get().left_at is not None


def test_a_suppressed_address_is_never_asked_again(db, mailbox):
    newsletter()
    suppress("Gone@Example.org", Suppression.BOUNCED)
    assert sign_up(Client(), email="gone@example.org").status_code == 302
    run_worker()
    assert not Subscriber.objects.exists()
    assert mailbox.messages == []


def test_asking_again_soon_sends_one_confirmation(db, mailbox):
    newsletter()
    for _ in range(3):
        sign_up(Client())
    run_worker()
    assert len(mailbox.to("reader@example.org")) == 1


def test_confirming_consents_to_what_the_page_showed_only(db):
    alerts, daily = newsletter(), newsletter(kind="digest")
    sign_up(Client(), lists=("breaking",))
    reader = Subscriber.objects.get()
    url = reverse("newsletters:confirm", args=[tokens.confirmation_token(reader)])
    page = Client().get(url)
    shown = re.findall(r'name="subscription" value="(\d+)"', page.content.decode())
    # Someone asks for another list for this address before the reader confirms.
    Subscription.objects.create(
        subscriber=reader, newsletter=daily, requested_at=timezone.now()
    )
    Client().post(url, {"subscription": shown})
    assert reader.subscriptions.get(newsletter=alerts).confirmed_at is not None
    assert reader.subscriptions.get(newsletter=daily).confirmed_at is None


def test_odd_numbers_in_links_get_an_answer_not_an_error(db):
    reader = subscribed("reader@example.org", newsletter())
    token = tokens.management_token(reader)
    for issue in ["²", "9" * 5000, "-1", "1e3"]:
        response = Client().post(
            reverse("newsletters:unsubscribe", args=[token]) + f"?issue={issue}"
        )
        assert response.status_code == 200
    signature = token.rsplit(":", 1)[1]
    odd = Client().get(reverse("newsletters:preferences", args=[f"²:{signature}"]))
    assert odd.status_code == 400


def test_a_suppressed_address_cannot_rejoin_from_its_preferences(db):
    alerts = newsletter()
    reader = subscribed("gone@example.org", alerts)
    suppress("gone@example.org", Suppression.COMPLAINED)
    url = reverse("newsletters:preferences", args=[tokens.management_token(reader)])
    Client().post(url, {"newsletters": ["breaking"], "save": ""})
    assert not reader.subscriptions.filter(left_at=None).exists()
