"""What the mail provider reports back (Anymail's tracking webhooks, which
check each provider's signature): a hard bounce or a spam complaint
suppresses the address for good and ends its subscriptions."""

from anymail.signals import tracking
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from newsletters.models import Delivery, Subscription, Suppression, address_hash

#: Anymail's event types that end mailing an address (a temporary failure
#: is "deferred" in Anymail's terms, and changes nothing).
SUPPRESSING = {"bounced": Suppression.BOUNCED, "complained": Suppression.COMPLAINED}


def suppress(email, reason):
    """Never mail `email` again: a hashed entry, and every list left."""
    with transaction.atomic():
        Suppression.objects.get_or_create(
            email_hash=address_hash(email), defaults={"reason": reason}
        )
        Subscription.objects.filter(
            subscriber__email=email.strip().lower(), left_at=None
        ).update(left_at=timezone.now())


@receiver(tracking, dispatch_uid="newsletters.bounces")
def on_tracking(sender, event, esp_name, **kwargs):
    reason = SUPPRESSING.get(event.event_type)
    if reason is None or not event.recipient:
        return
    suppress(event.recipient, reason)
    if event.message_id:
        Delivery.objects.filter(message_id=event.message_id).update(
            state=Delivery.BOUNCED, error=(event.description or reason)[:300]
        )
