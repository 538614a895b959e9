"""What an administrator does with a subscriber's data (GDPR art. 15 and
17): export all of it, or erase it. Erasure keeps only a hashed
suppression entry, so the address is never mailed again; the audit log
names the subscriber by number, never by address."""

from django.utils import timezone

from articles import permissions
from articles.actions import Action
from newsletters.models import Suppression, address_hash


class SubscriberDataAction(Action):
    denied = "Only an administrator may export or erase a subscriber's data."

    def __init__(self, subscriber):
        super().__init__()
        self.subscriber = subscriber
        self.pk = subscriber.pk

    def permits(self, user):
        return permissions.can_handle_subscriber_data(user)

    def details(self):
        return {"subscriber": self.pk}


def _time(value):
    return value.isoformat() if value else None


class ExportSubscriber(SubscriberDataAction):
    name = "export_subscriber"
    label = "Export data"

    def perform(self, change):
        subscriber = self.subscriber
        return {
            "email": subscriber.email,
            "created_at": _time(subscriber.created_at),
            "exported_at": _time(timezone.now()),
            "subscriptions": [
                {
                    "newsletter": item.newsletter.name,
                    "requested_at": _time(item.requested_at),
                    "requested_from": item.requested_from,
                    "confirmed_at": _time(item.confirmed_at),
                    "consent_address": item.consent_address,
                    "consent_wording": item.consent_wording,
                    "left_at": _time(item.left_at),
                }
                for item in subscriber.subscriptions.select_related("newsletter")
            ],
            "emails_sent": [
                {
                    "subject": copy.issue.subject,
                    "state": copy.state,
                    "sent_at": _time(copy.sent_at),
                }
                for copy in subscriber.deliveries.select_related("issue")
            ],
        }


class EraseSubscriber(SubscriberDataAction):
    name = "erase_subscriber"
    label = "Erase"

    def perform(self, change):
        Suppression.objects.update_or_create(
            email_hash=address_hash(self.subscriber.email),
            defaults={"reason": Suppression.ERASED},
        )
        self.subscriber.delete()  # subscriptions go; copies stay, nameless
