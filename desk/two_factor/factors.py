"""Two-factor sign-in for the desk: after the password, an authenticator-app
code (TOTP), a recovery code, or a passkey.

django-otp keeps the devices and marks a session verified; django-otp-webauthn
adds passkeys as one more django-otp device. Who must use a second factor is
articles.permissions.must_use_two_factor; anyone with a device must use it.
The admin site (desk.site) lets a signed-in person in only once
`satisfied(request)`, and otherwise sends them to `step(request)`'s page.
"""

import hmac

import segno
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from articles import permissions
from audit import log as audit
from desk.models import RecoveryCode, RecoveryCodeDevice

VERIFY, ENROL = "verify", "enrol"
#: The session key an invitation's link sets (invitations.py).
INVITED = "two_factor_invited"
RECOVERY_NAME = "Recovery codes"


def kind(device):
    """What a person calls a device (or a kind of device)."""
    model = device if isinstance(device, type) else type(device)
    return {
        TOTPDevice: "authenticator app",
        RecoveryCodeDevice: "recovery codes",
        WebAuthnCredential: "passkey",
    }.get(model, model.__name__)


def devices(user):
    """`user`'s confirmed devices, passkeys included."""
    return list(devices_for_user(user, confirmed=True))


def _devices(request):
    """`devices(request.user)`, read once per request (the admin asks often)."""
    if not hasattr(request, "_two_factor_devices"):
        request._two_factor_devices = devices(request.user)
    return request._two_factor_devices


def satisfied(request):
    """May this signed-in person use the admin as far as sign-in goes?"""
    user = request.user
    if user.is_verified():
        return True
    return not _devices(request) and not permissions.must_use_two_factor(user)


def url_with_next(name, next_url):
    """An admin page's address carrying where to go afterwards."""
    query = f"?{urlencode({'next': next_url})}" if next_url else ""
    return reverse(f"admin:{name}") + query


def step(request):
    """VERIFY (a device is set up), ENROL (one must be) or None."""
    user = request.user
    if not permissions.is_desk_member(user) or satisfied(request):
        return None
    return VERIFY if _devices(request) else ENROL


def may_manage(request):
    """One's own devices are managed once verified, or to set up the first:
    by password alone (trust on first use), or, with
    NEWSROOM_TWO_FACTOR_INVITATION on, only in a session opened from an
    invitation an administrator sent (invitations.py)."""
    user = request.user
    if not permissions.is_desk_member(user):
        return False
    if user.is_verified():
        return True
    if _devices(request):
        return False
    if settings.NEWSROOM_TWO_FACTOR_INVITATION:
        return request.session.get(INVITED) == user.pk
    return True


def needs_invitation(request):
    """Is this person kept from setting up a first factor until an
    administrator's invitation opens it?"""
    return (
        settings.NEWSROOM_TWO_FACTOR_INVITATION
        and permissions.is_desk_member(request.user)
        and not request.user.is_verified()
        and not _devices(request)
        and request.session.get(INVITED) != request.user.pk
    )


def verify_code(request, code):
    """Check a typed code against the person's devices: six digits go to the
    authenticator app, anything else to the recovery codes (each works once).
    Each device throttles its own failures (django-otp). On success the
    session is verified; both outcomes are logged."""
    user = request.user
    code = "".join(code.split()).lower()
    wanted = TOTPDevice if code.isdigit() and len(code) == 6 else RecoveryCodeDevice
    matched = None
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if isinstance(device, wanted) and device.verify_token(code):
                matched = device
                break
    if matched is None:
        note_failed(user, kind(wanted))
        return None
    verified(request, matched)
    return matched


def verified(request, device):
    otp_login(request, device)
    note_verified(request.user, device)


def note_failed(user, factor):
    audit.record(
        "two_factor_failed", actor=user, subject=user, changes={"factor": factor}
    )


def note_verified(user, device):
    audit.record(
        "two_factor_verified",
        actor=user,
        subject=user,
        changes={"factor": kind(device)},
    )


def start_totp(user):
    """A new authenticator-app device to set up, with a key of its own: each
    attempt gets a new key, and an earlier half-set-up one is forgotten (it
    may have been seen by someone else)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=False
    )


def pending_totp(user):
    """The device of the set-up under way (unconfirmed until the app's first
    code proves it was added), or None."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).first()


def confirm_totp(request, device, code):
    """The app's first code confirms the device and verifies the session."""
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6 and device.verify_token(code)):
        note_failed(request.user, "authenticator app (set-up)")
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    added(request.user, device)
    verified(request, device)
    return True


def added(user, device):
    audit.record(
        "two_factor_added", actor=user, subject=user, changes={"factor": kind(device)}
    )


def new_recovery_codes(user):
    """A fresh set of recovery codes, replacing any earlier set: shown once,
    kept only as digests."""
    device, _ = RecoveryCodeDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    codes = device.replace_codes()
    audit.record(
        "recovery_codes_created",
        actor=user,
        subject=user,
        changes={"codes": len(codes)},
    )
    return codes


def recovery_codes_left(user):
    return RecoveryCode.objects.filter(device__user=user).count()


def removable(user, device):
    """A device may go unless it is the last way in for someone who must
    use a second factor (recovery codes alone are not a way in)."""
    others = [
        d
        for d in devices(user)
        if d != device and not isinstance(d, RecoveryCodeDevice)
    ]
    return bool(others) or not permissions.must_use_two_factor(user)


def find_device(user, persistent_id):
    """One of `user`'s confirmed devices by its persistent id, or None."""
    return next(
        (
            d
            for d in devices(user)
            if hmac.compare_digest(d.persistent_id, persistent_id)
        ),
        None,
    )


def qr_code(url):
    """The otpauth:// address as an SVG data URI an app can scan."""
    return segno.make(url, error="m").svg_data_uri(scale=5, border=2)
