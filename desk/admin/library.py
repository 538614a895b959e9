"""Admin for the newsroom's library: photos, authors, sections, top stories."""

from django.contrib import admin
from django.db import models

from articles import actions, permissions
from articles.models import Author, Photo, Section, TopStory
from desk.admin.photo_picker import PhotoPickerViews
from desk.admin.thumbnails import focal_point_picker, thumbnail
from desk.admin.uploads import PhotoForm, SafeImageField

SAFE_UPLOADS = {models.ImageField: {"form_class": SafeImageField}}


class ThroughActions:
    """Saves and deletions run as actions (articles.actions), so search and
    the page cache follow every change a reader could see."""

    save_action = None

    def save_model(self, request, obj, form, change):
        self.save_action(obj, changed=form.changed_data).execute(by=request.user)

    def delete_model(self, request, obj):
        actions.DeleteRecord(obj).execute(by=request.user)

    def delete_queryset(self, request, queryset):
        for record in queryset:
            self.delete_model(request, record)


@admin.register(Photo)
class PhotoAdmin(PhotoPickerViews, ThroughActions, admin.ModelAdmin):
    save_action = actions.SavePhoto
    form = PhotoForm
    formfield_overrides = SAFE_UPLOADS
    list_display = ["preview", "alt_text", "caption", "credit", "uploaded_at"]
    list_display_links = ["preview", "alt_text"]
    search_fields = ["caption", "credit", "alt_text"]
    readonly_fields = ["focal_point", "width", "height", "uploaded_by", "uploaded_at"]
    fields = [
        "image",
        "focal_point",
        ("focal_x", "focal_y"),
        "alt_text",
        "caption",
        "credit",
        "source_url",
        "license",
        ("width", "height"),
        ("uploaded_by", "uploaded_at"),
    ]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or permissions.can_edit_photo(request.user, obj)
        )

    def get_urls(self):
        return [*self.picker_urls(), *super().get_urls()]

    @admin.display(description="photo")
    def preview(self, photo):
        return thumbnail(photo.image, photo.alt_text, renditions=photo.renditions)

    @admin.display(description="focal point")
    def focal_point(self, photo):
        return focal_point_picker(photo)

    class Media:
        js = ["desk/focal_point.js"]
        css = {"all": ["desk/focal_point.css"]}


@admin.register(Author)
class AuthorAdmin(ThroughActions, admin.ModelAdmin):
    save_action = actions.SaveAuthor
    formfield_overrides = SAFE_UPLOADS
    list_display = ["preview", "name", "job_title", "user"]
    list_display_links = ["preview", "name"]
    search_fields = ["name", "job_title"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]
    readonly_fields = ["preview_large"]

    @admin.display(description="picture")
    def preview(self, author):
        return thumbnail(
            author.picture, author.name, 40, renditions=author.picture_renditions
        )

    @admin.display(description="current picture")
    def preview_large(self, author):
        return thumbnail(
            author.picture, author.name, 160, renditions=author.picture_renditions
        )


@admin.register(Section)
class SectionAdmin(ThroughActions, admin.ModelAdmin):
    save_action = actions.SaveSection
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(TopStory)
class TopStoryAdmin(admin.ModelAdmin):
    list_display = ["article", "position", "starts_at", "ends_at", "is_active"]
    list_editable = ["position"]
    list_select_related = ["article"]
    autocomplete_fields = ["article"]

    def _curates(self, request):
        return permissions.can_manage_top_stories(request.user)

    def has_view_permission(self, request, obj=None):
        return self._curates(request)

    def has_add_permission(self, request):
        return self._curates(request)

    def has_change_permission(self, request, obj=None):
        return self._curates(request)

    def has_delete_permission(self, request, obj=None):
        return self._curates(request)

    def get_queryset(self, request):
        editable = permissions.editable_by(request.user).values("pk")
        return super().get_queryset(request).filter(article__in=editable)

    @admin.display(boolean=True, description="active now")
    def is_active(self, slot):
        return slot.is_open()

    def save_model(self, request, obj, form, change):
        action = actions.ChangeTopStory if change else actions.AddTopStory
        action(obj).execute(by=request.user)

    def delete_model(self, request, obj):
        actions.RemoveTopStory(obj).execute(by=request.user)

    def delete_queryset(self, request, queryset):
        for slot in queryset:
            self.delete_model(request, slot)
