"""What the desk keeps besides the newsroom's own records: recovery codes
(as digests) and two-factor set-up invitations."""

import secrets
from base64 import b32encode

from django.conf import settings
from django.db import models, transaction
from django.utils.crypto import constant_time_compare, salted_hmac
from django_otp.models import Device, ThrottlingMixin, TimestampMixin

SALT = "desk.recovery-code"


def new_code():
    """A recovery code: 80 random bits as 16 letters and digits in four
    groups (xxxx-xxxx-xxxx-xxxx)."""
    raw = b32encode(secrets.token_bytes(10)).decode().lower()
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def normalise(code):
    """What is compared: the letters and digits typed, lower case."""
    return "".join(char for char in code.lower() if char.isalnum())


def digest(code, secret=None):
    """The keyed digest a recovery code is stored as: a copy of the database
    holds no working code (nor, without the site's key, a way to test one)."""
    return salted_hmac(
        SALT, normalise(code), secret=secret, algorithm="sha256"
    ).hexdigest()


class RecoveryCodeDevice(TimestampMixin, ThrottlingMixin, Device):
    """A person's recovery codes, each usable once, kept only as digests
    (django-otp's StaticDevice keeps them as typed)."""

    class Meta:
        verbose_name = "recovery codes"
        verbose_name_plural = "recovery codes"

    def get_throttle_factor(self):
        return getattr(settings, "OTP_STATIC_THROTTLE_FACTOR", 1)

    def replace_codes(self):
        """A new set of codes (returned once, never stored as such)."""
        codes = [new_code() for _ in range(settings.NEWSROOM_RECOVERY_CODES)]
        self.codes.all().delete()
        RecoveryCode.objects.bulk_create(
            RecoveryCode(device=self, digest=digest(code)) for code in codes
        )
        return codes

    def verify_token(self, token):
        allowed, _ = self.verify_is_allowed()
        if not allowed:
            return False
        keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
        digests = {digest(token, key) for key in keys}
        with transaction.atomic():
            for code in self.codes.select_for_update():
                if any(constant_time_compare(code.digest, d) for d in digests):
                    code.delete()
                    self.throttle_reset(commit=False)
                    self.set_last_used_timestamp(commit=False)
                    self.save()
                    return True
        self.throttle_increment()
        return False


class RecoveryCode(models.Model):
    device = models.ForeignKey(
        RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes"
    )
    digest = models.CharField("digest", max_length=64)

    def __str__(self):
        return f"Recovery code of {self.device.user}"


class TwoFactorInvitation(models.Model):
    """An administrator's invitation to set up a first second factor: with
    NEWSROOM_TWO_FACTOR_INVITATION on, a password alone does not enrol one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="two_factor_invitations",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("sent at", auto_now_add=True)
    used_at = models.DateTimeField("used at", null=True, blank=True)

    class Meta:
        verbose_name = "two-factor invitation"

    def __str__(self):
        return f"Two-factor invitation for {self.user}"
