"""The mail provider's webhooks (Anymail's views), served only once
ANYMAIL_WEBHOOK_SECRET is set. Some providers sign nothing and rely on that
basic-auth secret alone; without it Anymail would take anyone's forged
"bounced" report and suppress any reader's address. So every route answers
404 until the secret is configured."""

from functools import wraps

from anymail import urls as anymail_urls
from django.conf import settings
from django.http import Http404
from django.urls import URLPattern

app_name = anymail_urls.app_name


def _guarded(view):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not getattr(settings, "ANYMAIL", {}).get("WEBHOOK_SECRET"):
            raise Http404("No webhooks until ANYMAIL_WEBHOOK_SECRET is set.")
        return view(request, *args, **kwargs)

    return guarded


urlpatterns = [
    URLPattern(route.pattern, _guarded(route.callback), route.default_args, route.name)
    for route in anymail_urls.urlpatterns
]
