"""The story changelist's sidebar filters."""

from django.contrib import admin
from django.utils import timezone

from articles.models import Byline, TaggedArticle
from articles.worklists import WORKLISTS


class RecentChoicesFilter(admin.SimpleListFilter):
    """A filter whose sidebar offers the choices of the newest stories only.

    With thousands of tags or authors a full list is useless and slow; any
    slug still works in the query string (?tag=…, ?author=…).
    """

    recent = 200
    choices_shown = 25

    def recent_stories(self, request, model_admin):
        stories = model_admin.get_queryset(request).order_by("-pk")
        return stories.values("pk")[: self.recent]


class TagFilter(RecentChoicesFilter):
    title = "tag"
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        recent = self.recent_stories(request, model_admin)
        tags = (
            TaggedArticle.objects.filter(content_object__in=recent)
            .values_list("tag__slug", "tag__name")
            .distinct()
            .order_by("tag__name")
        )
        return list(tags[: self.choices_shown])

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tagged_items__tag__slug=self.value())
        return queryset


class AuthorFilter(RecentChoicesFilter):
    title = "author"
    parameter_name = "author"

    def lookups(self, request, model_admin):
        recent = self.recent_stories(request, model_admin)
        authors = (
            Byline.objects.filter(article__in=recent)
            .values_list("author__slug", "author__name")
            .distinct()
            .order_by("author__name")
        )
        return list(authors[: self.choices_shown])

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(bylines__author__slug=self.value())
        return queryset


class QuickViewFilter(admin.SimpleListFilter):
    """The desk's work lists (articles.worklists): "Needs me", my drafts,
    sent back, in review, scheduled, live now."""

    title = "quick views"
    parameter_name = "view"

    def lookups(self, request, model_admin):
        return [(key, worklist.title) for key, worklist in WORKLISTS.items()]

    def queryset(self, request, queryset):
        worklist = WORKLISTS.get(self.value() or "")
        if worklist is None:
            return queryset
        return worklist.select(request.user, queryset, timezone.now())
