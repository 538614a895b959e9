"""The commit step: what every action does after its own work, in one place.

An action tells its `Change` which stories it revised (each gets a version
bump and a revision), which stories' searchable text moved (re-indexed), and
which content keys it touched (articles.caching). `commit()` does all of it
inside the action's transaction, then purges the keys: once at once, and once
more after the transaction commits, so a reader who cached the old page in
between is not served it either.
"""

from functools import partial

from django.db import transaction
from django.db.models import F

from articles import caching, revisions, search
from articles.models import Article


class Change:
    def __init__(self, *, by):
        self.by = by
        self.revised = {}
        self.indexed = set()
        self.removed = set()
        self.keys = set()

    def revise(self, article, *, kind, message="", from_status="", to_status=""):
        """`article` changed in a way its history records."""
        self.revised[article.pk] = (
            article,
            {
                "kind": kind,
                "message": message or kind.label,
                "from_status": from_status,
                "to_status": to_status,
            },
        )
        self.touch_story(article)

    def reindex(self, pks):
        """These stories' searchable text changed (a tag or author renamed)."""
        self.indexed.update(pks)

    def remove(self, article):
        """`article` is being deleted: out of the index, off every page."""
        self.touch_story(article)
        self.removed.add(article.pk)

    def touch_story(self, article):
        self.keys.update(caching.story_keys(article))

    def touch(self, *keys):
        self.keys.update(keys)

    def commit(self):
        for pk, (article, details) in self.revised.items():
            Article.objects.filter(pk=pk).update(version=F("version") + 1)
            article.refresh_from_db(fields=["version"])
            revisions.record(article, by=self.by, **details)
            self.indexed.add(pk)
        if self.indexed:
            search.index(self.indexed - self.removed)
        if self.removed:
            search.remove(self.removed)
        if self.keys:
            keys = frozenset(self.keys)
            caching.purge(keys)
            transaction.on_commit(partial(caching.purge, keys))
