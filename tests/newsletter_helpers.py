"""A real SMTP server for the newsletter tests (aiosmtpd), and the lists,
subscribers and issues they send."""

import email
import email.policy
import importlib.machinery
import importlib.metadata
import importlib.util
import re
import socket
import sys
import threading
import time

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsletters.models import Issue, NewsletterList, Subscriber, Subscription


def _import_aiosmtpd():
    """aiosmtpd's controller, imported beside our own `public` app: it needs
    the `public` module of atpublic, which shares that name. Give it that
    module while it imports, then put ours back."""
    folder = str(importlib.metadata.distribution("atpublic").locate_file(""))
    spec = importlib.machinery.PathFinder.find_spec("public", [folder])
    theirs = importlib.util.module_from_spec(spec)
    ours = sys.modules.get("public")
    sys.modules["public"] = theirs
    try:
        spec.loader.exec_module(theirs)
        from aiosmtpd.controller import Controller
    finally:
        sys.modules["public"] = ours
    return Controller


Controller = _import_aiosmtpd()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Mailbox:
    """What the SMTP server received: parsed messages, in order. Addresses
    in `refuse` are refused at RCPT, as a server refuses an unknown user."""

    def __init__(self, delay=0.0):
        self.messages = []
        self.refuse = set()
        self.delay = delay
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            time.sleep(self.delay)
        message = email.message_from_bytes(
            envelope.content, policy=email.policy.default
        )
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address):
        return [m for m in self.messages if address in m["To"]]

    def wait_for(self, count, timeout=30):
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return len(self.messages)


def smtp_server(mailbox):
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller


@pytest.fixture
def mailbox(settings):
    """A running SMTP server the site's default mailer sends to."""
    box = Mailbox()
    controller = smtp_server(box)
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": controller.port},
        }
    }
    settings.NEWSROOM_SITE_URL = "https://news.example.org"
    yield box
    controller.stop()


def run_worker():
    """The task worker, until the queue is empty (what is due now)."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")


def newsletter(kind=NewsletterList.ALERTS, slug=None):
    slug = slug or ("breaking" if kind == NewsletterList.ALERTS else "daily")
    made, _ = NewsletterList.objects.update_or_create(
        slug=slug,
        defaults={
            "name": "Breaking News" if kind == NewsletterList.ALERTS else "The Daily",
            "kind": kind,
            "description": f"The {slug} newsletter.",
            "active": True,
        },
    )
    return made


def subscribed(address, *newsletters):
    """A subscriber who confirmed `newsletters`."""
    subscriber, _ = Subscriber.objects.get_or_create(email=address)
    now = timezone.now()
    for item in newsletters:
        Subscription.objects.update_or_create(
            subscriber=subscriber,
            newsletter=item,
            defaults={
                "requested_at": now,
                "confirmed_at": now,
                "consent_wording": "Yes",
            },
        )
    return subscriber


def scheduled_issue(newsletter, *, article=None, summary="", subject="News"):
    """An issue queued to go now, as the desk's Schedule leaves it."""
    from newsletters.tasks import send_issue

    issue = Issue.objects.create(
        newsletter=newsletter,
        subject=subject,
        article=article,
        summary=summary,
        state=Issue.SCHEDULED,
        send_at=timezone.now(),
    )
    send_issue.enqueue(issue.pk)
    return issue


def link(message, pattern):
    """The first link in `message`'s plain-text part matching `pattern`."""
    text = message.get_body(("plain",)).get_content()
    found = re.search(r"https?://\S*" + pattern + r"\S*", text)
    assert found, f"no link matching {pattern!r} in:\n{text}"
    return found.group(0)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)
