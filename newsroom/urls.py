from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from public.api import api
from public.urls import root_urlpatterns

handler500 = "public.views.server_error"

urlpatterns = [
    path("admin/passkeys/", include("desk.two_factor.passkeys")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("newsletters/", include("newsletters.urls")),
    # The mail provider's bounce and complaint reports (signed).
    path("newsletters/anymail/", include("newsletters.webhooks")),
    *root_urlpatterns,
    path("", include("public.urls")),
]

if settings.NEWSROOM_BENCH:
    urlpatterns.insert(0, path("bench/", include("bench.urls")))

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
