"""Passkeys as the second factor, in Chromium with its virtual authenticator
(WebAuthn through the DevTools protocol): set one up, sign out, sign in by
password, verify with the passkey."""

import pytest


@pytest.fixture
def passkey_site(settings, live_server):
    settings.NEWSROOM_TWO_FACTOR_REQUIRED = True
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    assert live_server.url.startswith("http://localhost:")
    return live_server


def authenticator(page):
    """A platform authenticator that says yes (user present and verified)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    found = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return cdp, found["authenticatorId"]


def test_an_editor_sets_up_a_passkey_and_signs_in_with_it(
    passkey_site, open_page, desk
):
    from django_otp_webauthn.models import WebAuthnCredential

    from audit.models import AuditEntry

    page = open_page()
    blocked = []
    page.on(
        "console",
        lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else 0,
    )
    cdp, authenticator_id = authenticator(page)
    base = passkey_site.url

    # An editor signed in by password is sent to set up a second factor.
    page.goto(f"{base}/admin/login/?next=/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-for-tests-1")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/two-factor/**")
    assert "sign in with a second factor" in page.content()
    page.click("#passkey-register-button")
    # The page comes back listing the passkey, asking for recovery codes.
    page.locator("#no-recovery-codes").wait_for()
    assert "Passkey" in page.locator("table").inner_text()
    page.click("text=Continue to the desk")
    page.wait_for_url(f"{base}/admin/")
    assert page.locator("h1").first.inner_text() == "Desk"
    assert WebAuthnCredential.objects.filter(user=desk.editor).count() == 1
    credentials = cdp.send(
        "WebAuthn.getCredentials", {"authenticatorId": authenticator_id}
    )["credentials"]
    assert [c["rpId"] for c in credentials] == ["localhost"]

    # Signed out and in again: the passkey is asked for, and opens the desk.
    page.click("#logout-form button[type=submit]")
    page.goto(f"{base}/admin/articles/article/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-for-tests-1")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/two-factor/verify/**")
    assert page.goto(f"{base}/admin/articles/article/").url.startswith(
        f"{base}/admin/two-factor/verify/"
    )
    page.click("#passkey-verification-button")
    page.wait_for_url(f"{base}/admin/articles/article/")
    assert page.locator("#changelist").count() == 1
    after = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})
    assert after["credentials"][0]["signCount"] >= 2
    assert set(
        AuditEntry.objects.filter(actor=desk.editor).values_list("action", flat=True)
    ) >= {"two_factor_added", "two_factor_verified"}
    assert blocked == []
