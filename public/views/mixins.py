from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt


class PublicViewMixin:
    """Read-only pages: GET and HEAD only (anything else is 405).

    They change nothing and set no cookie, so CSRF protection has nothing to
    protect; exempting them lets a POST get its honest 405 instead of a 403.
    """

    http_method_names = ["get", "head", "options"]

    @method_decorator(csrf_exempt)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)
