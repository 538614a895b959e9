"""The `mailto:` of List-Unsubscribe: a mail client that cannot POST sends
"unsubscribe <token>" to NEWSLETTER_UNSUBSCRIBE_EMAIL. The provider hands
that mail to Anymail's inbound webhook (signature checked there); the
signed token, not the sender's address, says who leaves."""

import re

from anymail.signals import inbound
from django.dispatch import receiver

from newsletters import tokens
from newsletters.subscribing import LeaveAll

TOKEN = re.compile(r"unsubscribe\s+(\S+)", re.IGNORECASE)


@receiver(inbound, dispatch_uid="newsletters.inbound")
def on_inbound(sender, event, esp_name, **kwargs):
    found = TOKEN.search(event.message.subject or "")
    if found is None:
        return
    try:
        subscriber = tokens.managed_subscriber(found.group(1))
    except tokens.BadToken:
        return
    LeaveAll(subscriber).execute(by=None)
