"""The page cache and the HTTP cache in front, by content key. It knows
nothing of stories, pages or URLs: a site hands it those.

- keys: collecting the content keys a response shows
- versions: each key's version in the shared cache; purging, exact or lagging
- schedule: the next scheduled change, which nothing cached outlives
- values: values kept by key (`remember`) or for a while (`cached_for`)
- pages: the page cache (`PageCache`: its middleware and view wrapper)
- copies: a page as readers get it, assembled once, served per hit
- local: objects kept as they are in this process's memory (the copies)
- purging, tasks: purging the HTTP cache in front, retried in the background
- redis: Django's Redis cache, made to survive Redis going away
"""

from caching.keys import ALL, MISSING, SCHEDULE, collecting, is_collecting, shows
from caching.values import cached_for, remember, remembered
from caching.versions import purge, purge_all, version

__all__ = [
    "ALL",
    "MISSING",
    "SCHEDULE",
    "cached_for",
    "collecting",
    "is_collecting",
    "purge",
    "purge_all",
    "remember",
    "remembered",
    "shows",
    "version",
]
