from django.conf import settings


def site(request):
    """The site name on every page."""
    return {"site_name": settings.NEWSROOM_SITE_NAME}
