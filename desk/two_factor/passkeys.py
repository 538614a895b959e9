"""django-otp-webauthn's passkey views, with their outcomes in the audit log.

Passkeys are a second factor only (OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN is
off): the views serve a person already signed in by password.
"""

import json

from django.http import JsonResponse
from django.urls import path
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import views
from django_otp_webauthn.models import WebAuthnCredential

from desk.two_factor import factors


class SetUpAllowed:
    """Registering a passkey is setting up a factor: the same rule as the
    authenticator app (verified, or a first factor as the settings allow)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not factors.may_manage(request):
            return JsonResponse({"detail": "Confirm it is you first."}, status=403)
        return super().dispatch(request, *args, **kwargs)


class RegisterBegin(SetUpAllowed, views.BeginCredentialRegistrationView):
    pass


class RegisterComplete(SetUpAllowed, views.CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        if response.status_code == 200:
            device = WebAuthnCredential.objects.get(
                pk=json.loads(response.content)["id"]
            )
            factors.added(self.request.user, device)
        return response


class AuthenticateComplete(views.CompleteCredentialAuthenticationView):
    def dispatch(self, *args, **kwargs):
        # Refusals are answered in the package's dispatch, not in post().
        response = super().dispatch(*args, **kwargs)
        user = self.request.user
        if response.status_code >= 400 and user.is_authenticated:
            factors.note_failed(user, "passkey")
        return response

    def complete_auth(self, device):
        super().complete_auth(device)
        factors.note_verified(self.request.user, device)


app_name = "otp_webauthn"  # the name the package's templates reverse

urlpatterns = [
    path(
        "registration/begin/",
        RegisterBegin.as_view(),
        name="credential-registration-begin",
    ),
    path(
        "registration/complete/",
        RegisterComplete.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "authentication/begin/",
        views.BeginCredentialAuthenticationView.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        AuthenticateComplete.as_view(),
        name="credential-authentication-complete",
    ),
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
        name="js-i18n-catalog",
    ),
]
