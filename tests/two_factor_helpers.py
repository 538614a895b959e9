"""Signing in with a second factor in its tests: the password step, real
authenticator-app codes (computed here from the key, RFC 6238), and the
setting that makes two factors required (an autouse fixture to import)."""

import base64
import hashlib
import hmac
import re
import struct

import pytest
from django.urls import reverse

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
    codes = re.findall(r"<li><code>([a-z2-7-]+)</code></li>", done.content.decode())
    return key, codes


def verify(client, code):
    return client.post(reverse("admin:two_factor_verify"), {"code": code})
