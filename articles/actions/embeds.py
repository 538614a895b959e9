"""Quoted posts and videos (articles.embeds): a story's save records the
addresses it quotes, and the worker fetches each new one, then renews the
stories quoting it."""

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from articles import embeds, keys
from articles.actions.records import RecordAction
from articles.models import Embed

#: A quoted post is asked for again after 1, 2, 4 and 8 minutes.
ATTEMPTS = 5


def quote_posts(article):
    """Record the posts `article` quotes; new ones are fetched in the
    background (never while the editor waits)."""
    for embed in embeds.sync(article):
        fetch_embed.enqueue(embed.pk)


class RenewEmbed(RecordAction):
    """The worker fetched a quoted post (articles.embeds): the stories
    quoting it show its card now."""

    name, label, model = "renew_embed", "Renew quoted post", Embed
    audited = False  # the worker finishing a story's save, which was logged
    shown_on = ("embeds",)

    def permits(self, user):
        return True  # follows a story's save, which was allowed

    def apply(self, record, change):
        for pk in record.articles.values_list("pk", flat=True):
            change.touch(keys.story(pk))


@task
def fetch_embed(embed_pk, attempt=0):
    """Fetch a quoted post's static parts from its provider, then renew the
    stories quoting it."""
    embed = Embed.objects.filter(pk=embed_pk).first()
    if embed is None:
        return
    fetched = embeds.fetch(embed)
    RenewEmbed(embed).execute(by=None)
    if not fetched and attempt + 1 < ATTEMPTS:
        # A provider's hiccup: ask again later (the card keeps the link).
        delay = timedelta(minutes=2**attempt)
        fetch_embed.using(run_after=timezone.now() + delay).enqueue(
            embed_pk, attempt + 1
        )
