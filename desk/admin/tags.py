"""Admin for tags: rename, merge and delete through the tag actions.

Replaces django-taggit's own TagAdmin, whose inline and merge work on the
generic TaggedItem table and would miss every story (they are tagged through
articles.TaggedArticle) and skip search and the page cache.
"""

import taggit.admin  # noqa: F401 - registers taggit's TagAdmin, replaced below
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.template.response import TemplateResponse
from taggit.models import Tag

from articles import actions

# The desk's admin modules load before taggit's: taggit's was imported above
# (autodiscovery will not import it again) so that it can be replaced here.
admin.site.unregister(Tag)


class TagForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name", "slug"]

    def clean(self):
        """The action's own checks, shown on the form (a name taken, say)."""
        cleaned = super().clean()
        if not self.errors:
            action = actions.SaveTag(
                self.instance, name=cleaned["name"], slug=cleaned["slug"]
            )
            try:
                action.validate()
            except actions.ActionError as error:
                raise forms.ValidationError(str(error)) from error
        return cleaned


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    form = TagForm
    list_display = ["name", "slug"]
    ordering = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge_selected"]

    def save_model(self, request, obj, form, change):
        actions.SaveTag(obj).execute(by=request.user)

    def delete_model(self, request, obj):
        actions.DeleteTag(obj).execute(by=request.user)

    def delete_queryset(self, request, queryset):
        for tag in queryset:
            self.delete_model(request, tag)

    @admin.action(description="Merge selected tags…", permissions=["delete"])
    def merge_selected(self, request, queryset):
        """First ask which tag to keep; then fold the others into it."""
        tags = list(queryset.order_by("name"))
        into = next((t for t in tags if str(t.pk) == request.POST.get("into")), None)
        if into is None:
            return TemplateResponse(
                request,
                "admin/taggit/tag/merge.html",
                {
                    **self.admin_site.each_context(request),
                    "opts": self.opts,
                    "title": "Merge tags",
                    "tags": tags,
                    "selected": request.POST.getlist(ACTION_CHECKBOX_NAME),
                },
            )
        try:
            actions.MergeTags(tags, into=into).execute(by=request.user)
        except actions.ActionError as error:
            self.message_user(request, str(error), messages.ERROR)
            return None
        self.message_user(
            request,
            f"Merged {len(tags) - 1} tags into “{into.name}”.",
            messages.SUCCESS,
        )
        return None
