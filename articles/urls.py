from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, register_converter

from articles import feeds, sitemaps, views


class UnicodeSlugConverter:
    """Tag slugs keep their letters (taggit slugifies with allow_unicode)."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(UnicodeSlugConverter, "uslug")

app_name = "articles"


def feed_routes(prefix, feed, name, *, slug=None):
    """The RSS feed at <prefix>/ and its Atom twin at <prefix>/atom/."""
    prefix = f"{prefix}<{slug}:slug>/" if slug else prefix
    return [
        path(prefix, feed.view(), name=f"feed-{name}"),
        path(f"{prefix}atom/", feeds.atom(feed).view(), name=f"feed-{name}-atom"),
    ]


urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/", views.StoryListView.as_view(), name="list"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("tags/<uslug:slug>/", views.TagView.as_view(), name="tag"),
    path("authors/", views.AuthorListView.as_view(), name="authors"),
    path("authors/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("sections/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("preview/<int:pk>/<str:token>/", views.PreviewView.as_view(), name="preview"),
    *feed_routes("feeds/", feeds.StoryFeed, "latest"),
    *feed_routes("feeds/top/", feeds.TopStoriesFeed, "top"),
    *feed_routes("feeds/tags/", feeds.TagFeed, "tag", slug="uslug"),
    *feed_routes("feeds/authors/", feeds.AuthorFeed, "author", slug="slug"),
    *feed_routes("feeds/sections/", feeds.SectionFeed, "section", slug="slug"),
]

# Search engines' files live at the site root, outside the app namespace.
root_urlpatterns = [
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap-section",
    ),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news-sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
