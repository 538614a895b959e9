"""Admin for the newsroom's library: photos, authors, sections, top stories."""

from django.contrib import admin
from django.db import models

from articles import media, permissions, search
from articles.admin.thumbnails import thumbnail
from articles.admin.uploads import PhotoForm, SafeImageField
from articles.models import Author, Photo, Section, TopStory

SAFE_UPLOADS = {models.ImageField: {"form_class": SafeImageField}}


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    form = PhotoForm
    formfield_overrides = SAFE_UPLOADS
    list_display = ["preview", "alt_text", "caption", "credit", "uploaded_at"]
    list_display_links = ["preview", "alt_text"]
    search_fields = ["caption", "credit", "alt_text"]
    readonly_fields = ["preview_large", "width", "height", "uploaded_by", "uploaded_at"]
    fields = [
        "image",
        "preview_large",
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

    @admin.display(description="photo")
    def preview(self, photo):
        return thumbnail(photo.image, photo.alt_text, renditions=photo.renditions)

    @admin.display(description="preview")
    def preview_large(self, photo):
        return thumbnail(
            photo.image, photo.alt_text, size=320, renditions=photo.renditions
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        if "image" in form.changed_data:
            media.refresh_renditions(obj, "image", "renditions")


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "picture" in form.changed_data:
            media.refresh_renditions(obj, "picture", "picture_renditions")
        if change and "name" in form.changed_data:
            for article in obj.articles.prefetch_related("bylines__author"):
                search.index_article(article)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
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

    def get_queryset(self, request):
        editable = permissions.editable_by(request.user).values("pk")
        return super().get_queryset(request).filter(article__in=editable)

    @admin.display(boolean=True, description="active now")
    def is_active(self, slot):
        return slot.is_open()
