"""The public site's page cache (caching.pages), with the site's decisions:
which paths hold no cached page (NEWSROOM_UNCACHED_PATHS), how shared
fragments go into a page as it is answered (public.fragments), and that
every page carries the navigation's key besides what it shows."""

from django.conf import settings

from articles import keys
from caching import ALL
from caching.pages import PageCache
from public import fragments

page_cache = PageCache(
    skip=settings.NEWSROOM_UNCACHED_PATHS,
    fragments=fragments,
    base_keys=(ALL, keys.NAV),
)

#: Answers anonymous hits before sessions, auth, CSRF and messages run.
PageCacheMiddleware = page_cache.middleware
#: Serve an anonymous GET from the cache, or render it and keep it.
cache_public = page_cache.cache
