"""Pages for machines and failures: robots.txt, the favicon, the health check
and the error page."""

import sys

from django.conf import settings
from django.core.cache import caches
from django.db import Error, connection
from django.http import (
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from public import fragments


@require_safe
def indexnow_key(request):
    """The IndexNow key, where the pings say it is (articles.pings)."""
    if not settings.NEWSROOM_INDEXNOW_KEY:
        raise Http404("IndexNow is not configured.")
    return HttpResponse(settings.NEWSROOM_INDEXNOW_KEY, content_type="text/plain")


def robots_txt(request):
    """Crawlers: everything public, nothing under /admin/ or /preview/."""
    base = f"{request.scheme}://{request.get_host()}"
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        "Disallow: /preview/",
        "Disallow: /fragments/",
        f"Sitemap: {base}{reverse('sitemap-index')}",
        f"Sitemap: {base}{reverse('news-sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def healthz(request):
    """Health for the load balancer: 200 when the database and the cache
    answer, else 503 naming the failed one (never 500). `?only=database`
    checks the database alone: what an HTTP cache in front needs to know
    whether pages can be rendered (they can, uncached, without the cache)."""
    checks = {"database": _database_answers()}
    if request.GET.get("only") != "database":
        checks["cache"] = _cache_answers()
    healthy = all(checks.values())
    response = JsonResponse(
        {name: "ok" if ok else "error" for name, ok in checks.items()},
        status=200 if healthy else 503,
    )
    response["Cache-Control"] = "no-store"
    return response


def _database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Error:
        return False
    return True


def _cache_answers():
    cache = caches["default"]  # the backend itself, for its own health check
    available = getattr(cache, "available", None)
    if available is not None:
        return available()
    try:
        cache.set("healthz", "ok", 10)
        return cache.get("healthz") == "ok"
    except Exception:  # any cache backend failure means "not healthy"
        return False


@csrf_exempt
@require_safe
def fragment(request, name):
    """A shared fragment at its own address, for an HTTP cache that assembles
    pages with ESI; cached on its own keys like any page."""
    render = fragments.renderer(name)
    if render is None:
        raise Http404("No such fragment.")
    response = HttpResponse(render())
    response["X-Robots-Tag"] = "noindex"
    return response


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the
    static file (hashed and long-cached in production)."""
    return HttpResponsePermanentRedirect(static("articles/favicon.ico"))


def server_error(request):
    """The 500 handler. A failed database answers 503 with a page saying so,
    and that nothing was saved (the transaction did not commit); rendered
    without a request context, so it needs neither the database nor a session."""
    if isinstance(sys.exc_info()[1], Error):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
    else:
        response = HttpResponseServerError(loader.render_to_string("500.html"))
    response["Cache-Control"] = "no-store"
    return response
