"""Queue each daily digest's next issue: `make run` and `make serve` call it
before starting the task worker, which keeps the chain going after that
(each digest sent queues the next)."""

from django.core.management.base import BaseCommand

from newsletters.tasks import schedule_digests


class Command(BaseCommand):
    help = "Queue the next issue of every daily digest at its sending time."

    def handle(self, *args, **options):
        for issue in filter(None, schedule_digests()):
            self.stdout.write(f"{issue.newsletter}: {issue.send_at:%Y-%m-%d %H:%M %Z}")
