"""Sending an issue: in batches, as background work, never twice to anyone.

`prepare` renders the issue once and makes one Delivery row per recipient
(unique per issue and subscriber, so preparing again adds no one). Each
`send_batch` claims up to BATCH pending rows for a lease, then sends them
one by one through one connection of Django's default mailer, marking each
row sent as soon as the mail server has taken it. A worker stopped the usual
way (SIGTERM) finishes its batch first; one killed outright leaves its
claimed rows pending, and they are sent once their lease ends. The one
copy a killed worker may have handed over without recording it is sent
again with the same Message-ID, which mail providers fold into one.
"""

import logging
import smtplib
from datetime import timedelta

from anymail.exceptions import AnymailRecipientsRefused
from django.conf import settings
from django.core.mail import mailers
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from newsletters import emails, mime
from newsletters.models import Delivery, Issue, Subscriber, Subscription

logger = logging.getLogger(__name__)

#: A copy refused for its recipient alone: the rest of the batch still goes.
REFUSED = (smtplib.SMTPRecipientsRefused, AnymailRecipientsRefused)

#: Rows made per INSERT when an issue is prepared.
CHUNK = 2000


def lease():
    return timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS)


def prepare(issue_pk):
    """Render the issue and make its deliveries; the issue, or None when
    there is nothing (more) to send."""
    with transaction.atomic():
        issue = Issue.objects.select_for_update().filter(pk=issue_pk).first()
        if issue is None or issue.state not in (Issue.SCHEDULED, Issue.SENDING):
            return None  # sent, or taken back to a draft
        if issue.state == Issue.SENDING:
            return issue
        if issue.send_at and issue.send_at > timezone.now():
            return None  # moved later: that time's task sends it
        if not issue.html:
            emails.render(issue)
        subscribers = (
            Subscription.objects.filter(
                newsletter=issue.newsletter_id,
                confirmed_at__isnull=False,
                left_at=None,
            )
            .order_by("subscriber")
            .values_list("subscriber", flat=True)
        )
        chunk = []
        for subscriber in subscribers.iterator(chunk_size=CHUNK):
            chunk.append(Delivery(issue=issue, subscriber_id=subscriber))
            if len(chunk) == CHUNK:
                Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
                chunk = []
        Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
        issue.state, issue.started_at = Issue.SENDING, timezone.now()
        issue.save(update_fields=["html", "text", "state", "started_at"])
    return issue


def _claimable(issue, now):
    return Delivery.objects.filter(issue=issue, state=Delivery.PENDING).filter(
        Q(claimed_until=None) | Q(claimed_until__lt=now)
    )


def claim(issue):
    """Up to BATCH pending deliveries of `issue`, claimed for a lease."""
    now = timezone.now()
    with transaction.atomic():
        rows = _claimable(issue, now).order_by("pk")
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        ids = list(rows.values_list("pk", flat=True)[: settings.NEWSLETTER_BATCH])
        _claimable(issue, now).filter(pk__in=ids).update(claimed_until=now + lease())
    still_on_list = Subscription.objects.filter(
        subscriber=OuterRef("subscriber"),
        newsletter=issue.newsletter_id,
        confirmed_at__isnull=False,
        left_at=None,
    )
    claimed = Delivery.objects.filter(pk__in=ids).annotate(
        on_list=Exists(still_on_list)
    )
    left = [row.pk for row in claimed if not row.on_list]
    Delivery.objects.filter(pk__in=left).update(state=Delivery.SKIPPED)
    return list(
        claimed.filter(on_list=True).select_related("subscriber").order_by("pk")
    )


def message_id(issue, delivery):
    """The same Message-ID every time this copy is sent."""
    return f"<issue-{issue.pk}.{delivery.pk}@{emails.domain()}>"


def send_batch(issue):
    """Send one claimed batch; how many copies went out, or None when the
    mail server stopped taking them (the rest wait for the lease to end)."""
    batch = claim(issue)
    if not batch:
        return 0
    sent = 0
    mailer = mailers.create_connection("default")
    try:
        layout = mime.Layout(issue) if isinstance(mailer, SMTPBackend) else None
        mailer.open()
        for delivery in batch:
            try:
                sent_as = _send_copy(mailer, layout, issue, delivery)
            except (*REFUSED, ValueError) as error:  # this copy alone: its address
                Delivery.objects.filter(pk=delivery.pk).update(
                    state=Delivery.FAILED, error=str(error)[:300]
                )
                continue
            Delivery.objects.filter(pk=delivery.pk).update(
                state=Delivery.SENT, sent_at=timezone.now(), message_id=sent_as
            )
            sent += 1
    except Exception as error:
        # The server, not the copy: the rest go once the lease ends.
        logger.warning("Sending issue %s paused: %s", issue.pk, error)
        return None
    finally:
        mailer.close()
    return sent


def _send_copy(mailer, layout, issue, delivery):
    """Send one copy; the Message-ID it went under (the provider's own, for
    Anymail's backends, which its webhooks report)."""
    sent_as = message_id(issue, delivery)
    subscriber = delivery.subscriber
    if layout is not None and layout.fits(subscriber.email):
        mailer.connection.sendmail(*layout.copy(subscriber, sent_as))
        return sent_as
    email = emails.message(issue, subscriber, message_id=sent_as)
    mailer.send_messages([email])
    status = getattr(email, "anymail_status", None)
    return (status and status.message_id) or sent_as


def remaining(issue):
    """Some copies wait that a worker may claim now."""
    return _claimable(issue, timezone.now()).exists()


def claimed(issue):
    """Some copies are still held by a worker's lease."""
    return Delivery.objects.filter(
        issue=issue, state=Delivery.PENDING, claimed_until__gt=timezone.now()
    ).exists()


def finish(issue):
    Issue.objects.filter(pk=issue.pk, state=Issue.SENDING).update(
        state=Issue.SENT, finished_at=timezone.now()
    )


def recipients(newsletter):
    """Subscribers an issue of `newsletter` would go to now."""
    return Subscriber.objects.filter(
        subscriptions__newsletter=newsletter,
        subscriptions__confirmed_at__isnull=False,
        subscriptions__left_at=None,
    )
