"""Sitemaps for search engines, all starting from Article.objects.live().

Django's sitemap index splits every section into pages of at most `limit`
(50,000) URLs, the protocol's maximum.
"""

from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

import caching
from articles import keys
from articles.models import Article, Author, Section, TaggedArticle

NEWS_WINDOW = timedelta(hours=48)
MAX_URLS = 50_000


class StorySitemap(Sitemap):
    limit = MAX_URLS
    changefreq = "hourly"

    def items(self):
        return (
            Article.objects.live()
            .only("slug", "publish_at", "updated_at")
            .order_by("-publish_at", "-pk")
        )

    def lastmod(self, article):
        return article.last_updated or article.publish_at


class TagSitemap(Sitemap):
    limit = MAX_URLS

    def items(self):
        """Tags with at least one live story (the others have no public page)."""
        live = Article.objects.live().values("pk")
        return Tag.objects.filter(
            pk__in=TaggedArticle.objects.filter(content_object__in=live).values("tag")
        ).order_by("slug")

    def location(self, tag):
        return reverse("articles:tag", args=[tag.slug])


class AuthorSitemap(Sitemap):
    limit = MAX_URLS

    def items(self):
        return Author.objects.order_by("slug")


class SectionSitemap(Sitemap):
    limit = MAX_URLS

    def items(self):
        return Section.objects.order_by("position", "slug")


SITEMAPS = {
    "stories": StorySitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
    "sections": SectionSitemap,
}


def keyed(view):
    """A sitemap view whose page carries the `sitemaps` key: any change to
    what a sitemap lists (a story's address or time, a tag, author or
    section) touches it."""

    @wraps(view)
    def sitemap_view(request, *args, **kwargs):
        caching.shows(keys.SITEMAPS)
        return view(request, *args, **kwargs)

    return sitemap_view


@keyed
def news_sitemap(request):
    """Google News sitemap: live stories published in the last 48 hours."""
    since = timezone.now() - NEWS_WINDOW
    stories = (
        Article.objects.live()
        .filter(publish_at__gte=since)
        .only("slug", "headline", "publish_at")
        .order_by("-publish_at")[:1000]
    )
    return render(
        request,
        "sitemaps/news.xml",
        {
            "stories": stories,
            "base": f"{request.scheme}://{request.get_host()}",
            "language": settings.LANGUAGE_CODE.split("-")[0],
        },
        content_type="application/xml",
    )
