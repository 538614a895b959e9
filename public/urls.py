from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, register_converter

from public import feeds, sitemaps, views
from public.page_cache import cache_public


class UnicodeSlugConverter:
    """Tag slugs keep their letters (taggit slugifies with allow_unicode)."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(UnicodeSlugConverter, "uslug")

app_name = "articles"


def public(view_class):
    """A public page: served from the shared cache for anonymous readers."""
    return cache_public(view_class.as_view())


def feed_routes(prefix, feed, name, *, slug=None, wrap=None):
    """The RSS feed at <prefix>/ and its Atom twin at <prefix>/atom/."""
    prefix = f"{prefix}<{slug}:slug>/" if slug else prefix
    wrap = wrap or (lambda view: view)
    rss, atom = wrap(feed.view()), wrap(feeds.atom(feed).view())
    return [
        path(prefix, cache_public(rss), name=f"feed-{name}"),
        path(f"{prefix}atom/", cache_public(atom), name=f"feed-{name}-atom"),
    ]


urlpatterns = [
    path("", public(views.HomeView), name="home"),
    path("articles/", public(views.StoryListView), name="list"),
    path("articles/<slug:slug>/", public(views.StoryDetailView), name="detail"),
    path(
        "articles/<slug:slug>/live.json",
        cache_public(views.live_updates),
        name="live-updates",
    ),
    path("updates/<int:pk>/", cache_public(views.live_update), name="live-update"),
    path(
        "tags/<uslug:slug>/",
        cache_public(views.follow_tag_redirects(views.TagView.as_view())),
        name="tag",
    ),
    path("authors/", public(views.AuthorListView), name="authors"),
    path("authors/<slug:slug>/", public(views.AuthorView), name="author"),
    path("sections/<slug:slug>/", public(views.SectionView), name="section"),
    path("search/", public(views.SearchView), name="search"),
    path("fragments/<slug:name>/", cache_public(views.fragment), name="fragment"),
    path("preview/<int:pk>/<str:token>/", views.PreviewView.as_view(), name="preview"),
    *feed_routes("feeds/", feeds.StoryFeed, "latest"),
    *feed_routes("feeds/top/", feeds.TopStoriesFeed, "top"),
    *feed_routes(
        "feeds/tags/",
        feeds.TagFeed,
        "tag",
        slug="uslug",
        wrap=views.follow_tag_redirects,
    ),
    *feed_routes("feeds/authors/", feeds.AuthorFeed, "author", slug="slug"),
    *feed_routes("feeds/sections/", feeds.SectionFeed, "section", slug="slug"),
]

# Search engines' files live at the site root, outside the app namespace.
root_urlpatterns = [
    path(
        "sitemap.xml",
        cache_public(sitemaps.keyed(sitemap_views.index)),
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        cache_public(sitemaps.keyed(sitemap_views.sitemap)),
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap-section",
    ),
    path("news-sitemap.xml", cache_public(sitemaps.news_sitemap), name="news-sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("indexnow-key.txt", views.indexnow_key, name="indexnow-key"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz", views.healthz, name="healthz"),
]
