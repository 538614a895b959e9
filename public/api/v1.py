"""The read API, version 1: live stories (with the public site's filters),
tags, authors and sections as JSON, each story as IPTC ninjs, and an oEmbed
provider. Read-only and public; every answer goes through the rate limit
and the page cache (ETag, content keys, purged like pages), and CORS lets
any site read it (django-cors-headers).

Built on django-ninja: typed query parameters with clear 422 errors and an
OpenAPI description (/api/v1/openapi.json) from plain functions, which is all
a read-only API needs; Django REST framework's serializers, viewsets and
browsable pages would be weight without use here. The description lists the
error answers too (`ERRORS`), as `detail` objects: schemathesis checks that
the API answers nothing it does not describe (tests/test_openapi.py).
"""

from ninja import NinjaAPI

ERROR = {
    "type": "object",
    "required": ["detail"],
    "properties": {"detail": {"type": "string"}},
}
INVALID = {
    "type": "object",
    "required": ["detail"],
    "properties": {
        "detail": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["loc", "msg", "type"],
                "properties": {
                    "loc": {"type": "array", "items": {"type": ["string", "integer"]}},
                    "msg": {"type": "string"},
                    "type": {"type": "string"},
                },
            },
        }
    },
}


def _error(description, schema="Error", **extra):
    ref = {"$ref": f"#/components/schemas/{schema}"}
    return {
        "description": description,
        "content": {"application/json": {"schema": ref}},
        **extra,
    }


#: The answers besides 200 that each operation may give, by operation name.
ERRORS = {
    "304": {"description": "Not modified: the If-None-Match ETag is current."},
    "404": _error(
        "No such story, an unknown tag, author or section, a cursor this API "
        "did not give, or (oEmbed) an address that is not a story of this site."
    ),
    "422": _error("A parameter of the wrong type, size or shape.", "ValidationError"),
    "429": _error(
        "Too many requests from this address: wait as Retry-After says.",
        headers={"Retry-After": {"schema": {"type": "integer"}}},
    ),
}
#: Operations whose parameters cannot name anything missing.
WITHOUT_404 = {"public_api_endpoints_sections"}
ONLY_JSON = _error("Only format=json is offered.")


class ReadAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        """The generated description, with every error answer listed."""
        schema = super().get_openapi_schema(**kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {}).update(
            Error=ERROR, ValidationError=INVALID
        )
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation["responses"]
                for status, answer in ERRORS.items():
                    if status == "404" and operation["operationId"] in WITHOUT_404:
                        continue
                    if status == "422" and not operation.get("parameters"):
                        continue
                    responses.setdefault(status, answer)
                if operation["operationId"] == "public_api_endpoints_oembed_provider":
                    responses["501"] = ONLY_JSON
        return schema


api = ReadAPI(
    title="Newsroom read API",
    version="1",
    description="Live stories, tags, authors and sections; ninjs; oEmbed.",
    urls_namespace="api-v1",
    docs_url=None,  # Swagger UI loads from a CDN the CSP does not allow
)
