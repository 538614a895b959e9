"""The audit log in the admin: read, filter by person, action and date,
export what is filtered as CSV. Nobody adds, changes or deletes an entry
here, superusers included (the model refuses it too)."""

import csv
import json

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models.functions import Lower
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone

from articles import permissions
from audit.models import AuditEntry

CSV_COLUMNS = [
    ("at", "when"),
    ("actor_name", "person"),
    ("action", "action"),
    ("object_type", "object type"),
    ("object_id", "object id"),
    ("object_repr", "object"),
    ("address", "address"),
    ("changes", "changes"),
]


class ActionFilter(admin.SimpleListFilter):
    title, parameter_name = "action", "action"

    def lookups(self, request, model_admin):
        actions = AuditEntry.objects.order_by("action").values_list("action", flat=True)
        return [(name, name.replace("_", " ")) for name in actions.distinct()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(action=self.value())
        return queryset


class PersonFilter(admin.SimpleListFilter):
    """By account (a deleted user's entries are still found by the name they
    were logged with); names typed at a failed sign-in are not people."""

    title, parameter_name = "person", "person"

    def lookups(self, request, model_admin):
        people = (
            AuditEntry.objects.filter(actor_id__isnull=False)
            .order_by(Lower("actor_name"), "actor_id")
            .values_list("actor_id", "actor_name")
            .distinct()
        )
        return [(str(pk), name) for pk, name in people]

    def queryset(self, request, queryset):
        value = self.value()
        if value:
            if not value.isdigit() or len(value) > 18:
                raise IncorrectLookupParameters("No such person.")
            return queryset.filter(actor_id=int(value))
        return queryset


def _cell(value):
    """A spreadsheet must not run a cell as a formula (CSV injection)."""
    if isinstance(value, dict | list):
        text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    elif hasattr(value, "isoformat"):
        text = value.isoformat()
    else:
        text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class Echo:
    def write(self, value):
        return value


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = [
        "at",
        "actor_name",
        "action",
        "object_type",
        "object_repr",
        "address",
    ]
    list_filter = [PersonFilter, ActionFilter, "at"]
    date_hierarchy = "at"
    search_fields = ["object_repr", "object_id", "actor_name"]
    readonly_fields = [field for field, _ in CSV_COLUMNS]
    fields = readonly_fields
    actions = None
    show_full_result_count = False
    change_list_template = "admin/audit/auditentry/change_list.html"

    def has_view_permission(self, request, obj=None):
        return permissions.can_read_audit_log(request.user)

    def has_module_permission(self, request):
        return permissions.can_read_audit_log(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        export = path(
            "export.csv",
            self.admin_site.admin_view(self.export_csv),
            name="audit_auditentry_export",
        )
        return [export, *super().get_urls()]

    def export_csv(self, request):
        """The entries the changelist shows with the same filters, all pages."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            entries = self.get_changelist_instance(request).get_queryset(request)
        except IncorrectLookupParameters:
            # As the list does: back to it, saying the filter was wrong.
            return redirect(f"{reverse('admin:audit_auditentry_changelist')}?e=1")
        writer = csv.writer(Echo())

        def rows():
            yield writer.writerow([title for _, title in CSV_COLUMNS])
            for entry in entries.iterator(chunk_size=2000):
                yield writer.writerow(
                    _cell(getattr(entry, field)) for field, _ in CSV_COLUMNS
                )

        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response = StreamingHttpResponse(rows(), content_type="text/csv")
        response["Content-Disposition"] = (
            f'attachment; filename="audit-log-{stamp}.csv"'
        )
        return response
