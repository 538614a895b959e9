"""The public reading site. Every view selects stories through `live()`."""

from articles.views.home import HomeView
from articles.views.lists import (
    AuthorListView,
    AuthorView,
    SectionView,
    StoryListView,
    TagView,
    follow_tag_redirects,
)
from articles.views.live import live_update, live_updates
from articles.views.operations import (
    favicon,
    fragment,
    healthz,
    indexnow_key,
    robots_txt,
    server_error,
)
from articles.views.search import SearchView
from articles.views.stories import ArticleDetailView, PreviewView, mark_private

__all__ = [
    "ArticleDetailView",
    "AuthorListView",
    "AuthorView",
    "HomeView",
    "PreviewView",
    "SearchView",
    "SectionView",
    "StoryListView",
    "TagView",
    "favicon",
    "follow_tag_redirects",
    "fragment",
    "healthz",
    "indexnow_key",
    "live_update",
    "live_updates",
    "mark_private",
    "robots_txt",
    "server_error",
]
