"""Admin for writing and editing stories."""

from django.contrib import admin
from django.db.models import Prefetch
from django.http import JsonResponse
from django.urls import path, reverse
from taggit.models import Tag

from articles.admin.thumbnails import thumbnail
from articles.models import Article, Byline, Citation, Correction


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 0
    min_num = 0
    autocomplete_fields = ["author"]
    fields = ["author", "position"]
    verbose_name = "byline"
    verbose_name_plural = "bylines (in reading order)"


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 0
    fields = ["position", "publisher", "title", "url", "published_on"]


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["kind", "text", "created_at"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "status", "section", "byline_names", "publish_at"]
    list_filter = ["status", "section", "bylines__author", "tags"]
    list_select_related = ["section"]
    search_fields = ["headline", "dek"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "lead_photo"]
    readonly_fields = ["lead_photo_preview"]
    inlines = [BylineInline, CitationInline, CorrectionInline]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "body"]}),
        (
            "Filing",
            {"fields": ["section", "tags", "lead_photo", "lead_photo_preview"]},
        ),
        ("Schedule", {"fields": ["publish_at", "unpublish_at"]}),
    ]

    class Media:
        js = ["articles/admin/tags.js"]

    def get_queryset(self, request):
        bylines = Prefetch("bylines", queryset=Byline.objects.select_related("author"))
        return super().get_queryset(request).prefetch_related(bylines)

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

    @admin.display(description="authors")
    def byline_names(self, article):
        return ", ".join(byline.author.name for byline in article.bylines.all())

    @admin.display(description="lead photo preview")
    def lead_photo_preview(self, article):
        photo = article.lead_photo
        return thumbnail(
            photo.image if photo else None, getattr(photo, "alt_text", ""), 240
        )

    def get_urls(self):
        suggestions = path(
            "tag-suggestions/",
            self.admin_site.admin_view(self.tag_suggestions),
            name="articles_article_tag_suggestions",
        )
        return [suggestions, *super().get_urls()]

    def tag_suggestions(self, request):
        """Up to 10 existing tag names starting with ?q= (staff only)."""
        if not self.has_view_or_change_permission(request):
            return JsonResponse({"tags": []}, status=403)
        query = request.GET.get("q", "").strip()[:100]
        names = []
        if query:
            names = list(
                Tag.objects.filter(name__istartswith=query)
                .order_by("name")
                .values_list("name", flat=True)[:10]
            )
        return JsonResponse({"tags": names})

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
