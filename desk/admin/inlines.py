"""The story form's inlines: bylines, credits, gallery, related stories,
sources and corrections."""

from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet

from articles import permissions
from articles.models import (
    Article,
    Author,
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


class LabelledRows(BaseInlineFormSet):
    """A table row's fields named for screen readers too: the column headers
    name them only for those who see the table."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        row = "new row" if index is None else f"row {index + 1}"
        for field in form.fields.values():
            field.widget.attrs.setdefault("aria-label", f"{field.label} ({row})")


class OwnBylineForm(forms.ModelForm):
    """A new story's first byline row, filled with its writer's own author
    profile: kept on save even though nobody touched it."""

    def has_changed(self):
        own = self.instance.pk is None and bool(self.initial.get("author"))
        return own or super().has_changed()


class BylineInline(FollowsStoryPermission, admin.TabularInline):
    formset = LabelledRows
    model = Byline
    form = OwnBylineForm
    extra = 0
    autocomplete_fields = ["author"]
    fields = ["author", "position"]
    verbose_name_plural = "bylines (in reading order)"

    @staticmethod
    def own_author(request, obj):
        """The writer's author profile, for a new story's first byline."""
        if obj is not None and obj.pk is not None:
            return None
        return Author.objects.filter(user=request.user).first()

    def get_extra(self, request, obj=None, **kwargs):
        return 1 if self.own_author(request, obj) else 0

    def initial_rows(self, request, obj):
        own = self.own_author(request, obj)
        return [{"author": own.pk, "position": 0}] if own else []


class CreditInline(FollowsStoryPermission, admin.TabularInline):
    """Everyone else who made the story: "Additional reporting by …"."""

    classes = ["collapse"]
    formset = LabelledRows
    model = Credit
    extra = 0
    autocomplete_fields = ["author"]
    fields = ["role", "author", "name", "position"]
    verbose_name_plural = "credits (besides the bylines, in order)"


class GalleryInline(FollowsStoryPermission, admin.TabularInline):
    """The story's photo gallery, in order; "Upload photos to the gallery"
    adds many at once."""

    classes = ["collapse"]
    formset = LabelledRows
    model = GalleryPhoto
    extra = 0
    autocomplete_fields = ["photo"]
    fields = ["photo", "position", "caption", "credit"]
    verbose_name_plural = "photo gallery (in order)"


class RelatedStoryInline(FollowsStoryPermission, admin.TabularInline):
    """Stories to show under this one first; more are chosen automatically."""

    classes = ["collapse"]
    formset = LabelledRows
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
    classes = ["collapse"]
    formset = LabelledRows
    model = Citation
    extra = 0
    fields = ["position", "publisher", "title", "url", "published_on"]


class CorrectionInline(admin.StackedInline):
    """Editors append corrections; writers only read them (model permissions)."""

    classes = ["collapse"]
    model = Correction
    extra = 0
    fields = ["kind", "text", "created_at"]
    readonly_fields = ["created_at"]
