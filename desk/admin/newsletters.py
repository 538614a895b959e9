"""Newsletters on the desk: lists, issues (preview, test, schedule or send,
and what happened to each), and subscribers' data for administrators.
Every change runs an action (newsletters.issues, newsletters.subscribers),
which checks the permission on the server."""

import json

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.dateparse import parse_datetime
from django.utils.timezone import get_current_timezone, make_aware

from articles import permissions
from articles.actions import ActionError
from newsletters import emails, issues, subscribers
from newsletters.models import Delivery, Issue, NewsletterList, Subscriber


def _active(prefix=""):
    return Q(**{f"{prefix}confirmed_at__isnull": False, f"{prefix}left_at": None})


@admin.register(NewsletterList)
class NewsletterListAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "send_time", "active", "subscribers"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                subscribers=Count("subscriptions", filter=_active("subscriptions__"))
            )
        )

    @admin.display(description="subscribers", ordering="subscribers")
    def subscribers(self, obj):
        return obj.subscribers

    def save_model(self, request, obj, form, change):
        issues.SaveNewsletter(obj).execute(by=request.user)


def _count(state):
    return Count("deliveries", filter=Q(deliveries__state=state))


def _figure(name):
    """A list column showing the issue's annotated count `name`, sortable."""
    return admin.display(description=name, ordering=name)(
        lambda self, obj: getattr(obj, name)
    )


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = [
        "subject",
        "newsletter",
        "state",
        "send_at",
        "recipients",
        "sent",
        "failed",
        "bounced",
        "unsubscribed",
    ]
    list_filter = ["newsletter", "state"]
    # Alerts go from a story's page (SendAlert: its permission, once per
    # story); an issue made here is a digest edition or a special.
    fields = ["newsletter", "subject"]
    change_form_template = "admin/newsletters/issue/change_form.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("newsletter")
            .annotate(
                recipients=Count("deliveries"),
                sent=_count(Delivery.SENT),
                failed=_count(Delivery.FAILED),
                bounced=_count(Delivery.BOUNCED),
                unsubscribed=Count(
                    "deliveries", filter=Q(deliveries__unsubscribed_at__isnull=False)
                ),
            )
        )

    recipients = _figure("recipients")
    sent = _figure("sent")
    failed = _figure("failed")
    bounced = _figure("bounced")
    unsubscribed = _figure("unsubscribed")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "newsletter":
            kwargs["queryset"] = NewsletterList.objects.filter(
                kind=NewsletterList.DIGEST
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.state != Issue.DRAFT:
            return self.fields
        return []

    def has_delete_permission(self, request, obj=None):
        return False  # an issue sent is a record; a draft is left unsent

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        issues.SaveIssue(obj).execute(by=request.user)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        issue = self.get_queryset(request).filter(pk=object_id).first()
        extra = {"issue_stats": issue, "can_send": False}
        if issue is not None:
            extra["can_send"] = permissions.can_send_issues(request.user)
        return super().change_view(
            request, object_id, form_url, {**extra, **(extra_context or {})}
        )

    def get_urls(self):
        def route(pattern, view, name):
            return path(pattern, self.admin_site.admin_view(view), name=name)

        return [
            route("<int:pk>/preview/", self.preview_view, "newsletters_issue_preview"),
            route("<int:pk>/send/", self.send_view, "newsletters_issue_send"),
            *super().get_urls(),
        ]

    def _issue(self, request, pk):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return get_object_or_404(Issue.objects.select_related("newsletter"), pk=pk)

    def preview_view(self, request, pk):
        """The issue as a subscriber would get it (links to the sign-up page)."""
        issue = self._issue(request, pk)
        if not issue.html:
            emails.render(issue)  # as it would go now; not stored
        html = emails.message(issue, None, to="preview").alternatives[0].content
        return HttpResponse(html, content_type="text/html; charset=utf-8")

    def send_view(self, request, pk):
        if request.method != "POST":
            raise Http404("Send from the issue's page.")
        issue = self._issue(request, pk)
        step = request.POST.get("step", "")
        if step == "test":
            action = issues.SendTest(issue)
        elif step == "now":
            action = issues.Schedule(issue)
        elif step == "schedule":
            when = _local_time(request.POST.get("send_at", ""))
            if when is None:
                messages.error(request, "Choose a date and time to send it.")
                return self._back(issue)
            action = issues.Schedule(issue, when)
        elif step == "unschedule":
            action = issues.Unschedule(issue)
        else:
            raise Http404("No such step.")
        try:
            action.execute(by=request.user)
        except ActionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{action.label}: done.")
        return self._back(issue)

    @staticmethod
    def _back(issue):
        return HttpResponseRedirect(
            reverse("admin:newsletters_issue_change", args=[issue.pk])
        )


def _local_time(value):
    moment = parse_datetime(value.strip()) if value else None
    if moment is not None and moment.tzinfo is None:
        moment = make_aware(moment, get_current_timezone())
    return moment


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "created_at", "lists"]
    search_fields = ["email"]
    fields = ["email", "created_at"]
    readonly_fields = ["email", "created_at"]
    change_form_template = "admin/newsletters/subscriber/change_form.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(lists=Count("subscriptions", filter=_active("subscriptions__")))
        )

    @admin.display(description="lists", ordering="lists")
    def lists(self, obj):
        return obj.lists

    def has_add_permission(self, request):
        return False  # readers subscribe themselves, with consent

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # erasure, below, keeps the suppression

    def change_view(self, request, object_id, form_url="", extra_context=None):
        subscriber = self.get_object(request, object_id)
        extra = {
            "subscriptions": subscriber.subscriptions.select_related("newsletter")
            if subscriber
            else [],
            "can_handle_data": permissions.can_handle_subscriber_data(request.user),
        }
        return super().change_view(
            request, object_id, form_url, {**extra, **(extra_context or {})}
        )

    def get_urls(self):
        def route(pattern, view, name):
            return path(pattern, self.admin_site.admin_view(view), name=name)

        return [
            route(
                "<int:pk>/export/", self.export_view, "newsletters_subscriber_export"
            ),
            route("<int:pk>/erase/", self.erase_view, "newsletters_subscriber_erase"),
            *super().get_urls(),
        ]

    def _subscriber(self, request, pk):
        if not permissions.can_handle_subscriber_data(request.user):
            raise PermissionDenied
        return get_object_or_404(Subscriber, pk=pk)

    def export_view(self, request, pk):
        subscriber = self._subscriber(request, pk)
        if request.method != "POST":
            raise Http404("Export from the subscriber's page.")
        data = subscribers.ExportSubscriber(subscriber).execute(by=request.user)
        response = HttpResponse(
            json.dumps(data, indent=2), content_type="application/json"
        )
        response["Content-Disposition"] = f'attachment; filename="subscriber-{pk}.json"'
        return response

    def erase_view(self, request, pk):
        subscriber = self._subscriber(request, pk)
        if request.method == "POST":
            subscribers.EraseSubscriber(subscriber).execute(by=request.user)
            messages.success(request, "Erased. The address will never be mailed again.")
            return HttpResponseRedirect(
                reverse("admin:newsletters_subscriber_changelist")
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": subscriber,
            "title": f"Erase {subscriber.email}",
        }
        return TemplateResponse(
            request, "admin/newsletters/subscriber/erase.html", context
        )
