"""The story admin's extra pages: transitions, notes, preview, revisions."""

import re

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from articles import actions, permissions, revisions
from articles.models import EditorialNote, Revision
from articles.preview import share_url
from desk.admin import story_panel


class StoryWorkflowViews:
    """Mixed into StoryAdmin: each view checks permission itself."""

    def route(self, pattern, view, name):
        """An extra page of the story admin, behind the admin's login, named
        `admin:articles_article_<name>` (every mixin's pages use it)."""
        return path(
            pattern, self.admin_site.admin_view(view), name=f"articles_article_{name}"
        )

    def get_urls(self):
        route = self.route
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

    def transition_view(self, request, object_id, name):
        """POST: make the transition. GET: for one that asks to be confirmed
        (withdraw), the page that says what it does, with its reason field."""
        article = self._story(request, object_id)
        if name not in actions.TRANSITIONS:
            raise Http404("No such transition.")
        if request.method != "POST":
            return self._confirm_page(request, article, actions.TRANSITIONS[name])
        transition = actions.TRANSITIONS[name].from_form(article, request.POST)
        story_panel.run(request, transition)
        return self._back(article)

    def _confirm_page(self, request, article, step):
        transition = step(article)
        if not step.confirm or not transition.available(request.user):
            return self._back(article)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": f"{step.label}: {article.headline}",
            "transition": transition,
        }
        return TemplateResponse(
            request, "admin/articles/article/confirm_transition.html", context
        )

    def preview_view(self, request, object_id):
        """The story exactly as its public page, in any state: its signed
        preview link (the public site renders it, never cached)."""
        article = self._story(request, object_id)
        return HttpResponseRedirect(share_url(article))

    @staticmethod
    def _post_only(request):
        if request.method != "POST":
            raise PermissionDenied

    def add_note_view(self, request, object_id):
        self._post_only(request)
        article = self._story(request, object_id)
        try:
            actions.AddNote(article, text=request.POST.get("text", "")).execute(
                by=request.user
            )
        except actions.ActionError as error:
            messages.error(request, str(error))
        return self._back(article)

    def resolve_note_view(self, request, object_id, note_id):
        self._post_only(request)
        article = self._story(request, object_id)
        note = get_object_or_404(EditorialNote, pk=note_id, article=article)
        actions.ResolveNote(note).execute(by=request.user)
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
        actions.RestoreRevision(revision).execute(by=request.user)
        restored = article.revisions.first()
        messages.success(
            request,
            f"Restored revision #{number} as revision #{restored.number}. "
            "The story's status is unchanged.",
        )
        return self._back(article)
