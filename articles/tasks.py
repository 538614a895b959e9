"""Background work (Django's tasks framework, on django-tasks-db's database
backend and its `db_worker`): purges that must not hold up, nor fail, an
editor's save. Each retries with a growing delay until it is acknowledged."""

import logging
from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from articles import caching, purging

logger = logging.getLogger(__name__)

ATTEMPTS = 12
#: A quoted post is asked for again after 1, 2, 4 and 8 minutes.
EMBED_ATTEMPTS = 5


def _retry(failed_task, keys, attempt, reason):
    """`failed_task` again for `keys` (keys or addresses), later each time."""
    name = failed_task.name
    if attempt + 1 >= ATTEMPTS:
        logger.error(
            "Gave up %s for %d items after %d attempts: %s",
            name,
            len(keys),
            ATTEMPTS,
            reason,
        )
        return
    delay = timedelta(seconds=min(2**attempt, 300))
    logger.warning("%s failed (%s); trying again in %s", name, reason, delay)
    failed_task.using(run_after=timezone.now() + delay).enqueue(keys, attempt + 1)


@task
def purge_http_cache(keys, attempt=0):
    """Purge `keys` at the HTTP cache in front. The page cache behind it is
    purged first, so the HTTP cache cannot fetch a page purged there but
    still kept here."""
    if not caching.purge(keys):
        _retry(purge_http_cache, keys, attempt, "the page cache is unavailable")
        return
    try:
        purging.purger().purge(keys)
    except purging.PurgeFailed as error:
        _retry(purge_http_cache, keys, attempt, error)


@task
def purge_page_cache(keys, attempt=0):
    """Purge `keys` in the page cache, which was unavailable at commit time."""
    if not caching.purge(keys):
        _retry(purge_page_cache, keys, attempt, "the page cache is unavailable")


@task
def recrop_photo(photo_pk, user_pk):
    """Make a photo's crops again around its new focal point, as the person
    who moved it (articles.actions.RecropPhoto)."""
    from django.contrib.auth import get_user_model

    from articles import actions  # here: actions enqueue these tasks
    from articles.models import Photo

    photo = Photo.objects.filter(pk=photo_pk).first()
    if photo is None:
        logger.info("Photo %s is gone; no crops to make", photo_pk)
        return
    user = get_user_model().objects.filter(pk=user_pk).first()
    actions.RecropPhoto(photo).execute(by=user)


@task
def fetch_embed(embed_pk, attempt=0):
    """Fetch a quoted post's static parts from its provider (never while an
    editor waits), then renew the stories quoting it."""
    from articles import actions, embeds  # here: actions enqueue these tasks
    from articles.models import Embed

    embed = Embed.objects.filter(pk=embed_pk).first()
    if embed is None:
        return
    fetched = embeds.fetch(embed)
    actions.RenewEmbed(embed).execute(by=None)
    if not fetched and attempt + 1 < EMBED_ATTEMPTS:
        # A provider's hiccup: ask again later (the card keeps the link).
        delay = timedelta(minutes=2**attempt)
        fetch_embed.using(run_after=timezone.now() + delay).enqueue(
            embed_pk, attempt + 1
        )


@task
def ping_search_engines(urls, attempt=0):
    """Tell IndexNow and the WebSub hub what changed (articles.pings)."""
    from articles import pings

    try:
        pings.send(urls)
    except pings.PingFailed as error:
        _retry(ping_search_engines, urls, attempt, error)
