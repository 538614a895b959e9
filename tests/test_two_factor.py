"""Two-factor sign-in: who must use it, and enrolling an authenticator app.
The second step and devices: tests/test_two_factor_codes.py. Passkeys:
tests/browser/test_passkeys.py."""

import re
from datetime import timedelta

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.models import Article
from audit.models import AuditEntry
from tests.two_factor_helpers import (
    ADMIN,
    PASSWORD,
    STORIES,
    enrol_app,
    lands_on,
    required,  # noqa: F401 - an autouse fixture
    sign_in,
    totp,
    verify,
)


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
    codes = re.findall(r"<li><code>([a-z2-7-]+)</code></li>", done.content.decode())
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


def test_group_membership_decides_who_must(client, desk):
    """Made an editor by joining the Editor group: now they must enrol."""
    sign_in(client, "writer")
    assert client.get(ADMIN).status_code == 200
    desk.writer.groups.add(Group.objects.get(name="Editor"))
    assert client.get(ADMIN).status_code == 302


def test_whoever_may_change_users_must_use_it(client, desk):
    from django.contrib.auth.models import Permission

    desk.writer.user_permissions.add(Permission.objects.get(codename="change_user"))
    sign_in(client, "writer")
    assert lands_on(client, ADMIN).startswith(reverse("admin:two_factor"))
