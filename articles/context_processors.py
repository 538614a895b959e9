from django.conf import settings

from articles.models import Section


def site(request):
    """The site name and section navigation on every page (one lazy query)."""
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "nav_sections": Section.objects.only("name", "slug"),
    }
