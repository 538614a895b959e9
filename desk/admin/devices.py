"""Second-factor devices in the admin: an administrator sees who has which
and removes one (a lost phone), but never reads a key or a recovery code
(OTP_ADMIN_HIDE_SENSITIVE_DATA) nor plants a factor on someone else's
account: those are set up by their owner (desk.two_factor)."""

import django_otp.plugins.otp_static.admin  # noqa: F401 - registers StaticDevice
from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.admin import WebAuthnCredentialAdmin
from django_otp_webauthn.models import WebAuthnCredential

from desk.models import RecoveryCodeDevice


class OwnersOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RecoveryCodeDeviceAdmin(admin.ModelAdmin):
    """Whose recovery codes, how many are left; never the codes (only their
    digests are kept)."""

    list_display = ["user", "name", "codes_left", "last_used_at"]
    fields = ["user", "name", "confirmed", "codes_left", "last_used_at"]
    readonly_fields = fields
    raw_id_fields = ["user"]

    @admin.display(description="codes left")
    def codes_left(self, device):
        return device.codes.count()


# Recovery codes are RecoveryCodeDevice's now (kept as digests); the desk's
# admin modules load before django-otp's, imported above to be replaced.
admin.site.unregister(StaticDevice)
for model, base in (
    (TOTPDevice, TOTPDeviceAdmin),
    (RecoveryCodeDevice, RecoveryCodeDeviceAdmin),
    (WebAuthnCredential, WebAuthnCredentialAdmin),
):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, type(base.__name__, (OwnersOnly, base), {}))
