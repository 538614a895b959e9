"""Newsletters' background work, run by the task worker (`db_worker`).

`send_issue` sends one batch per run. Each run first leaves a follow-up for
when its lease ends, so an issue whose worker was killed goes on sending
once a worker runs again; a follow-up that finds the work done or claimed
does nothing.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from newsletters import emails, sending
from newsletters.models import Issue, NewsletterList, Subscriber


@task
def send_confirmation(subscriber_pk):
    subscriber = Subscriber.objects.filter(pk=subscriber_pk).first()
    if subscriber is None:
        return
    waiting = [
        item.newsletter
        for item in subscriber.subscriptions.filter(
            confirmed_at=None, left_at=None
        ).select_related("newsletter")
    ]
    if waiting:
        emails.confirmation(subscriber, waiting).send()


@task
def send_issue(issue_pk):
    issue = sending.prepare(issue_pk)
    if issue is None:
        return 0
    send_issue.using(run_after=timezone.now() + sending.lease()).enqueue(issue_pk)
    sent = sending.send_batch(issue)
    if sent is None:
        return 0  # the mail server is away: the follow-up tries again
    if sending.remaining(issue):
        send_issue.enqueue(issue_pk)
    elif not sending.claimed(issue):
        sending.finish(issue)
        if issue.edition is not None:
            schedule_digest(issue.newsletter)
    return sent


def next_send_time(newsletter, now=None):
    """The next moment `newsletter`'s digest goes out, in the site's zone."""
    now = timezone.localtime(now or timezone.now())
    day = now.date()
    moment = timezone.make_aware(datetime.combine(day, newsletter.send_time))
    if moment <= now:
        moment = timezone.make_aware(
            datetime.combine(day + timedelta(days=1), newsletter.send_time)
        )
    return moment


def schedule_digest(newsletter):
    """Make the next digest of `newsletter` (once per day) and queue it."""
    if newsletter.kind != NewsletterList.DIGEST or newsletter.send_time is None:
        return None
    if not newsletter.active:
        return None
    moment = next_send_time(newsletter)
    edition = timezone.localtime(moment).date()
    with transaction.atomic():
        issue, made = Issue.objects.get_or_create(
            newsletter=newsletter,
            edition=edition,
            defaults={
                "subject": f"{settings.NEWSROOM_SITE_NAME}: "
                f"{newsletter.name}, {edition:%-d %B %Y}",
                "state": Issue.SCHEDULED,
                "send_at": moment,
            },
        )
        if made:
            send_issue.using(run_after=moment).enqueue(issue.pk)
    return issue


def schedule_digests():
    """Queue each digest's next issue (the worker's start calls this)."""
    return [schedule_digest(item) for item in NewsletterList.objects.all()]
