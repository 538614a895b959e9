"""The client's address, through the proxies the site trusts."""

from axes.helpers import get_client_ip_address


def client_address(request):
    """The client's address as login throttling sees it (through the
    trusted proxies django-axes is told of), or None."""
    if request is None:
        return None
    return get_client_ip_address(request) or None
