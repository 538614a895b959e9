"""Edits for the breaking-news benchmark (bench/breaking.py): headline edits
of the newest stories through the real SaveEdit action at a steady rate, each
checked for staleness through the front (Varnish, or gunicorn directly).

Edits start on time, one every 1/rate seconds, whatever their checks take:
the edits made so far are watched between edits, every 50 ms, until each is
seen everywhere (`late_max_s` in the summary says how far behind its slot
an edit started). Once an edit returns and its purges are acknowledged (the HTTP
purge tasks have succeeded, when an HTTP cache is configured), the story's
own page is read again: it must be exact, and a read without the new
headline is a stale read. The lists that showed the story (home, all
stories, its section) may lag the edit by NEWSROOM_LAG_SECONDS: they are
polled every 50 ms from the edit's return (while its purges are being
acknowledged: with Varnish that includes renewing the story's page in
place) until they show it, and the time from the edit's return to that
read is their lag.
Prints "ready" once set up (bench/breaking.py starts the readers' load
then, so a Django process starting is not counted as the edits' cost: where
edits renew pages in place, the editor renders them once first, as an app process
that has served pages has its site loaded and its templates compiled), and
a JSON summary at the end; with --linger, it then waits for its input to
close before it exits, so that its exit (half a second of CPU tearing down
a Django process) falls after the readers' load, not in it.
"""

import json
import sys
import time
import urllib.error
import urllib.request
from collections import Counter

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.tasks.signals import task_enqueued
from django_tasks_db.models import DBTaskResult

from articles import actions, listings
from articles.models import Article
from caching import renewal, tasks
from caching import versions as store

CANDIDATES = 20
ACK_TIMEOUT = 15
#: How often the lists and the purges are looked at after an edit: its
#: reads cost CPU on the cores the rows measure (bench.cpu: "editor").
POLL_SECONDS = 0.05
#: How stale reads are reported: which kind of page was stale.
ROLES = {"/": "home", "/articles/": "all stories"}


def read(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - local
            return response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8", "replace")


class Command(BaseCommand):
    help = "Edit the newest stories at a steady rate and count stale reads."

    def add_arguments(self, parser):
        parser.add_argument("--rate", type=float, required=True, help="Edits/s.")
        parser.add_argument("--duration", type=float, required=True)
        parser.add_argument("--front", required=True, help="Base URL readers use.")
        parser.add_argument("--username", default="bench-editor")
        parser.add_argument(
            "--linger", action="store_true", help="Exit once stdin closes."
        )

    def handle(self, *args, rate, duration, front, username, linger, **options):
        editor = User.objects.get(username=username)
        stories = list(
            Article.objects.live()
            .select_related("section")
            .order_by("-publish_at", "-pk")[:CANDIDATES]
        )
        enqueued = []

        def note(sender, task_result, **kwargs):
            if acknowledges(task_result):
                enqueued.append(task_result.id)

        task_enqueued.connect(note, weak=False)
        warm_up(stories[0])
        self.stdout.write("ready")
        self.stdout.flush()
        started, watching, watches = time.monotonic(), [], []
        while True:
            now = time.monotonic()
            slot = started + len(watches) / rate
            editing = slot - started < duration
            if editing and now >= slot:
                story = Article.objects.get(pk=stories[len(watches) % len(stories)].pk)
                watches.append(self.edit(story, editor, front, enqueued, len(watches)))
                watching.append(watches[-1])
                continue
            if not editing and not watching:
                break
            watching = [watch for watch in watching if not watch.poll(front)]
            wake = now + POLL_SECONDS
            time.sleep(max(0.0, min(wake, slot) - time.monotonic()))
        self.stdout.write(json.dumps(summary(watches, started, rate)))
        self.stdout.flush()
        if linger:
            sys.stdin.read()  # until bench/breaking.py closes it

    def edit(self, story, editor, front, enqueued, number):
        """Edit `story` now; returns what to watch after it."""
        began = time.monotonic()
        base = story.headline.split(" update ")[0]
        pages = [
            story.get_absolute_url(),
            "/",
            "/articles/",
            story.section.get_absolute_url(),
        ]
        ROLES[pages[3]] = "section"
        showing = [page for page in pages if story.headline in read(front + page)]
        story.headline = f"{base} update {number}"
        enqueued.clear()
        actions.SaveEdit(story, base_version=story.version).execute(by=editor)
        return Watch(story.headline, pages[0], showing, list(enqueued), began)


class Watch:
    """One edit, watched from its return: its lists are polled until they
    show it, its own page read once its purges are acknowledged."""

    def __init__(self, headline, own_page, showing, tasks, began):
        self.headline, self.tasks, self.began = headline, tasks, began
        self.returned = time.monotonic()
        self.pages = len(showing)
        self.exact = [own_page] if own_page in showing else []
        self.lists = [page for page in showing if page != own_page]
        self.acked, self.ack_s, self.stale, self.lags = False, None, [], []
        self.fresh_s = None

    def poll(self, front):
        """Look once; True when there is nothing left to watch."""
        since = time.monotonic() - self.returned
        if since >= ACK_TIMEOUT or (self.acked and not self.lists):
            self.fresh_s = since
            return True
        if not self.acked and done(self.tasks):
            self.acked, self.ack_s = True, time.monotonic() - self.returned
            self.stale = [p for p in self.exact if self.headline not in read(front + p)]
        for page in list(self.lists):
            if self.headline in read(front + page):
                self.lags.append(time.monotonic() - self.returned)
                self.lists.remove(page)
        return False


def warm_up(story):
    """Render `story`'s page and its lists as an edit renews them in place
    (caching.renewal; nothing where no page is renewed), without keeping
    them."""
    nothing = frozenset()
    paths = [story.get_absolute_url(), *listings.first_pages(story)]
    renewal.renew(
        paths[: renewal.AT_MOST], renewal.Publishing(store.clock(), nothing, nothing)
    )


def acknowledges(task_result):
    """Does this task's success say a purge was acknowledged? Not the page
    cache's backstop (caching.tasks): it runs BACKSTOP_SECONDS after every
    edit at the Django front, whose purge was made as the edit committed."""
    return task_result.task.func is not tasks.backstop_page_cache.func


def done(task_ids):
    """Have the purge tasks an edit enqueued succeeded?"""
    if not task_ids:
        return True
    succeeded = DBTaskResult.objects.filter(id__in=task_ids, status="SUCCESSFUL")
    return succeeded.count() == len(task_ids)


def summary(watches, started, rate):
    acks = sorted(w.ack_s if w.acked else ACK_TIMEOUT for w in watches)
    fresh = sorted(w.fresh_s for w in watches)
    lags = sorted(lag for w in watches for lag in w.lags)
    stale = Counter(ROLES.get(page, "story") for w in watches for page in w.stale)
    return {
        "edits": len(watches),
        "late_max_s": max(
            (w.began - started - n / rate for n, w in enumerate(watches)),
            default=0.0,
        ),
        "pages_checked": sum(w.pages for w in watches),
        "stale_reads": stale.total(),
        "stale_pages": dict(stale),
        "ack_p50_s": acks[len(acks) // 2] if acks else None,
        "ack_max_s": acks[-1] if acks else None,
        "fresh_max_s": fresh[-1] if fresh else None,
        "lists_checked": len(lags),
        "list_lag_max_s": lags[-1] if lags else None,
        "list_lag_p99_s": lags[int(len(lags) * 0.99)] if lags else None,
        "lists_never_fresh": sum(len(w.lists) for w in watches),
        "unacknowledged": sum(not w.acked for w in watches),
        # Each edit: started (s after the first), took to return, acknowledged
        # and its lists' lags (s after it returned): where a slow one came from.
        "timeline": [
            [
                round(w.began - started, 3),
                round(w.returned - w.began, 3),
                round(w.ack_s, 3) if w.acked else None,
                [round(lag, 3) for lag in w.lags],
            ]
            for w in watches
        ],
    }
