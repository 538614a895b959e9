"""A real task worker sends an issue to a real SMTP server, is stopped or
killed mid-send and started again: no one is skipped, and no one gets the
issue twice (a kill may leave one copy in flight, sent again under the
same Message-ID, which providers fold into one)."""

import collections
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.live.conftest import ROOT, clean_env, manage
from tests.newsletter_helpers import Mailbox, smtp_server

READERS = 400

SETUP = f"""
from django.utils import timezone
from newsletters.models import Issue, NewsletterList, Subscriber, Subscription
from newsletters.tasks import send_issue
alerts = NewsletterList.objects.get(slug="breaking")
now = timezone.now()
Subscriber.objects.bulk_create(
    Subscriber(email=f"reader{{n:04d}}@example.org") for n in range({READERS})
)
Subscription.objects.bulk_create(
    Subscription(subscriber=s, newsletter=alerts, requested_at=now, confirmed_at=now)
    for s in Subscriber.objects.all()
)
issue = Issue.objects.create(
    newsletter=alerts, subject="Worker test", state="scheduled", send_at=now
)
send_issue.enqueue(issue.pk)
"""


@pytest.fixture
def newsroom(tmp_path):
    box = Mailbox(delay=0.004)
    controller = smtp_server(box)
    database = tmp_path / "db.sqlite3"
    env = clean_env(
        DATABASE_URL=f"sqlite:///{database}",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(controller.port),
        NEWSLETTER_BATCH="25",
        NEWSLETTER_LEASE_SECONDS="3",
        NEWSROOM_SITE_URL="https://news.example.org",
    )
    manage("migrate", "--noinput", env=env)
    manage("createcachetable", env=env)
    manage("shell", "-c", SETUP, env=env)
    yield env, box, database
    controller.stop()


def worker(env):
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--interval",
            "0.1",
            "--no-startup-delay",
            "--no-reload",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def issue_state(database):
    with sqlite3.connect(database) as db:
        return db.execute("SELECT state FROM newsletters_issue").fetchone()[0]


def send_with_interruption(newsroom, stop_signal):
    env, box, database = newsroom
    first = worker(env)
    box.wait_for(READERS // 4, timeout=60)
    first.send_signal(stop_signal)
    first.wait(timeout=30)
    interrupted_at = len(box.messages)
    assert interrupted_at < READERS, "the send finished before the stop"

    second = worker(env)
    try:
        deadline = time.monotonic() + 90
        while issue_state(database) != "sent" and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        second.terminate()
        second.wait(timeout=30)
    assert issue_state(database) == "sent"
    return box


def received(box):
    return collections.Counter(message["To"] for message in box.messages)


def test_a_worker_stopped_mid_send_finishes_its_batch_and_the_next_goes_on(
    newsroom,
):
    box = send_with_interruption(newsroom, signal.SIGTERM)
    counts = received(box)
    assert len(counts) == READERS  # no one skipped
    assert set(counts.values()) == {1}  # no one twice


def test_a_worker_killed_mid_send_skips_no_one_and_repeats_at_most_one(newsroom):
    box = send_with_interruption(newsroom, signal.SIGKILL)
    counts = received(box)
    assert len(counts) == READERS  # no one skipped
    twice = [address for address, count in counts.items() if count > 1]
    assert len(twice) <= 1  # at most the copy in flight when it was killed
    for address in twice:
        ids = {m["Message-ID"] for m in box.messages if m["To"] == address}
        assert len(ids) == 1  # the same message, folded into one by providers
