"""Two-factor sign-in's second step with real authenticator-app codes,
recovery codes and their misuse, and removing devices."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEntry
from desk.models import RecoveryCode
from tests.two_factor_helpers import (
    ADMIN,
    STORIES,
    enrol_app,
    lands_on,
    required,  # noqa: F401 - an autouse fixture
    sign_in,
    totp,
    verify,
)


@pytest.fixture
def enrolled(client, desk, clock):
    """The editor with an authenticator app; signed out again."""
    sign_in(client, "editor")
    key, codes = enrol_app(client, timezone.now())
    client.logout()
    clock.shift(timedelta(seconds=30))
    return key, codes


def test_a_current_code_verifies_the_second_step(client, enrolled):
    key, _ = enrolled
    sign_in(client, "editor")
    assert lands_on(client, ADMIN).startswith(reverse("admin:two_factor_verify"))
    response = verify(client, totp(key, timezone.now()))
    assert response.status_code == 302 and response["Location"] == ADMIN
    assert client.get(STORIES).status_code == 200


def test_a_wrong_code_is_refused(client, enrolled, desk):
    key, _ = enrolled
    sign_in(client, "editor")
    good = totp(key, timezone.now())
    wrong = f"{(int(good) + 1) % 10**6:06d}"
    response = verify(client, wrong)
    assert response.status_code == 200 and "wrong" in response.content.decode()
    assert client.get(STORIES).status_code == 302
    assert AuditEntry.objects.filter(action="two_factor_failed").exists()


def test_a_used_code_is_refused_the_second_time(client, enrolled):
    key, _ = enrolled
    code = totp(key, timezone.now())
    sign_in(client, "editor")
    assert verify(client, code).status_code == 302
    client.logout()
    sign_in(client, "editor")
    assert verify(client, code).status_code == 200  # same step: replay
    assert client.get(STORIES).status_code == 302


def test_an_expired_code_is_refused(client, enrolled, clock):
    key, _ = enrolled
    old = totp(key, timezone.now())
    clock.shift(timedelta(seconds=95))  # three steps on: past the one allowed
    sign_in(client, "editor")
    assert verify(client, old).status_code == 200
    assert client.get(STORIES).status_code == 302


def test_a_wrong_code_makes_the_next_try_wait(client, enrolled, clock):
    """Guessing is throttled: right after a wrong code even the right one is
    refused; a few seconds later it works."""
    key, _ = enrolled
    sign_in(client, "editor")
    verify(client, "123456" if totp(key, timezone.now()) != "123456" else "654321")
    assert verify(client, totp(key, timezone.now())).status_code == 200
    clock.shift(timedelta(seconds=31))
    assert verify(client, totp(key, timezone.now())).status_code == 302


def test_a_recovery_code_works_once(client, enrolled, desk, clock):
    _, codes = enrolled
    sign_in(client, "editor")
    assert verify(client, codes[0].upper()).status_code == 302  # case is forgiven
    assert client.get(STORIES).status_code == 200
    client.logout()
    sign_in(client, "editor")
    assert verify(client, codes[0]).status_code == 200
    clock.shift(timedelta(seconds=5))  # the wait a wrong code earns
    assert verify(client, codes[1]).status_code == 302
    assert RecoveryCode.objects.filter(device__user=desk.editor).count() == 8


def test_new_recovery_codes_end_the_old_set(client, enrolled, clock):
    key, codes = enrolled
    sign_in(client, "editor")
    verify(client, totp(key, timezone.now()))
    page = client.post(reverse("admin:two_factor_recovery"))
    fresh = re.findall(r"<li><code>([a-z2-7-]+)</code></li>", page.content.decode())
    assert len(fresh) == 10 and not set(fresh) & set(codes)
    client.logout()
    sign_in(client, "editor")
    assert verify(client, codes[2]).status_code == 200
    clock.shift(timedelta(seconds=5))
    assert verify(client, fresh[0]).status_code == 302


def test_unverified_sessions_cannot_manage_devices(client, enrolled, desk):
    """Crafted requests from a password-only session: no new recovery codes,
    no removing the app, no second app set up."""
    sign_in(client, "editor")
    assert client.post(reverse("admin:two_factor_recovery")).status_code == 403
    device = TOTPDevice.objects.get(user=desk.editor)
    removed = client.post(
        reverse("admin:two_factor_remove"), {"device": device.persistent_id}
    )
    assert removed.status_code == 403
    assert client.get(reverse("admin:two_factor_app")).status_code == 403
    assert TOTPDevice.objects.filter(user=desk.editor).count() == 1


def test_an_editor_cannot_remove_their_last_factor(client, enrolled, desk):
    key, _ = enrolled
    sign_in(client, "editor")
    assert verify(client, totp(key, timezone.now())).status_code == 302
    device = TOTPDevice.objects.get(user=desk.editor)
    response = client.post(
        reverse("admin:two_factor_remove"),
        {"device": device.persistent_id},
        follow=True,
    )
    assert "add another before removing this one" in response.content.decode()
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_nobody_removes_another_persons_device(client, enrolled, desk, clock):
    """A verified writer posts the editor's device id: not theirs, kept."""
    other = TOTPDevice.objects.get(user=desk.editor)
    sign_in(client, "writer")
    enrol_app(client, timezone.now())  # verified, with a device of their own
    response = client.post(
        reverse("admin:two_factor_remove"), {"device": other.persistent_id}, follow=True
    )
    assert "No such device." in response.content.decode()
    assert TOTPDevice.objects.filter(pk=other.pk).exists()


def test_a_writer_removes_their_own_factor(client, desk, clock):
    sign_in(client, "writer")
    enrol_app(client, timezone.now())
    device = TOTPDevice.objects.get(user=desk.writer)
    client.post(reverse("admin:two_factor_remove"), {"device": device.persistent_id})
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert AuditEntry.objects.filter(action="delete_totpdevice").exists()


def test_the_next_address_must_be_this_site(client, enrolled):
    key, _ = enrolled
    sign_in(client, "editor")
    response = client.post(
        reverse("admin:two_factor_verify"),
        {"code": totp(key, timezone.now()), "next": "https://evil.example/"},
    )
    assert response["Location"] == ADMIN


def test_a_failed_passkey_is_logged(client, enrolled):
    sign_in(client, "editor")
    response = client.post(
        "/admin/passkeys/authentication/complete/",
        data="{}",
        content_type="application/json",
    )
    assert response.status_code >= 400
    entry = AuditEntry.objects.get(action="two_factor_failed")
    assert entry.changes == {"factor": "passkey"}
