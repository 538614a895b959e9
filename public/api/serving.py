"""How every read-API answer is served: past the rate limit, then from
the page cache (ETag, content keys, purges)."""

from functools import wraps

from django.conf import settings
from django.http import JsonResponse
from ninja.throttling import SimpleRateThrottle

from network import client_address
from public.page_cache import cache_public


class ReadThrottle(SimpleRateThrottle):
    """Requests per client address (as login throttling sees it, through
    the trusted proxies), counted in the shared cache."""

    scope = "api"

    def __init__(self):
        super().__init__(rate=settings.NEWSROOM_API_RATE)

    def get_cache_key(self, request):
        # Behind proxies, an address they did not vouch for is the socket's:
        # never one bucket shared by everyone, nor one per forged header.
        address = client_address(request) or ""
        return f"throttle:api:{address}"


def limited(view):
    """Refuse a client past the rate limit with 429 and Retry-After. It
    counts every request, cached answers too (they are answered below)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        throttle = ReadThrottle()
        if not throttle.allow_request(request):
            wait = int(throttle.wait() or 1) + 1
            response = JsonResponse(
                {"detail": f"Too many requests: try again in {wait} seconds."},
                status=429,
            )
            response["Retry-After"] = str(wait)
            return response
        return view(request, *args, **kwargs)

    return wrapped


def served(view):
    """Rate-limited, then from the page cache (ETag, content keys, purges)."""
    return limited(cache_public(view))
