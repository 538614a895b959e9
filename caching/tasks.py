"""Purges as background work (Django's tasks framework, on django-tasks-db's
database backend and its `db_worker`): purges must not hold up, nor fail, an
editor's save. Each retries with a growing delay until it is acknowledged.

`purge_committed()` is what a change calls: the page cache is purged once
the change commits (the edited story's page renewed in place where
caching.renewal can), before the action returns (purging earlier would let a
reader store the old page under the new versions, and have every purged
page rendered twice), and the HTTP cache in front by a task enqueued in the
same transaction, so it runs only if the change commits.

That task purges the page cache first, so a change whose process is killed
between its commit and its purge is purged all the same. Without an HTTP
cache in front, a backstop enqueued in the same transaction does it: it
runs BACKSTOP_SECONDS later and purges again only if the process did not
note its purge done.
"""

import logging
import secrets
from datetime import timedelta
from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from caching import purging, renewal
from caching.versions import purge

logger = logging.getLogger(__name__)

ATTEMPTS = 12
#: A purge nothing is renewed for (a withdrawal, a correction, a deletion)
#: runs ahead of the ordinary edits' renewals queued before it.
EXACT_FIRST = 10
#: How long after its change the backstop of a page-cache purge runs: long
#: after the purge made as the change commits is done (a tenth of a second,
#: a few under load). A change whose process died in between is purged then.
BACKSTOP_SECONDS = 10
#: How long a purge made as its change committed is noted done: its
#: backstop may wait behind other work in the queue.
NOTED_SECONDS = 3600


def retry(failed_task, items, attempt, reason):
    """`failed_task` again for `items` (keys or addresses), later each time:
    the retry policy of every delivery to another service (purges, pings)."""
    name = failed_task.name
    if attempt + 1 >= ATTEMPTS:
        logger.error(
            "Gave up %s for %d items after %d attempts: %s",
            name,
            len(items),
            ATTEMPTS,
            reason,
        )
        return
    delay = timedelta(seconds=min(2**attempt, 300))
    logger.warning("%s failed (%s); trying again in %s", name, reason, delay)
    failed_task.using(run_after=timezone.now() + delay).enqueue(items, attempt + 1)


@task
def purge_http_cache(keys, attempt=0, refreshed=()):
    """Purge `keys` at the HTTP cache in front, after renewing the pages
    `refreshed` ([path, key] each) in place where it can (purging.Purger).
    The page cache behind it is purged first, so the HTTP cache cannot fetch
    a page purged there but still kept here. A retry purges only."""
    if not purge(keys):
        retry(purge_http_cache, keys, attempt, "the page cache is unavailable")
        return
    try:
        purging.purger().refresh(refreshed, keys)
    except purging.PurgeFailed as error:
        retry(purge_http_cache, keys, attempt, error)


@task
def soft_purge_http_cache(keys, attempt=0):
    """Purge `keys` at the HTTP cache in front, which may serve its copies
    while it fetches new ones (caching.versions: lagging keys)."""
    if not purge((), lagging=keys):
        retry(soft_purge_http_cache, keys, attempt, "the page cache is unavailable")
        return
    try:
        purging.purger().purge(keys, soft=True)
    except purging.PurgeFailed as error:
        retry(soft_purge_http_cache, keys, attempt, error)


@task
def purge_page_cache(keys, attempt=0):
    """Purge `keys` in the page cache, which was unavailable at commit time.
    (Exactly: a purge that could not be made at once lags already.)"""
    if not purge(keys):
        retry(purge_page_cache, keys, attempt, "the page cache is unavailable")


def _done(token):
    return f"pages:purged:{token}"


@task
def backstop_page_cache(keys, lagging, token):
    """Purge `keys` and `lagging` in the page cache unless the process that
    committed their change noted its purge done (`token`): it was killed
    between its commit and its purge, or the purge failed. Exactly: it
    lags already."""
    if cache.get(_done(token)) is not None:
        return
    logger.warning(
        "A change's purge of %d content keys was not made as it committed; "
        "purging them now",
        len(keys) + len(lagging),
    )
    if not purge([*keys, *lagging]):
        retry(purge_page_cache, [*keys, *lagging], 0, "the page cache is unavailable")


def purge_committed(keys, lagging=(), refreshed=(), listed=()):
    """Purge `keys` everywhere once the change being made commits (see
    above), and `lagging`, which pages may show a little late
    (caching.versions). The pages `refreshed` ((path, the key among `keys`
    of what it shows)) are renewed in place rather than emptied, so no
    reader waits for them: at the HTTP cache in front, or without one in
    the page cache (caching.renewal), which renews the pages `listed`
    (paths of lists showing `lagging`, busiest first) too, as many as it
    renews at once. (An HTTP cache in front serves its old copies of those
    while it fetches new ones: they are only soft-purged there.)"""
    keys, lagging = sorted(keys), sorted(set(lagging) - set(keys))
    if not keys and not lagging:
        return
    # Without an HTTP cache in front, the page cache renews them itself.
    renewed, if_kept = ((), ()) if purging.enabled() else _in_place(refreshed, listed)
    token = None
    if not purging.enabled():
        token = secrets.token_hex(12)
        later = timezone.now() + timedelta(seconds=BACKSTOP_SECONDS)
        backstop_page_cache.using(run_after=later).enqueue(keys, lagging, token)
    transaction.on_commit(
        partial(_purge_after_commit, keys, lagging, renewed, if_kept, token)
    )
    if purging.enabled():
        # Lists first: they start renewing while the exact pages refresh.
        if lagging:
            soft_purge_http_cache.enqueue(lagging)
        if keys and refreshed:
            purge_http_cache.enqueue(keys, refreshed=sorted(refreshed))
        elif keys:
            purge_http_cache.using(priority=EXACT_FIRST).enqueue(keys)


def lists_renewed():
    """Are the lists an ordinary edit moves renewed in place (`listed`)?
    By the page cache, where no HTTP cache is in front."""
    return not purging.enabled() and renewal.active()


def _in_place(refreshed, listed):
    """What the page cache renews itself: the pages `refreshed`, then the
    lists `listed` where it keeps a page for them (the second list), as
    many as it renews at once (caching.renewal.AT_MOST)."""
    own = sorted(path for path, _ in refreshed)
    lists = [path for path in dict.fromkeys(listed) if path not in own]
    return own + lists, lists


def _purge_after_commit(keys, lagging, renewed=(), if_kept=(), token=None):
    """(Run at once where no transaction is open.) Nothing is renewed for a
    change of more stories than the page cache renews at once. Once purged,
    noted done for the backstop (`token`)."""
    renew = None
    if renewal.enabled([path for path in renewed if path not in if_kept]):
        moved = frozenset(keys), frozenset(lagging)

        def renew(version):
            publishing = renewal.Publishing(version, *moved, frozenset(if_kept))
            return renewal.renew(renewed, publishing)

    if not purge(keys, lagging, renew):
        purge_page_cache.enqueue([*keys, *lagging])
    elif token is not None:
        cache.set(_done(token), 1, NOTED_SECONDS)
