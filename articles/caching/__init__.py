"""Caching of what readers see: content keys, their versions, the page cache.

- keys: names for what a page shows, and the keys a story change touches
- store: key versions in the shared cache; purge, remember, fragment
- pages: the page cache middleware and `cache_public`
"""

from articles.caching.keys import (
    ALL,
    StoryState,
    card_keys,
    story_change_keys,
    tag,
    tag_cards,
)
from articles.caching.pages import PageCacheMiddleware, cache_public
from articles.caching.store import fragment, purge, remember, remembered, version


def purge_all():
    """Make every cached page stale (after a bulk load, say)."""
    return purge([ALL])


__all__ = [
    "PageCacheMiddleware",
    "StoryState",
    "cache_public",
    "card_keys",
    "fragment",
    "purge",
    "purge_all",
    "remember",
    "remembered",
    "story_change_keys",
    "tag",
    "tag_cards",
    "version",
]
