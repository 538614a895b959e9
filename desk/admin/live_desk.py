"""The story admin's live desk: post updates to a live story, approve,
correct and delete them, end the coverage, and (editors) choose which
writers post without waiting for an editor."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from articles import actions, permissions
from articles.models import Author, LiveUpdate, Photo

#: The photos an update may carry: the newest of the library.
RECENT_PHOTOS = 50


class LiveUpdateForm(forms.ModelForm):
    """Posted beside the story form, so its fields carry a prefix."""

    prefix = "live"

    class Meta:
        model = LiveUpdate
        fields = ["body", "authors", "photo", "pinned"]

    def __init__(self, *args, user=None, article=None, **kwargs):
        super().__init__(*args, **kwargs)
        usable = permissions.usable_photos(user) if user else Photo.objects.none()
        recent = usable.order_by("-uploaded_at").values_list("pk", flat=True)
        self.fields["photo"].queryset = Photo.objects.filter(
            pk__in=list(recent[:RECENT_PHOTOS])
        )
        self.fields[
            "photo"
        ].help_text = (
            "One of the newest photos you may use: yours, or ones readers see."
        )
        self.fields["authors"].queryset = permissions.update_authors(
            user, article
        ).order_by("name")
        self.fields["authors"].widget.attrs["size"] = 6
        own = Author.objects.filter(user=user).first() if user else None
        if own and not self.is_bound:
            self.initial["authors"] = [own.pk]


class CorrectUpdateForm(forms.ModelForm):
    class Meta:
        model = LiveUpdate
        fields = ["body", "pinned"]


class LiveDeskViews:
    """Mixed into StoryAdmin; each view asks articles.permissions."""

    def live_urls(self):
        route = self.route  # StoryWorkflowViews.route
        story = "<path:object_id>"
        return [
            route("live-desk/", self.live_desk_view, "live_desk"),
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

    def live_context(self, request, article):
        """The live panel of the story form."""
        if not article.live_coverage:
            return {}
        updates = (
            article.live_updates.filter(deleted_at__isnull=True)
            .select_related("created_by")
            .prefetch_related("authors")
        )
        return {
            "live_updates": updates,
            "can_post_live": permissions.can_post_live(request.user, article),
            "posts_at_once": permissions.posts_live_at_once(request.user),
            "can_approve": permissions.can_approve_update(request.user),
            "can_end_coverage": permissions.can_publish(request.user)
            and article.coverage_ended_at is None,
            "live_form": LiveUpdateForm(user=request.user, article=article),
        }

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
            return self._back(article)
        form = LiveUpdateForm(request.POST, user=request.user, article=article)
        if not permissions.can_post_live(request.user, article):
            raise PermissionDenied("You may not post updates to this story.")
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
            return self._back(article)
        action = actions.PostUpdate(
            article,
            body=form.cleaned_data["body"],
            authors=form.cleaned_data["authors"],
            photo=form.cleaned_data["photo"],
            pinned=form.cleaned_data["pinned"],
        )
        at_once = permissions.posts_live_at_once(request.user)
        self._run(
            request,
            action,
            "Update posted." if at_once else "Update sent to an editor.",
        )
        return self._back(article)

    def approve_update_view(self, request, object_id, pk):
        update = self._update(request, object_id, pk)
        if request.method == "POST":
            version = request.POST.get("version", "")
            action = actions.ApproveUpdate(
                update, version=int(version) if version.isdigit() else None
            )
            self._run(request, action, "Update published.")
        return self._back(update.article)

    def delete_update_view(self, request, object_id, pk):
        update = self._update(request, object_id, pk)
        if request.method == "POST":
            self._run(request, actions.DeleteUpdate(update), "Update deleted.")
        return self._back(update.article)

    def end_coverage_view(self, request, object_id):
        article = self._story(request, object_id)
        if request.method == "POST":
            self._run(request, actions.EndCoverage(article), "Live coverage ended.")
        return self._back(article)

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
            return self._back(update.article)
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
