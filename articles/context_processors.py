from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles import caching
from articles.caching import keys


def site(request):
    """The site name, and the version of what story cards show besides the
    story (names, pictures, sections), which card fragments vary on; looked up
    only when a template uses it."""
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "library_version": SimpleLazyObject(lambda: caching.version(keys.LIBRARY)),
    }
