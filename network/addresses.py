"""The client's address, through the reverse proxies the site trusts.

Each proxy in front appends the address it was reached from to
X-Forwarded-For; whatever stands to the left of those entries came from the
client, who can write anything there. So with N trusted proxies
(NEWSROOM_TRUSTED_PROXY_COUNT, from TRUSTED_PROXY_COUNT) the client is the
N-th address from the right, and with none it is the socket's peer. A
request that carries fewer entries than there are proxies did not come
through them all: it gets the socket's address, never one it wrote itself.

python-ipware, which django-axes would use by default, reads proxy_count
differently (it expects the last proxy's own address in the header): with
one nginx in front it found no address at all, or took a forged one.
"""

import ipaddress

from django.conf import settings


def _valid(value):
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def client_address(request):
    """The client's address as every part of the site sees it, or None."""
    if request is None:
        return None
    socket_peer = _valid(request.META.get("REMOTE_ADDR"))
    proxies = settings.NEWSROOM_TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return socket_peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if len(hops) < proxies:
        return socket_peer
    return _valid(hops[-proxies]) or socket_peer
