"""A live story's updates for open pages (JSON, polled), and each update's
permalink."""

from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_safe

import caching
from articles import keys
from articles.models import Article, LiveUpdate
from public import live_stream


@require_safe
def live_updates(request, slug):
    """The newest updates of a live story as JSON, cached and purged with the
    story's page (an update touches its key); the page cache's ETag lets a
    page that has them already get a 304."""
    story = (
        Article.objects.filter(slug=slug, live_coverage=True)
        .live()
        .only("pk", "slug", "coverage_ended_at")
        .prefetch_related("embeds")
        .first()
    )
    if story is None:
        raise Http404("No such live story.")
    caching.shows(keys.story(story.pk))
    response = JsonResponse(live_stream.as_json(story))
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def live_update(request, pk):
    """An update's permalink: to its page of the stream, at its anchor."""
    update = LiveUpdate.objects.shown().select_related("article").filter(pk=pk).first()
    if update is None or not Article.objects.filter(pk=update.article_id).live():
        raise Http404("No such update.")
    caching.shows(keys.story(update.article_id))
    return HttpResponseRedirect(live_stream.permalink(update))
