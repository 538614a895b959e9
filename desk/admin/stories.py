"""Admin for writing and editing stories.

Who may see and change what is answered by articles.permissions; every save,
state change and deletion is an action (articles.actions). This module wires
them in.
"""

import json

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils import timezone

from articles import actions, permissions, preview, writing_checks
from articles.models import Article, Byline
from articles.text import strip_control_characters
from desk.admin import autosave, story_panel
from desk.admin.filters import AuthorFilter, QuickViewFilter, TagFilter
from desk.admin.forms import StoryForm
from desk.admin.gallery_upload import GalleryUploadViews
from desk.admin.inlines import (
    BylineInline,
    CitationInline,
    CorrectionInline,
    CreditInline,
    GalleryInline,
    RelatedStoryInline,
)
from desk.admin.live_desk import LiveDeskViews
from desk.admin.presence import seen
from desk.admin.story_alerts import StoryAlertViews
from desk.admin.story_list import StoryListColumns
from desk.admin.story_panel import SaveThenMove
from desk.admin.story_saving import StorySaving
from desk.admin.story_views import StoryWorkflowViews
from desk.admin.thumbnails import thumbnail


@admin.register(Article)
class StoryAdmin(
    StoryListColumns,
    SaveThenMove,
    StorySaving,
    StoryWorkflowViews,
    autosave.AutosaveViews,
    GalleryUploadViews,
    LiveDeskViews,
    StoryAlertViews,
    admin.ModelAdmin,
):
    form = StoryForm
    list_filter = [QuickViewFilter, "status", "section", AuthorFilter, TagFilter]
    list_select_related = ["section"]
    search_fields = ["headline", "dek"]
    # Newest activity first, walked along its index (article_activity_idx).
    # (A date hierarchy would scan every story for its years on each load.)
    ordering = ["-modified_at", "-id"]
    show_full_result_count = False
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "lead_photo"]
    inlines = [
        BylineInline,
        CreditInline,
        CitationInline,
        GalleryInline,
        RelatedStoryInline,
        CorrectionInline,
    ]
    actions = ["publish_selected"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "body", "base_version"]}),
        (
            "Filing",
            {
                "fields": [
                    "section",
                    "tags",
                    "lead_photo",
                    "lead_photo_preview",
                    "live_coverage",
                ]
            },
        ),
        (
            "Publication times",
            {
                "fields": ["publish_at", "first_published_at", "unpublish_at"],
                "classes": ["collapse"],
            },
        ),
    ]

    class Media:
        js = [
            "desk/tags.js",
            "desk/photo_picker.js",
            "desk/writing_aids.js",
            "desk/autosave.js",
            "desk/story_form.js",
        ]
        css = {"all": ["desk/body_elements.css", "desk/story_form.css"]}

    # Who sees what -------------------------------------------------------

    def get_queryset(self, request):
        bylines = Prefetch("bylines", queryset=Byline.objects.select_related("author"))
        stories = permissions.limit_to_editable(
            super().get_queryset(request), request.user
        )
        return stories.prefetch_related(bylines)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (
            obj is None or permissions.can_view(request.user, obj)
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or permissions.can_edit(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return permissions.can_delete(request.user)

    def delete_view(self, request, object_id, extra_context=None):
        self._story(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def get_list_filter(self, request):
        if permissions.can_edit_any(request.user):
            return self.list_filter
        # Writers see only their own stories; other stories' tags stay private.
        return [f for f in self.list_filter if f is not TagFilter]

    def get_changeform_initial_data(self, request):
        """Initial values from the query string, minus broken related ids."""
        initial = super().get_changeform_initial_data(request)
        for name in ["section", "lead_photo"]:
            if name in initial and not str(initial[name]).isdigit():
                del initial[name]
        return initial

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        draft = self.restored_draft(request, obj)
        if draft is not None:  # the writer asked for their unsaved typing back
            form = type(form.__name__, (form,), {"restored": draft})
        return form

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, BylineInline):
            kwargs["initial"] = inline.initial_rows(request, obj)
        return kwargs

    def has_publish_permission(self, request):
        return permissions.can_publish(request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = ["lead_photo_preview", "publish_at", "first_published_at"]
        if not permissions.can_set_schedule(request.user):
            fields.append("unpublish_at")
        return fields

    # Columns -------------------------------------------------------------

    @admin.display(description="lead photo preview")
    def lead_photo_preview(self, article):
        photo = article.lead_photo
        if photo is None:
            return "—"
        return thumbnail(photo.image, photo.alt_text, 240, photo.renditions)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "tags":
            field.widget.attrs.update(
                {
                    "data-tag-suggestions": reverse(
                        "admin:articles_article_tag_suggestions"
                    ),
                    "autocomplete": "off",
                }
            )
            field.help_text = "Comma-separated; suggestions appear as you type."
        return field

    # Saving: through the actions -----------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is not None:
            self._story(request, object_id)  # 404 for stories this user may not open
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except actions.ConcurrentEdit:
            # Lost the race inside the UPDATE: the transaction rolled back, and
            # the form, shown again, now explains the conflict.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        article = context.get("original")
        if article is not None:
            context.update(self.workflow_context(request, article))
        context.update(story_panel.panel(request.user, article))
        context["now_local"] = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
        if request.method == "GET" and "restore-autosave" not in request.GET:
            context["autosave_offer"] = autosave.offer(request.user, article)
        context["headline_shown"] = writing_checks.HEADLINE_SHOWN
        context["gallery_alts"] = json.dumps(
            {
                item.photo_id: item.photo.alt_text
                for item in (article.gallery.select_related("photo") if article else [])
            }
        )
        context["restored_from"] = getattr(context["adminform"].form, "restored", None)
        context["autosave_fields"] = " ".join(autosave.FIELDS)
        context["autosave_url"], context["discard_autosave_url"] = (
            self.autosave_urls_for(article)
        )
        return super().render_change_form(request, context, add, change, **kwargs)

    def workflow_context(self, request, article):
        user = request.user
        return {
            "notes": article.notes.select_related("author", "resolved_by"),
            "can_comment": permissions.can_comment(user, article),
            "share_url": request.build_absolute_uri(preview.share_url(article)),
            "preview_hours": preview.max_age_hours(),
            "also_here": seen(article.pk, user) if request.method == "GET" else [],
            "publish_problems": actions.publish_problems(article),
            "can_send_alert": permissions.can_send_alerts(user)
            and article.status == Article.Status.PUBLISHED,
        }

    # Bulk action ----------------------------------------------------------

    @admin.action(description="Publish selected stories now", permissions=["publish"])
    def publish_selected(self, request, queryset):
        done = 0
        for article in queryset:
            try:
                actions.Publish(article).execute(by=request.user)
                done += 1
            except (actions.ActionError, PermissionDenied) as error:
                self.message_user(request, f"{article}: {error}", messages.ERROR)
        if done:
            self.message_user(request, f"Published {done} stories.", messages.SUCCESS)

    # Tag suggestions ------------------------------------------------------

    def get_urls(self):
        suggestions = path(
            "tag-suggestions/",
            self.admin_site.admin_view(self.tag_suggestions),
            name="articles_article_tag_suggestions",
        )
        return [
            suggestions,
            *self.autosave_urls(),
            *self.gallery_upload_urls(),
            *self.live_urls(),
            *self.alert_urls(),
            *super().get_urls(),
        ]

    def tag_suggestions(self, request):
        """Up to 10 existing tag names starting with ?q= (staff only)."""
        if not self.has_view_or_change_permission(request):
            return JsonResponse({"tags": []}, status=403)
        query = strip_control_characters(request.GET.get("q", "")).strip()[:100]
        names = []
        if query:
            names = list(
                permissions.visible_tags(request.user)
                .filter(name__istartswith=query)
                .order_by("name")
                .values_list("name", flat=True)[:10]
            )
        return JsonResponse({"tags": names})
