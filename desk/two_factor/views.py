"""The second step of signing in, and one's own two-factor devices.

These pages are the admin's but not behind `admin_view`: they are where a
person signed in by password and not yet verified is sent.
"""

from base64 import b32encode

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST

from articles import permissions
from desk.two_factor import factors, invitations

WRONG_CODE = (
    "That code is wrong, used already or expired. After a wrong code the "
    "next try waits a little longer: type the code your app shows now."
)


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autofocus": True,
                "spellcheck": "false",
                "autocapitalize": "off",
            }
        ),
    )


def next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("admin:index")


def page(request, template, title, **context):
    site = admin.site
    return TemplateResponse(
        request,
        f"admin/two_factor/{template}.html",
        {
            **site.each_context(request),
            # Until verified, no list of the admin's apps.
            "available_apps": [],
            "is_nav_sidebar_enabled": False,
            "has_permission": True,  # the user tools, with "Log out"
            "title": title,
            "next": next_url(request),
            **context,
        },
    )


def signed_in_staff(view):
    def wrapped(request, *args, **kwargs):
        if not permissions.is_desk_member(request.user):
            return redirect(factors.url_with_next("login", request.get_full_path()))
        return view(request, *args, **kwargs)

    return never_cache(csrf_protect(wrapped))


@signed_in_staff
def verify(request):
    """The second step: a code, a recovery code or a passkey."""
    if factors.satisfied(request):
        return redirect(next_url(request))
    devices = factors.devices(request.user)
    if not devices:
        return redirect(factors.url_with_next("two_factor", next_url(request)))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if factors.verify_code(request, form.cleaned_data["code"]):
            return redirect(next_url(request))
        form.add_error("code", WRONG_CODE)
    kinds = {factors.kind(device) for device in devices}
    return page(request, "verify", "Confirm it is you", form=form, kinds=kinds)


@signed_in_staff
def manage(request):
    """One's own devices: add an app or a passkey, new recovery codes."""
    if not factors.may_manage(request):
        if factors.needs_invitation(request):
            return page(request, "invitation_needed", "Two-factor sign-in")
        return redirect(
            factors.url_with_next("two_factor_verify", request.get_full_path())
        )
    user = request.user
    devices = factors.devices(user)
    return page(
        request,
        "manage",
        "Two-factor sign-in",
        devices=[(d, factors.kind(d), factors.removable(user, d)) for d in devices],
        required=permissions.must_use_two_factor(user),
        enrolling=not devices,
        verified=user.is_verified(),
        codes_left=factors.recovery_codes_left(user),
    )


@signed_in_staff
def invitation(request, token):
    """An administrator's invitation: opens setting up a first factor in
    this session (NEWSROOM_TWO_FACTOR_INVITATION)."""
    try:
        invitations.accept(request, token)
    except invitations.BadInvitation as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Set up an authenticator app or a passkey.")
    return redirect("admin:two_factor")


@signed_in_staff
def add_app(request):
    """Scan the code, type the first code the app shows: set up."""
    if not factors.may_manage(request):
        raise PermissionDenied("Confirm it is you first.")
    # A new key for each attempt; a wrong code keeps the one being set up.
    device = None
    if request.method == "POST":
        device = factors.pending_totp(request.user)
    form = CodeForm(request.POST or None)
    if device is None:
        device = factors.start_totp(request.user)
        if request.method == "POST":
            form = CodeForm()
            messages.error(request, "That set-up had ended: scan this new code.")
    elif form.is_valid():
        if factors.confirm_totp(request, device, form.cleaned_data["code"]):
            messages.success(request, "Your authenticator app is set up.")
            if not factors.recovery_codes_left(request.user):
                return recovery_codes_page(request)
            return redirect(next_url(request))
        form.add_error("code", WRONG_CODE)
    return page(
        request,
        "add_app",
        "Add an authenticator app",
        form=form,
        qr=factors.qr_code(device.config_url),
        key=app_key(device),
    )


def app_key(device):
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def recovery_codes_page(request):
    codes = factors.new_recovery_codes(request.user)
    return page(request, "recovery_codes", "Your recovery codes", codes=codes)


@signed_in_staff
@require_POST
def recovery_codes(request):
    """A new set of recovery codes (the old set stops working)."""
    if not request.user.is_verified():
        raise PermissionDenied("Confirm it is you first.")
    return recovery_codes_page(request)


@signed_in_staff
@require_POST
def remove(request):
    """Remove one of one's own devices (never the last one one must have)."""
    if not request.user.is_verified():
        raise PermissionDenied("Confirm it is you first.")
    device = factors.find_device(request.user, request.POST.get("device", ""))
    if device is None:
        messages.error(request, "No such device.")
    elif not factors.removable(request.user, device):
        messages.error(
            request,
            "Editors and administrators need a second factor: add another "
            "before removing this one.",
        )
    else:
        device.delete()
        messages.success(request, f"The {factors.kind(device)} was removed.")
    return redirect("admin:two_factor")
