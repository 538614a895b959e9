"""The newsletter benchmark's database side (bench/newsletter.py).

`--seed N`: N confirmed subscribers of the daily digest, one issue of it
rendered and queued for the worker; prints the issue and its parts' sizes
as JSON. `--send`: runs the task worker until the queue is empty, as `make
run` does, and prints its wall time, peak memory and the copies' states.
"""

import json
import resource
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db.models import Count
from django.utils import timezone

from newsletters import emails
from newsletters.models import (
    Delivery,
    Issue,
    NewsletterList,
    Subscriber,
    Subscription,
)
from newsletters.tasks import send_issue

BATCH = 5000


class Command(BaseCommand):
    help = "Seed subscribers and a digest to send, or send it (benchmark)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--send", action="store_true")

    def handle(self, *args, seed, send, **options):
        if seed:
            self.stdout.write(json.dumps(self.seed(seed)))
        if send:
            self.stdout.write(json.dumps(self.send()))

    def seed(self, count):
        daily = NewsletterList.objects.get(slug="daily")
        Issue.objects.filter(newsletter=daily).delete()
        Subscriber.objects.all().delete()
        now = timezone.now()
        for start in range(0, count, BATCH):
            made = Subscriber.objects.bulk_create(
                Subscriber(email=f"reader{n:06d}@bench.example.org")
                for n in range(start, min(start + BATCH, count))
            )
            Subscription.objects.bulk_create(
                Subscription(
                    subscriber=subscriber,
                    newsletter=daily,
                    requested_at=now,
                    confirmed_at=now,
                    consent_wording="bench",
                )
                for subscriber in made
            )
        issue = Issue(
            newsletter=daily,
            subject="Bench digest",
            state=Issue.SCHEDULED,
            send_at=now,
        )
        emails.render(issue)
        issue.save()
        send_issue.enqueue(issue.pk)
        return {
            "issue": issue.pk,
            "subscribers": count,
            "html": issue.html,
            "text": issue.text,
        }

    def send(self):
        started = time.perf_counter()
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
        wall = time.perf_counter() - started
        states = dict(
            Delivery.objects.values_list("state").annotate(n=Count("pk")).order_by()
        )
        return {
            "wall_s": wall,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "states": states,
        }
