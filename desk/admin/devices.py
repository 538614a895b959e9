"""Second-factor devices in the admin: an administrator sees who has which
and removes one (a lost phone), but never reads a key or a recovery code
(OTP_ADMIN_HIDE_SENSITIVE_DATA) nor plants a factor on someone else's
account: those are set up by their owner (desk.two_factor)."""

from django.contrib import admin
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.admin import WebAuthnCredentialAdmin
from django_otp_webauthn.models import WebAuthnCredential


class OwnersOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


for model, base in (
    (TOTPDevice, TOTPDeviceAdmin),
    (StaticDevice, StaticDeviceAdmin),
    (WebAuthnCredential, WebAuthnCredentialAdmin),
):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, type(base.__name__, (OwnersOnly, base), {}))
