"""Two-factor sign-in: who must use it, enrolment, and the second step with
real authenticator-app codes (computed here from the key, RFC 6238),
recovery codes and their misuse. Passkeys: tests/browser/test_passkeys.py."""

import base64
import hashlib
import hmac
import re
import struct
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.models import Article
from audit.models import AuditEntry

PASSWORD = "pw-for-tests-1"
ADMIN = "/admin/"
STORIES = "/admin/articles/article/"


def totp(key, at, step=30, digits=6):
    """The code an authenticator app shows at `at` for this base32 key."""
    counter = int(at.timestamp()) // step
    digest = hmac.new(
        base64.b32decode(key.replace(" ", "")), struct.pack(">Q", counter), hashlib.sha1
    ).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


@pytest.fixture(autouse=True)
def required(settings):
    settings.NEWSROOM_TWO_FACTOR_REQUIRED = True


@pytest.fixture
def clock():
    """Time held still (moved by hand): codes depend on the 30-second step."""
    start = timezone.now().replace(microsecond=0)
    with time_machine.travel(start, tick=False) as traveller:
        yield traveller


def sign_in(client, username):
    """The password step, as the login form does it."""
    response = client.post(
        reverse("admin:login"), {"username": username, "password": PASSWORD}
    )
    assert response.status_code == 302, "password refused"
    return client


def lands_on(client, path):
    """Where opening `path` ends up after the redirects."""
    response = client.get(path, follow=True)
    return response.redirect_chain[-1][0] if response.redirect_chain else path


def enrol_app(client, at):
    """Set up an authenticator app; returns its key and the recovery codes."""
    page = client.get(reverse("admin:two_factor_app"))
    key = re.search(r'id="totp-key">([A-Z2-7 ]+)<', page.content.decode()).group(1)
    done = client.post(reverse("admin:two_factor_app"), {"code": totp(key, at)})
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.content.decode())
    return key, codes


def verify(client, code):
    return client.post(reverse("admin:two_factor_verify"), {"code": code})


@pytest.fixture
def enrolled(client, desk, clock):
    """The editor with an authenticator app; signed out again."""
    sign_in(client, "editor")
    key, codes = enrol_app(client, timezone.now())
    client.logout()
    clock.shift(timedelta(seconds=30))
    return key, codes


def test_an_editor_must_enrol_before_the_admin_opens(client, desk):
    """An editor signed in by password alone is sent to set up a second
    factor; crafted requests to admin pages get no further."""
    sign_in(client, "editor")
    assert lands_on(client, ADMIN).startswith(reverse("admin:two_factor"))
    for path in (STORIES, reverse("admin:audit_auditentry_changelist")):
        response = client.get(path)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    post = client.post(
        reverse("admin:articles_article_add"), {"headline": "Sneaked in"}
    )
    assert post.status_code == 302
    assert not Article.objects.filter(headline="Sneaked in").exists()


def test_administrators_must_enrol_too(client, desk):
    sign_in(client, "admin")
    assert lands_on(client, ADMIN).startswith(reverse("admin:two_factor"))


def test_writers_may_choose_and_then_must_use_it(client, desk, clock):
    """A writer without a second factor opens the admin; once they set one
    up, signing in asks for it."""
    sign_in(client, "writer")
    assert client.get(ADMIN).status_code == 200
    key, _ = enrol_app(client, timezone.now())
    client.logout()
    clock.shift(timedelta(seconds=30))
    sign_in(client, "writer")
    assert lands_on(client, ADMIN).startswith(reverse("admin:two_factor_verify"))
    assert verify(client, totp(key, timezone.now())).status_code == 302
    assert client.get(ADMIN).status_code == 200


def test_the_requirement_is_a_setting(client, desk, settings):
    settings.NEWSROOM_TWO_FACTOR_REQUIRED = False
    sign_in(client, "editor")
    assert client.get(ADMIN).status_code == 200


def test_enrolling_an_app_with_a_real_code_opens_the_admin(client, desk, clock):
    """The app's first code sets it up and verifies the session; ten
    recovery codes are shown once; both are logged."""
    sign_in(client, "editor")
    page = client.get(reverse("admin:two_factor_app"))
    assert 'src="data:image/svg+xml' in page.content.decode()  # the QR code
    key = re.search(r'id="totp-key">([A-Z2-7 ]+)<', page.content.decode()).group(1)
    wrong = client.post(reverse("admin:two_factor_app"), {"code": "000000"})
    assert "wrong" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=desk.editor, confirmed=True).exists()
    clock.shift(timedelta(seconds=30))  # past the wait a wrong code earns
    done = client.post(
        reverse("admin:two_factor_app"), {"code": totp(key, timezone.now())}
    )
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.content.decode())
    assert len(codes) == 10 == len(set(codes))
    assert client.get(ADMIN).status_code == 200
    actions = set(
        AuditEntry.objects.filter(actor=desk.editor).values_list("action", flat=True)
    )
    assert {
        "two_factor_added",
        "two_factor_verified",
        "two_factor_failed",
        "recovery_codes_created",
    } <= actions


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
    assert StaticToken.objects.filter(device__user=desk.editor).count() == 8


def test_new_recovery_codes_end_the_old_set(client, enrolled, clock):
    key, codes = enrolled
    sign_in(client, "editor")
    verify(client, totp(key, timezone.now()))
    page = client.post(reverse("admin:two_factor_recovery"))
    fresh = re.findall(r"<li><code>([a-z2-7]+)</code></li>", page.content.decode())
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


def test_password_throttling_stays_in_front(client, desk):
    """Five wrong passwords lock the account and address out, right
    password or not: the second factor is never reached."""
    for _ in range(5):
        client.post(
            reverse("admin:login"), {"username": "editor", "password": "wrong-1"}
        )
    locked = client.post(
        reverse("admin:login"), {"username": "editor", "password": PASSWORD}
    )
    assert locked.status_code == 429
    assert client.get(reverse("admin:two_factor_verify")).status_code == 302


def test_the_next_address_must_be_this_site(client, enrolled):
    key, _ = enrolled
    sign_in(client, "editor")
    response = client.post(
        reverse("admin:two_factor_verify"),
        {"code": totp(key, timezone.now()), "next": "https://evil.example/"},
    )
    assert response["Location"] == ADMIN


def test_group_membership_decides_who_must(client, desk):
    """Made an editor by joining the Editor group: now they must enrol."""
    sign_in(client, "writer")
    assert client.get(ADMIN).status_code == 200
    desk.writer.groups.add(Group.objects.get(name="Editor"))
    assert client.get(ADMIN).status_code == 302


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


def test_whoever_may_change_users_must_use_it(client, desk):
    from django.contrib.auth.models import Permission

    desk.writer.user_permissions.add(Permission.objects.get(codename="change_user"))
    sign_in(client, "writer")
    assert lands_on(client, ADMIN).startswith(reverse("admin:two_factor"))
