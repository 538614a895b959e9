from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles import caching


def site(request):
    """The site name, and the page-cache generation fragment caches vary on
    (looked up only when a template uses it)."""
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "cache_generation": SimpleLazyObject(caching.generation),
    }
