"""The read API, version 1: live stories (with the public site's filters),
tags, authors and sections as JSON, each story as IPTC ninjs, and an oEmbed
provider. Read-only and public; every answer goes through the rate limit
and the page cache (ETag, content keys, purged like pages), and CORS lets
any site read it (django-cors-headers).

Built on django-ninja: typed query parameters with clear 422 errors and an
OpenAPI description (/api/v1/openapi.json) from plain functions, which is all
a read-only API needs; Django REST framework's serializers, viewsets and
browsable pages would be weight without use here.
"""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Newsroom read API",
    version="1",
    description="Live stories, tags, authors and sections; ninjs; oEmbed.",
    urls_namespace="api-v1",
    docs_url=None,  # Swagger UI loads from a CDN the CSP does not allow
)
