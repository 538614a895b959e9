"""The story admin's live pages: a live story's own page (the composer
first, then the stream) where updates are posted, approved, corrected and
deleted and the coverage ends; and the live desk, where editors choose which
writers post without waiting for an editor."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from articles import actions, permissions
from articles.models import LiveUpdate
from desk.admin.gallery_upload import save_photo
from desk.admin.live_forms import CorrectUpdateForm, LiveUpdateForm


class LiveDeskViews:
    """Mixed into StoryAdmin; each view asks articles.permissions."""

    def live_urls(self):
        route = self.route  # StoryWorkflowViews.route
        story = "<path:object_id>"
        return [
            route("live-desk/", self.live_desk_view, "live_desk"),
            route(f"{story}/live/", self.live_page_view, "live"),
            route(f"{story}/live/post/", self.post_update_view, "post_update"),
            route(f"{story}/live/end/", self.end_coverage_view, "end_coverage"),
            route(
                f"{story}/live/<int:pk>/", self.correct_update_view, "correct_update"
            ),
            route(
                f"{story}/live/<int:pk>/approve/",
                self.approve_update_view,
                "approve_update",
            ),
            route(
                f"{story}/live/<int:pk>/delete/",
                self.delete_update_view,
                "delete_update",
            ),
        ]

    def live_context(self, request, article, form=None):
        """What a live story's page shows `request.user`."""
        updates = (
            article.live_updates.filter(deleted_at__isnull=True)
            .select_related("created_by", "photo")
            .prefetch_related("authors")
        )
        return {
            "live_updates": updates,
            "can_post_live": permissions.can_post_live(request.user, article),
            "posts_at_once": permissions.posts_live_at_once(request.user),
            "can_approve": permissions.can_approve_update(request.user),
            "can_end_coverage": permissions.can_publish(request.user)
            and article.coverage_ended_at is None,
            "live_form": form or LiveUpdateForm(user=request.user, article=article),
        }

    def live_page_view(self, request, object_id, form=None):
        """A live story's own page: the composer, then the stream, newest
        first; made for a phone as much as for the desk."""
        article = self._story(request, object_id)
        if not article.live_coverage:
            return self._back(article)
        context = {
            **self.admin_site.each_context(request),
            "title": article.headline,
            "subtitle": "Live",
            "original": article,
            "opts": self.model._meta,
            "can_edit": permissions.can_edit(request.user, article),
            **self.live_context(request, article, form),
        }
        context["media"] = self.media + context["live_form"].media
        return TemplateResponse(request, "admin/articles/article/live.html", context)

    def _back_live(self, article):
        return HttpResponseRedirect(
            reverse("admin:articles_article_live", args=[article.pk])
        )

    def _update(self, request, object_id, pk):
        article = self._story(request, object_id)
        return get_object_or_404(
            LiveUpdate, pk=pk, article=article, deleted_at__isnull=True
        )

    def _run(self, request, action, done):
        try:
            action.execute(by=request.user)
        except actions.ActionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, done)

    def post_update_view(self, request, object_id):
        article = self._story(request, object_id)
        if request.method != "POST":
            return self._back_live(article)
        if not permissions.can_post_live(request.user, article):
            raise PermissionDenied("You may not post updates to this story.")
        form = LiveUpdateForm(
            request.POST, request.FILES, user=request.user, article=article
        )
        if not form.is_valid():  # shown again with what was typed
            return self.live_page_view(request, object_id, form=form)
        data = form.cleaned_data
        photo = data["photo"]
        if data.get("new_photo"):
            fields = {
                "alt_text": data["new_photo_alt"],
                "credit": data["new_photo_credit"],
            }
            photo = save_photo(data["new_photo"], fields, request.user)
        action = actions.PostUpdate(
            article,
            body=data["body"],
            authors=data["authors"],
            photo=photo,
            pinned=data["pinned"],
        )
        at_once = permissions.posts_live_at_once(request.user)
        self._run(
            request,
            action,
            "Update posted." if at_once else "Update sent to an editor.",
        )
        return self._back_live(article)

    def approve_update_view(self, request, object_id, pk):
        update = self._update(request, object_id, pk)
        if request.method == "POST":
            version = request.POST.get("version", "")
            action = actions.ApproveUpdate(
                update, version=int(version) if version.isdigit() else None
            )
            self._run(request, action, "Update published.")
        return self._back_live(update.article)

    def delete_update_view(self, request, object_id, pk):
        update = self._update(request, object_id, pk)
        if request.method == "POST":
            self._run(request, actions.DeleteUpdate(update), "Update deleted.")
        return self._back_live(update.article)

    def end_coverage_view(self, request, object_id):
        article = self._story(request, object_id)
        if request.method == "POST":
            self._run(request, actions.EndCoverage(article), "Live coverage ended.")
        return self._back_live(article)

    def correct_update_view(self, request, object_id, pk):
        update = self._update(request, object_id, pk)
        if not permissions.can_change_update(request.user, update):
            raise PermissionDenied("You may not change this update.")
        form = CorrectUpdateForm(request.POST or None, instance=update)
        if request.method == "POST" and form.is_valid():
            action = actions.CorrectUpdate(
                update,
                body=form.cleaned_data["body"],
                pinned=form.cleaned_data["pinned"],
            )
            self._run(request, action, "Update corrected.")
            return self._back_live(update.article)
        context = {
            **self.admin_site.each_context(request),
            "title": "Correct an update",
            "original": update.article,
            "update": update,
            "form": form,
            "revisions": update.revisions.select_related("by"),
            "opts": self.model._meta,
        }
        return TemplateResponse(
            request, "admin/articles/article/correct_update.html", context
        )

    def live_desk_view(self, request):
        """Editors put writers on the live desk: their updates need no editor."""
        if not permissions.can_manage_live_desk(request.user):
            raise PermissionDenied("Only editors choose the live desk.")
        staff = get_user_model().objects.filter(is_active=True, is_staff=True)
        writers = [u for u in staff if permissions.is_live_desk_candidate(u)]
        if request.method == "POST":
            chosen = request.POST.get("user", "")
            user = next((u for u in writers if str(u.pk) == chosen), None)
            if user is None:
                raise Http404("No such writer.")
            on = request.POST.get("on") == "1"
            actions.SetLiveDesk(user, on=on).execute(by=request.user)
            where = "on" if on else "off"
            messages.success(request, f"{user} is {where} the live desk.")
        return self._live_desk_page(request, writers)

    def _live_desk_page(self, request, writers):
        on_desk = set(actions.live_desk().values_list("pk", flat=True))
        context = {
            **self.admin_site.each_context(request),
            "title": "Live desk",
            "writers": [
                (user, user.pk in on_desk)
                for user in sorted(writers, key=lambda user: user.get_username())
            ],
            "opts": self.model._meta,
        }
        return TemplateResponse(
            request, "admin/articles/article/live_desk.html", context
        )
