"""The story form's inlines: bylines, credits, gallery, related stories,
sources and corrections."""

from django.contrib import admin

from articles import permissions
from articles.models import (
    Article,
    Byline,
    Citation,
    Correction,
    Credit,
    GalleryPhoto,
    RelatedStory,
)


class FollowsStoryPermission:
    """An inline is editable exactly when its story is."""

    def _story_allows(self, request, obj):
        return obj is None or permissions.can_edit(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._story_allows(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._story_allows(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._story_allows(
            request, obj
        )


class BylineInline(FollowsStoryPermission, admin.TabularInline):
    model = Byline
    extra = 0
    autocomplete_fields = ["author"]
    fields = ["author", "position"]
    verbose_name_plural = "bylines (in reading order)"


class CreditInline(FollowsStoryPermission, admin.TabularInline):
    """Everyone else who made the story: "Additional reporting by …"."""

    model = Credit
    extra = 0
    autocomplete_fields = ["author"]
    fields = ["role", "author", "name", "position"]
    verbose_name_plural = "credits (besides the bylines, in order)"


class GalleryInline(FollowsStoryPermission, admin.TabularInline):
    """The story's photo gallery, in order; "Upload photos to the gallery"
    adds many at once."""

    model = GalleryPhoto
    extra = 0
    autocomplete_fields = ["photo"]
    fields = ["photo", "position", "caption", "credit"]
    verbose_name_plural = "photo gallery (in order)"


class RelatedStoryInline(FollowsStoryPermission, admin.TabularInline):
    """Stories to show under this one first; more are chosen automatically."""

    model = RelatedStory
    fk_name = "article"
    extra = 0
    autocomplete_fields = ["related"]
    fields = ["related", "position"]
    verbose_name_plural = (
        "related stories (shown first; the rest share its tags or section)"
    )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "related":
            # Live stories, or ones this person may open: a crafted id
            # cannot name (and reveal) someone else's draft.
            kwargs["queryset"] = Article.objects.live() | permissions.editable_by(
                request.user
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CitationInline(FollowsStoryPermission, admin.TabularInline):
    model = Citation
    extra = 0
    fields = ["position", "publisher", "title", "url", "published_on"]


class CorrectionInline(admin.StackedInline):
    """Editors append corrections; writers only read them (model permissions)."""

    model = Correction
    extra = 0
    fields = ["kind", "text", "created_at"]
    readonly_fields = ["created_at"]
