"""Who else has a story open: a hint on the change form, kept in the cache."""

import time

from django.conf import settings
from django.core.cache import cache


def _key(article_pk):
    return f"articles:presence:{article_pk}"


def seen(article_pk, user):
    """Note that `user` opened the story; return the others seen recently."""
    now = time.time()
    horizon = now - settings.NEWSROOM_PRESENCE_SECONDS
    visitors = {
        user_id: entry
        for user_id, entry in cache.get(_key(article_pk), {}).items()
        if entry[1] >= horizon
    }
    visitors[user.pk] = (user.get_full_name() or user.get_username(), now)
    cache.set(_key(article_pk), visitors, settings.NEWSROOM_PRESENCE_SECONDS)
    return [
        {"name": name, "minutes": int((now - at) // 60)}
        for user_id, (name, at) in visitors.items()
        if user_id != user.pk
    ]
