"""The links in a newsletter's emails carry a signed token, not an account.

A token names one subscriber and a hash of their address, signed with the
site's SECRET_KEY under its own salt: it cannot be guessed, altered to name
someone else, or used for the other purpose (a confirmation token does not
unsubscribe, and back). A confirmation expires; a management token (the
preferences page, one-click unsubscribe) works as long as the address does.
"""

from django.core import signing

from newsletters.models import Subscriber, address_hash

CONFIRM = "newsletters.confirm"
MANAGE = "newsletters.manage"
#: How long a confirmation link works.
CONFIRM_MAX_AGE = 7 * 24 * 3600


class BadToken(Exception):
    """A token forged, altered, expired, or naming no subscriber now."""


def _value(subscriber):
    return f"{subscriber.pk}.{address_hash(subscriber.email)[:20]}"


def confirmation_token(subscriber):
    return signing.TimestampSigner(salt=CONFIRM).sign(_value(subscriber))


def management_token(subscriber):
    return signing.Signer(salt=MANAGE).sign(_value(subscriber))


def _subscriber(value):
    pk, _, digest = value.partition(".")
    subscriber = None
    if pk.isascii() and pk.isdigit() and len(pk) <= 18:
        subscriber = Subscriber.objects.filter(pk=int(pk)).first()
    if subscriber is None or address_hash(subscriber.email)[:20] != digest:
        raise BadToken("This link names no subscriber.")
    return subscriber


def confirmed_subscriber(token):
    try:
        value = signing.TimestampSigner(salt=CONFIRM).unsign(
            token, max_age=CONFIRM_MAX_AGE
        )
    except signing.SignatureExpired as error:
        raise BadToken("This confirmation link has expired.") from error
    except signing.BadSignature as error:
        raise BadToken("This link is not valid.") from error
    return _subscriber(value)


def managed_subscriber(token):
    try:
        value = signing.Signer(salt=MANAGE).unsign(token)
    except signing.BadSignature as error:
        raise BadToken("This link is not valid.") from error
    return _subscriber(value)
