"""The public reading site. Every view selects stories through `live()`."""

from public.views.home import HomeView
from public.views.lists import (
    AuthorListView,
    AuthorView,
    SectionView,
    StoryListView,
    TagView,
    follow_tag_redirects,
)
from public.views.live import live_update, live_updates
from public.views.operations import (
    favicon,
    fragment,
    healthz,
    indexnow_key,
    robots_txt,
    server_error,
)
from public.views.search import SearchView
from public.views.stories import PreviewView, StoryDetailView, mark_private

__all__ = [
    "AuthorListView",
    "AuthorView",
    "HomeView",
    "PreviewView",
    "SearchView",
    "SectionView",
    "StoryDetailView",
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
