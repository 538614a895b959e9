"""Invitations to set up a first second factor.

By default a person signed in by password with no second factor yet may set
one up (trust on first use): whoever knows the password first wins, which
an administrator may not accept. With NEWSROOM_TWO_FACTOR_INVITATION on,
setting up a first factor needs a link an administrator sent (by email
when the person has an address, and shown to the administrator to pass on
another way): it works once, for its person only, for
NEWSROOM_TWO_FACTOR_INVITATION_HOURS, and opens set-up in that session.
"""

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from audit import log as audit
from desk.models import TwoFactorInvitation
from desk.two_factor import factors

SALT = "desk.two-factor-invitation"


class BadInvitation(Exception):
    pass


def invite(user, *, by, request):
    """A new invitation for `user`: its absolute link (also emailed)."""
    invitation = TwoFactorInvitation.objects.create(user=user, created_by=by)
    token = signing.dumps(invitation.pk, salt=SALT)
    link = request.build_absolute_uri(
        reverse("admin:two_factor_invitation", args=[token])
    )
    audit.record("two_factor_invited", actor=by, subject=user)
    if user.email:
        hours = settings.NEWSROOM_TWO_FACTOR_INVITATION_HOURS
        send_mail(
            f"{settings.NEWSROOM_SITE_NAME}: set up two-factor sign-in",
            f"Sign in, then open this link within {hours} hours to set up an "
            f"authenticator app or a passkey:\n\n{link}\n\nIt works once, for "
            "you only.",
            None,
            [user.email],
        )
    return link


def accept(request, token):
    """Let this session set up a first factor, if `token` is an unused,
    unexpired invitation for the person signed in."""
    max_age = settings.NEWSROOM_TWO_FACTOR_INVITATION_HOURS * 3600
    try:
        pk = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature as error:  # includes SignatureExpired
        raise BadInvitation("This invitation is not valid or has expired.") from error
    used = TwoFactorInvitation.objects.filter(
        pk=pk, user=request.user, used_at__isnull=True
    ).update(used_at=timezone.now())
    if not used:
        raise BadInvitation("This invitation is used, or is for someone else.")
    request.session[factors.INVITED] = request.user.pk
    audit.record("two_factor_invitation_used", subject=request.user)
