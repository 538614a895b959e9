"""What a reader does to their subscriptions, as actions (articles.actions):
ask to join lists, confirm, change lists, leave. Each runs in one
transaction; none needs an account, the token in the link is the proof
(newsletters.tokens), so `permits` lets anyone run them.
"""

from datetime import timedelta

from django.utils import timezone

from articles.actions import Action
from newsletters import tasks
from newsletters.models import Delivery, Subscriber, Subscription, Suppression

#: One confirmation email per address in this long, however often asked.
CONFIRMATION_INTERVAL = timedelta(minutes=10)


def consent_wording(newsletters, email):
    """The words a person consents to on the confirmation page."""
    names = "; ".join(f"{item.name}: {item.description}" for item in newsletters)
    return f"Yes, send {email} these newsletters: {names}. I can leave at any time."


class ReaderAction(Action):
    audited = False  # the consent record is the reader's log

    def permits(self, user):
        return True


class Subscribe(ReaderAction):
    """Ask to join `newsletters`; a confirmation email follows (double opt-in).
    A suppressed address gets nothing, and the answer looks the same."""

    name = "subscribe"
    label = "Subscribe"

    def __init__(self, email, newsletters, *, address=None):
        super().__init__()
        self.email = email.strip().lower()
        self.newsletters = list(newsletters)
        self.address = address

    def perform(self, change):
        if Suppression.holds(self.email):
            return None
        now = timezone.now()
        subscriber, _ = Subscriber.objects.get_or_create(email=self.email)
        recent = subscriber.subscriptions.filter(
            requested_at__gt=now - CONFIRMATION_INTERVAL, confirmed_at=None
        ).exists()
        asked = False
        for newsletter in self.newsletters:
            subscription, made = Subscription.objects.get_or_create(
                subscriber=subscriber,
                newsletter=newsletter,
                defaults={"requested_at": now, "requested_from": self.address},
            )
            if not made and not subscription.active:
                subscription.requested_at, subscription.requested_from = (
                    now,
                    self.address,
                )
                subscription.left_at = None
                subscription.confirmed_at = None
                subscription.save()
            asked = asked or not subscription.active
        if asked and not recent:
            tasks.send_confirmation.enqueue(subscriber.pk)
        return subscriber


class Confirm(ReaderAction):
    """Confirm the lists `subscriber` asked for, recording the consent. A
    second confirmation (a replayed link) finds nothing waiting and changes
    nothing."""

    name = "confirm_subscription"
    label = "Confirm"

    def __init__(self, subscriber, *, address=None, shown=None):
        super().__init__()
        self.subscriber = subscriber
        self.address = address
        #: The subscriptions the confirmation page showed (None: all waiting).
        self.shown = shown

    def waiting(self):
        return (
            self.subscriber.subscriptions.filter(confirmed_at=None, left_at=None)
            .select_related("newsletter")
            .order_by("newsletter__position")
        )

    def perform(self, change):
        waiting = self.waiting().select_for_update()
        if self.shown is not None:
            waiting = waiting.filter(pk__in=self.shown)
        waiting = list(waiting)
        if not waiting:
            return []
        wording = consent_wording(
            [item.newsletter for item in waiting], self.subscriber.email
        )
        Subscription.objects.filter(pk__in=[item.pk for item in waiting]).update(
            confirmed_at=timezone.now(),
            consent_address=self.address,
            consent_wording=wording,
        )
        return [item.newsletter for item in waiting]


class ChangeLists(ReaderAction):
    """Put `subscriber` on exactly the lists `chosen` from their preferences
    page. Its link came in their mail, so a list joined there is consented
    to on that page, and recorded so."""

    name = "change_subscriptions"
    label = "Save"

    def __init__(self, subscriber, chosen, *, issue=None, address=None):
        super().__init__()
        self.subscriber = subscriber
        self.chosen = list(chosen)
        self.issue = issue
        self.address = address

    def perform(self, change):
        now = timezone.now()
        left = self.subscriber.subscriptions.filter(left_at=None).exclude(
            newsletter__in=self.chosen
        )
        count = left.update(left_at=now)
        if count and self.issue is not None:
            Delivery.objects.filter(
                issue=self.issue, subscriber=self.subscriber, unsubscribed_at=None
            ).update(unsubscribed_at=now)
        on = set(
            self.subscriber.subscriptions.filter(
                left_at=None, confirmed_at__isnull=False
            ).values_list("newsletter", flat=True)
        )
        joined = [item for item in self.chosen if item.pk not in on]
        if joined and not Suppression.holds(self.subscriber.email):
            consent = {
                "requested_at": now,
                "requested_from": self.address,
                "confirmed_at": now,
                "consent_address": self.address,
                "consent_wording": consent_wording(joined, self.subscriber.email),
                "left_at": None,
            }
            for newsletter in joined:
                Subscription.objects.update_or_create(
                    subscriber=self.subscriber, newsletter=newsletter, defaults=consent
                )
        return count


class LeaveAll(ChangeLists):
    name = "unsubscribe"
    label = "Unsubscribe from all"

    def __init__(self, subscriber, *, issue=None):
        super().__init__(subscriber, [], issue=issue)
