"""Setting up a second factor safely: a new authenticator-app key for each
attempt, recovery codes kept only as digests, and (when the newsroom asks
for it) a first factor set up only from an administrator's invitation."""

import re
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from desk.models import RecoveryCode, RecoveryCodeDevice
from tests.two_factor_helpers import (
    ADMIN,
    enrol_app,
    lands_on,
    required,  # noqa: F401 - an autouse fixture
    sign_in,
    totp,
    verify,
)

KEY = re.compile(r'id="totp-key">([A-Z2-7 ]+)<')


def shown_key(client):
    page = client.get(reverse("admin:two_factor_app")).content.decode()
    return KEY.search(page).group(1)


def test_each_set_up_attempt_gets_a_new_key(client, desk, clock):
    """A half-set-up app's key is not kept across visits: whoever saw it
    (over a shoulder, in a shared session) cannot finish the set-up later."""
    sign_in(client, "editor")
    first = shown_key(client)
    assert shown_key(client) != first
    # A wrong code keeps the key being set up: the person scanned it.
    key = shown_key(client)
    wrong = "000000" if totp(key, timezone.now()) != "000000" else "111111"
    page = client.post(reverse("admin:two_factor_app"), {"code": wrong})
    assert KEY.search(page.content.decode()).group(1) == key
    clock.shift(timedelta(seconds=31))  # the wait a wrong code earns
    client.post(reverse("admin:two_factor_app"), {"code": totp(key, timezone.now())})
    assert lands_on(client, ADMIN) == ADMIN


def test_recovery_codes_are_kept_only_as_digests(client, desk):
    """A copy of the database holds no working code; each works once."""
    sign_in(client, "editor")
    _, codes = enrol_app(client, timezone.now())
    assert len(codes) == 10 and all(len(c) == 19 for c in codes)  # 80 bits each
    dump = call_command_output("dumpdata", "desk", "otp_static", "otp_totp")
    for code in codes:
        assert code not in dump and code.replace("-", "") not in dump
    assert not StaticToken.objects.exists()
    client.logout()
    sign_in(client, "editor")
    assert verify(client, codes[3].replace("-", " ").upper()).status_code == 302
    assert RecoveryCode.objects.filter(device__user=desk.editor).count() == 9


def call_command_output(*args):
    import io

    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_codes_made_before_are_turned_into_digests(desk):
    """Migration desk 0002 keeps earlier StaticDevice codes, as digests."""
    from importlib import import_module

    static = StaticDevice.objects.create(user=desk.editor, name="Recovery codes")
    StaticToken.objects.create(device=static, token="oldcode1")
    migration = import_module("desk.migrations.0002_recovery_codes_as_digests")
    migration.to_digests(django_apps, None)
    assert not StaticDevice.objects.exists() and not StaticToken.objects.exists()
    device = RecoveryCodeDevice.objects.get(user=desk.editor)
    assert "oldcode1" not in device.codes.get().digest
    assert device.verify_token("OLDCODE1") and not device.verify_token("oldcode1")


@pytest.fixture
def invitations_only(settings, required):  # noqa: F811 - after it
    settings.NEWSROOM_TWO_FACTOR_INVITATION = True
    # The administrator sending invitations signs in by password here.
    settings.NEWSROOM_TWO_FACTOR_REQUIRED = False


def test_a_password_alone_sets_up_no_first_factor_when_invitations_are_required(
    client, desk, invitations_only
):
    sign_in(client, "editor")
    page = client.get(reverse("admin:two_factor"))
    assert 'id="invitation-needed"' in page.content.decode()
    assert client.get(reverse("admin:two_factor_app")).status_code == 403
    begin = client.post(reverse("otp_webauthn:credential-registration-begin"))
    assert begin.status_code == 403


def invite(admin_client, user):
    admin_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "invite_to_two_factor", "_selected_action": [user.pk]},
    )
    (message,) = mail.outbox[-1:]
    assert message.to == [user.email]
    return re.search(r"http://testserver(/\S+)", message.body).group(1)


def test_an_invitation_opens_set_up_once_for_its_person(desk, invitations_only):
    admin = Client()
    admin.force_login(desk.admin)
    desk.editor.email = "editor@example.org"
    desk.editor.save()
    link = invite(admin, desk.editor)

    other = sign_in(Client(), "writer")
    other.get(link)
    assert other.get(reverse("admin:two_factor_app")).status_code == 403

    editor = sign_in(Client(), "editor")
    editor.get(link)
    key, codes = enrol_app(editor, timezone.now())
    assert key and codes
    # Used: it opens nothing for anyone again.
    again = sign_in(Client(), "editor")
    assert "used" in again.get(link, follow=True).content.decode()


def test_an_invitation_expires_and_cannot_be_forged(desk, invitations_only, clock):
    admin = Client()
    admin.force_login(desk.admin)
    desk.editor.email = "editor@example.org"
    desk.editor.save()
    link = invite(admin, desk.editor)
    editor = sign_in(Client(), "editor")
    clock.shift(timedelta(hours=73))
    assert "expired" in editor.get(link, follow=True).content.decode()
    forged = reverse("admin:two_factor_invitation", args=["1:forged:token"])
    assert "not valid" in editor.get(forged, follow=True).content.decode()
    assert editor.get(reverse("admin:two_factor_app")).status_code == 403


def test_only_administrators_send_invitations(client, desk, invitations_only):
    editor = Client()
    editor.force_login(desk.editor)
    editor.post(
        reverse("admin:auth_user_changelist"),
        {"action": "invite_to_two_factor", "_selected_action": [desk.writer.pk]},
    )
    assert not mail.outbox
