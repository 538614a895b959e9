"""The client's address behind trusted proxies: each proxy appends the
address it was reached from, so the client is the N-th from the right and
nothing to the left of that is believed."""

import pytest
from django.test import RequestFactory

from network import client_address

PROXY = "10.0.0.5"  # the socket's peer: the proxy nearest the app


def address(forwarded=None, proxies=1, *, settings):
    settings.NEWSROOM_TRUSTED_PROXY_COUNT = proxies
    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    return client_address(RequestFactory().get("/", REMOTE_ADDR=PROXY, **headers))


@pytest.mark.parametrize(
    ("forwarded", "proxies", "expected"),
    [
        (None, 0, PROXY),
        ("6.6.6.6", 0, PROXY),  # no proxy: the header is the client's own
        ("203.0.113.7", 1, "203.0.113.7"),  # nginx: "$remote_addr"
        ("6.6.6.6, 203.0.113.7", 1, "203.0.113.7"),  # a forged entry first
        ("6.6.6.6,203.0.113.7", 1, "203.0.113.7"),
        ("not-an-address, 203.0.113.7", 1, "203.0.113.7"),
        (None, 1, PROXY),  # did not come through the proxy
        ("203.0.113.7, garbage", 1, PROXY),
        ("2001:db8::1", 1, "2001:db8::1"),
        ("203.0.113.7, 198.51.100.2", 2, "203.0.113.7"),  # a CDN, then nginx
        ("6.6.6.6, 203.0.113.7, 198.51.100.2", 2, "203.0.113.7"),
        ("198.51.100.2", 2, PROXY),  # one hop short: not believed
    ],
)
def test_the_client_is_the_nth_address_from_the_right(
    settings, forwarded, proxies, expected
):
    assert address(forwarded, proxies, settings=settings) == expected


def test_no_request_has_no_address():
    assert client_address(None) is None
