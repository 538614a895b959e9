from django.http import HttpResponse


def ceiling(request):
    """The cheapest Django view: the benchmark's ceiling."""
    return HttpResponse("ok", content_type="text/plain")
