"""The story admin's extra pages: transitions, notes, preview, revisions."""

import re
from datetime import UTC

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.dateparse import parse_datetime
from django.utils.timezone import get_current_timezone, is_naive, make_aware

from articles import editing, editorial, permissions, revisions, workflow
from articles.models import EditorialNote, Revision
from articles.preview import make_token
from articles.views import PreviewView, mark_private


class ArticleWorkflowViews:
    """Mixed into ArticleAdmin: each view checks permission itself."""

    def get_urls(self):
        def route(pattern, view, name):
            return path(
                pattern,
                self.admin_site.admin_view(view),
                name=f"articles_article_{name}",
            )

        story = "<path:object_id>"
        return [
            route(
                f"{story}/transition/<str:name>/", self.transition_view, "transition"
            ),
            route(f"{story}/preview/", self.preview_view, "preview"),
            route(f"{story}/notes/", self.add_note_view, "add_note"),
            route(
                f"{story}/notes/<int:note_id>/resolve/",
                self.resolve_note_view,
                "resolve_note",
            ),
            route(f"{story}/revisions/compare/", self.compare_view, "compare"),
            route(
                f"{story}/revisions/<int:number>/restore/",
                self.restore_view,
                "restore_revision",
            ),
            *super().get_urls(),
        ]

    def _story(self, request, object_id):
        """The story, if this user may open it; 404 otherwise (no leak)."""
        article = self.get_object(request, unquote(object_id))
        if article is None or not permissions.can_view(request.user, article):
            raise Http404("No such story.")
        return article

    def _back(self, article):
        return HttpResponseRedirect(
            reverse("admin:articles_article_change", args=[article.pk])
        )

    @staticmethod
    def _parse_when(value):
        """A local date-time from the form, or None when it is not one."""
        try:
            when = parse_datetime((value or "")[:40])
            if when is not None and is_naive(when):
                when = make_aware(when, get_current_timezone())
            if when is not None:
                when.astimezone(UTC)  # the database stores UTC: must fit there too
        except (ValueError, OverflowError):
            return None
        return when

    def transition_view(self, request, object_id, name):
        if request.method != "POST":
            return self._back(self._story(request, object_id))
        article = self._story(request, object_id)
        if name not in workflow.TRANSITIONS:
            raise Http404("No such transition.")
        if not permissions.can_transition(request.user, article, name):
            raise PermissionDenied
        note = request.POST.get("note", "")
        try:
            warnings = self._apply(name, article, request, note)
        except workflow.WorkflowError as error:
            messages.error(request, str(error))
            return self._back(article)
        messages.success(
            request, f"“{article.headline}” is now {article.state_label.lower()}."
        )
        for warning in warnings or []:
            messages.warning(request, warning)
        return self._back(article)

    def _apply(self, name, article, request, note):
        """Run transition `name`; returns the warnings publishing may give."""
        by = request.user
        actions = {
            "submit": lambda: workflow.submit(article=article, by=by),
            "send_back": lambda: workflow.send_back(article=article, by=by, note=note),
            "publish": lambda: workflow.publish(article=article, by=by),
            "schedule": lambda: workflow.schedule(
                article=article,
                by=by,
                at=self._parse_when(request.POST.get("publish_at")),
            ),
            "withdraw": lambda: workflow.withdraw(article=article, by=by, note=note),
            "restore": lambda: workflow.restore(article=article, by=by),
        }
        result = actions[name]()
        return result if isinstance(result, list) else []

    def preview_view(self, request, object_id):
        article = self._story(request, object_id)
        response = PreviewView.as_view()(
            request, pk=article.pk, token=make_token(article)
        )
        return mark_private(response)

    @staticmethod
    def _post_only(request):
        if request.method != "POST":
            raise PermissionDenied

    def add_note_view(self, request, object_id):
        self._post_only(request)
        article = self._story(request, object_id)
        try:
            editorial.add_note(
                article=article, by=request.user, text=request.POST.get("text", "")
            )
        except editorial.WorkflowError as error:
            messages.error(request, str(error))
        return self._back(article)

    def resolve_note_view(self, request, object_id, note_id):
        self._post_only(request)
        article = self._story(request, object_id)
        note = get_object_or_404(EditorialNote, pk=note_id, article=article)
        editorial.resolve_note(note=note, by=request.user)
        return self._back(article)

    def history_view(self, request, object_id, extra_context=None):
        """The story's revisions, newest first, with compare and restore."""
        article = self._story(request, object_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "original": article,
            "title": f"History: {article.headline}",
            "revisions": article.revisions.select_related("created_by"),
            "can_restore": permissions.can_edit(request.user, article),
        }
        return TemplateResponse(request, "admin/articles/article/history.html", context)

    def compare_view(self, request, object_id):
        article = self._story(request, object_id)
        numbers = [request.GET.get("a", ""), request.GET.get("b", "")]
        if not all(re.fullmatch(r"[0-9]{1,9}", number) for number in numbers):
            raise Http404("Choose two revisions to compare.")
        found = {
            revision.number: revision
            for revision in article.revisions.filter(number__in=numbers)
        }
        older, newer = (found.get(int(number)) for number in sorted(numbers, key=int))
        if older is None or newer is None:
            raise Http404("No such revision.")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": f"Compare revisions #{older.number} and #{newer.number}",
            "older": older,
            "newer": newer,
            "rows": revisions.diff(older.snapshot, newer.snapshot),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def restore_view(self, request, object_id, number):
        self._post_only(request)
        article = self._story(request, object_id)
        revision = get_object_or_404(Revision, article=article, number=number)
        if not permissions.can_edit(request.user, article):
            raise PermissionDenied
        restored = editing.restore_revision(revision=revision, by=request.user)
        messages.success(
            request,
            f"Restored revision #{number} as revision #{restored.number}. "
            "The story's status is unchanged.",
        )
        return self._back(article)
