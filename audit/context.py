"""The request being served, for the audit log's person and address."""

from contextvars import ContextVar

_request = ContextVar("audit_request", default=None)


def current_request():
    return _request.get()


class AuditContextMiddleware:
    """Makes the request known to the audit log while it is served."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
