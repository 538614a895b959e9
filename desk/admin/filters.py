"""The story changelist's sidebar filters."""

from django.contrib import admin

from articles import permissions
from articles.models import Byline, TaggedArticle


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
    title = "quick views"
    parameter_name = "view"

    def lookups(self, request, model_admin):
        return [
            ("mine", "My drafts"),
            ("review", "Awaiting review"),
            ("scheduled", "Scheduled"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "mine":
            mine = permissions.own_stories(request.user)
            return queryset.drafts().filter(pk__in=mine.values("pk"))
        if self.value() == "review":
            return queryset.in_review()
        if self.value() == "scheduled":
            return queryset.scheduled()
        return queryset
