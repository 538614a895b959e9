"""The commit step: what every action does after its own work, in one place.

An action tells its `Change` which stories it revised (each gets a version
bump and a revision, its card a new version, its tag and byline rows its
publish_at), which stories' cards show a library record it changed (a new
card version), which stories' searchable text moved (re-indexed), and which
content keys it touched (articles.keys; a story's are worked out from its
state before and after; those of an ordinary edit's cards and lists may lag,
see `Change.ordinary`). `commit()` does all of it inside the action's
transaction, then purges the keys (caching.tasks.purge_committed): in the
page cache once the transaction commits, and at the HTTP cache in front by
a background task that runs once the change is committed and retries until
acknowledged. Right before that purge, the stories' new cards are announced
(articles.signals), for the site to render them once for every reader.
"""

from functools import partial

from django.db import transaction
from django.db.models import F

from articles import keys, listings, pings, revisions, search, signals
from articles.keys import StoryState
from articles.models import Article, Revision
from caching.tasks import lists_renewed, purge_committed

#: Stories per UPDATE when many cards are renewed (a statement's parameters
#: are capped).
BATCH = 500


class Change:
    def __init__(self, *, by):
        self.by = by
        self.revised = {}
        self.indexed = set()
        self.removed = set()
        self.keys = set()
        self.before = {}
        self.recarded = []

    def track(self, article):
        """Note how `article` stands before the change (call before changing
        it); its keys are worked out from this and its state at commit."""
        if article.pk is not None and article.pk not in self.before:
            self.before[article.pk] = StoryState.of(article)

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
        self.before.setdefault(article.pk, None)

    def reindex(self, pks):
        """These stories' searchable text changed (a tag or author renamed)."""
        self.indexed.update(pks)

    def remove(self, article):
        """`article` is being deleted: out of the index, off every page (and
        off the stories linking to it: call before deleting it)."""
        self.track(article)
        self.removed.add(article.pk)
        self.relink(article.pk)

    def relink(self, pk):
        """The stories linking to story `pk` show its address or, once it is
        not live, plain text: their pages are renewed."""
        linking = list(
            Article.objects.filter(linked_stories=pk).values_list("pk", flat=True)
        )
        self.recard(linking)
        self.touch(*(keys.story(linker) for linker in linking))

    def recard(self, ids):
        """The cards and pages of these stories show a record that changed."""
        self.recarded.extend(ids)

    def touch(self, *keys):
        self.keys.update(keys)

    def ordinary(self, pk, before, after):
        """Is this an edit of a story that stays where it is, which lists and
        fragments may show a little late (caching.versions)? A withdrawal,
        a deletion, a correction, a restored revision or a move is not: it
        is gone everywhere at once."""
        revised = self.revised.get(pk)
        return (
            revised is not None
            and revised[1]["kind"] == Revision.Kind.EDITED
            and before is not None
            and after is not None
            and before.public
            and after.public
            and before.slug == after.slug
        )

    def commit(self):
        seen = []
        lagging, ordinary, refreshed, listed = set(), set(), set(), []
        own_pages = set()  # the ordinary edits' pages
        for pk, before in self.before.items():
            if pk not in self.revised and pk not in self.removed:
                continue  # looked at, not changed (a note)
            after = article = None
            if pk not in self.removed:
                article = Article.objects.get(pk=pk)
                after = StoryState.of(article)
            touched = keys.story_change_keys(before, after)
            if self.ordinary(pk, before, after):
                # Its own page is exact; its cards and lists may lag.
                lagging.update(touched - {keys.story(pk)})
                own_pages.add(keys.story(pk))
                touched = set()
                ordinary.add(pk)
                if article.is_live:  # renewed in place at the HTTP cache
                    refreshed.add((article.get_absolute_url(), keys.story(pk)))
                    if lists_renewed():
                        listed += listings.first_pages(article)
            self.keys.update(touched)
            moved = before is None or after is None or before.slug != after.slug
            if after is not None and (moved or before.public != after.public):
                self.relink(pk)
            if pk not in self.removed and any(s and s.seen for s in (before, after)):
                seen.append(pk)  # readers know its address: search engines too
        if seen and pings.enabled():
            pings.ping_search_engines.enqueue(pings.story_urls(seen))
        for pk, (article, details) in self.revised.items():
            Article.objects.filter(pk=pk).update(
                version=F("version") + 1, card_version=F("card_version") + 1
            )
            article.refresh_from_db(fields=["version", "card_version"])
            revisions.record(article, by=self.by, **details)
            self.indexed.add(pk)
        if self.revised:
            Article.objects.filter(pk__in=self.revised).copy_publish_at()
        recarded = sorted(set(self.recarded))
        for start in range(0, len(recarded), BATCH):  # a tag may be on 20,000
            Article.objects.filter(pk__in=recarded[start : start + BATCH]).update(
                card_version=F("card_version") + 1
            )
        if self.indexed:
            search.index(self.indexed - self.removed)
            # Results show what was re-indexed.
            (lagging if self.indexed <= ordinary else self.keys).add(keys.SEARCH)
        if self.removed:
            search.remove(self.removed)
        # A story's feed entries go with its page, but lag an ordinary edit.
        lagging |= keys.entries(own_pages)
        self.keys |= keys.entries(self.keys) | own_pages
        carded = (set(self.revised) | set(recarded)) - self.removed
        announce = None
        if 0 < len(carded) <= signals.CARDS_AT_ONCE and signals.announcing():
            announce = partial(signals.announce_cards, sorted(carded))
        # An ordinary edit's lists find its new cards ready; an exact purge
        # (a withdrawal, a correction) waits for nothing.
        exact = bool(self.keys - own_pages)
        if announce is not None and not exact:
            transaction.on_commit(announce)
        purge_committed(
            self.keys, lagging - self.keys, refreshed=refreshed, listed=listed
        )
        if announce is not None and exact:
            transaction.on_commit(announce)
