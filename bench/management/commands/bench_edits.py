"""Edits for the breaking-news benchmark (bench/breaking.py): headline edits
of the newest stories through the real SaveEdit action at a steady rate, each
checked for staleness through the front (Varnish, or gunicorn directly).

After each edit returns and its purges are acknowledged (the HTTP purge tasks
have succeeded, when an HTTP cache is configured), the story's own page is
read again: it must be exact, and a read without the new headline is a stale
read. The lists that showed the story (home, all stories, its section) may
lag the edit by NEWSROOM_LAG_SECONDS: they are polled every 50 ms from the
edit's return (while its purges are being acknowledged: with Varnish that
includes renewing the story's page in place) until they show it, and the
time from the edit's return to that read is their lag.
Prints "ready" once set up (bench/breaking.py starts the readers' load
then, so a Django process starting is not counted as the edits' cost), and
a JSON summary at the end.
"""

import json
import time
import urllib.error
import urllib.request
from collections import Counter

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.tasks.signals import task_enqueued
from django_tasks_db.models import DBTaskResult

from articles import actions
from articles.models import Article

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

    def handle(self, *args, rate, duration, front, username, **options):
        editor = User.objects.get(username=username)
        stories = list(
            Article.objects.live()
            .select_related("section")
            .order_by("-publish_at", "-pk")[:CANDIDATES]
        )
        enqueued = []
        task_enqueued.connect(
            lambda sender, task_result, **kw: enqueued.append(task_result.id),
            weak=False,
        )
        self.stdout.write("ready")
        self.stdout.flush()
        edits, started = [], time.monotonic()
        while time.monotonic() - started < duration:
            slot = started + len(edits) / rate
            time.sleep(max(0.0, slot - time.monotonic()))
            story = Article.objects.get(pk=stories[len(edits) % CANDIDATES].pk)
            edits.append(self.edit(story, editor, front, enqueued, len(edits)))
        acks = sorted(edit["ack_s"] for edit in edits)
        fresh = sorted(edit["fresh_s"] for edit in edits)
        lags = sorted(lag for edit in edits for lag in edit["lags"])
        self.stdout.write(
            json.dumps(
                {
                    "edits": len(edits),
                    "pages_checked": sum(edit["pages"] for edit in edits),
                    "stale_reads": sum(edit["stale"] for edit in edits),
                    "stale_pages": dict(
                        Counter(page for edit in edits for page in edit["stale_pages"])
                    ),
                    "ack_p50_s": acks[len(acks) // 2] if acks else None,
                    "ack_max_s": acks[-1] if acks else None,
                    "fresh_max_s": fresh[-1] if fresh else None,
                    "lists_checked": len(lags),
                    "list_lag_max_s": lags[-1] if lags else None,
                    "list_lag_p99_s": lags[int(len(lags) * 0.99)] if lags else None,
                    "lists_never_fresh": sum(edit["never_fresh"] for edit in edits),
                    "unacknowledged": sum(not edit["acked"] for edit in edits),
                }
            )
        )

    def edit(self, story, editor, front, enqueued, number):
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
        returned = time.monotonic()
        tasks = list(enqueued)
        exact, lists = (
            showing[:1] if pages[0] in showing else [],
            [page for page in showing if page != pages[0]],
        )
        # The lists are polled from the edit's return; the exact page is read
        # once the purges are acknowledged.
        acked, ack_s, stale, lags = False, None, [], []
        while (not acked or lists) and time.monotonic() - returned < ACK_TIMEOUT:
            if not acked and self.done(tasks):
                acked, ack_s = True, time.monotonic() - returned
                stale = [p for p in exact if story.headline not in read(front + p)]
            for page in list(lists):
                if story.headline in read(front + page):
                    lags.append(time.monotonic() - returned)
                    lists.remove(page)
            time.sleep(POLL_SECONDS)
        stale_pages = [ROLES.get(page, "story") for page in stale]
        return {
            "pages": len(showing),
            "stale": len(stale_pages),
            "stale_pages": stale_pages,
            "lags": lags,
            "never_fresh": len(lists),
            "acked": acked,
            "ack_s": ack_s if acked else ACK_TIMEOUT,
            "fresh_s": time.monotonic() - returned,
        }

    @staticmethod
    def done(task_ids):
        """Have the purge tasks the edit enqueued succeeded?"""
        if not task_ids:
            return True
        done = DBTaskResult.objects.filter(id__in=task_ids, status="SUCCESSFUL")
        return done.count() == len(task_ids)
