"""How the story admin saves and deletes: the story and its inlines in one
SaveEdit action, corrections through their own actions, deletion through
DeleteStory. Mixed into StoryAdmin."""

from articles import actions
from articles.models import Correction
from desk.admin import autosave, story_panel


class StorySaving:
    def save_model(self, request, obj, form, change):
        """Nothing yet: the story is saved with its inlines in save_related,
        as one SaveEdit action."""

    def save_related(self, request, form, formsets, change):
        if change and story_panel.requested(request) and not _changed(form, formsets):
            # A panel button on an unchanged story: only the move is made
            # (and the admin's change message finds nothing changed).
            for formset in formsets:
                formset.new_objects = formset.changed_objects = []
                formset.deleted_objects = []
            return
        corrections = [fs for fs in formsets if fs.model is Correction]
        others = [fs for fs in formsets if fs.model is not Correction]
        parts = AdminParts(self, request, form, others)
        actions.SaveEdit(
            form.instance,
            base_version=form.cleaned_data.get("base_version"),
            parts=parts,
        ).execute(by=request.user)
        for formset in corrections:
            self.save_corrections(request, form.instance, formset)
        # Saved: what they typed is in the story now.
        autosave.discard(request.user, None if not change else form.instance)

    def save_corrections(self, request, article, formset):
        for correction in formset.save(commit=False):
            if correction.pk is None:
                action = actions.AddCorrection(
                    article, kind=correction.kind, text=correction.text
                )
            else:
                action = actions.ChangeCorrection(correction)
            action.execute(by=request.user)
        for correction in formset.deleted_objects:
            actions.DeleteCorrection(correction).execute(by=request.user)

    def delete_model(self, request, obj):
        actions.DeleteStory(obj).execute(by=request.user)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            self.delete_model(request, article)


def _changed(form, formsets):
    return form.has_changed() or any(formset.has_changed() for formset in formsets)


class AdminParts:
    """The story form's tags and its byline, credit and source inlines, written by
    SaveEdit once the story row is saved (a new story needs its id first)."""

    def __init__(self, model_admin, request, form, formsets):
        self.model_admin, self.request = model_admin, request
        self.form, self.formsets = form, formsets

    def write(self, article):
        self.form.save_m2m()
        for formset in self.formsets:
            self.model_admin.save_formset(self.request, self.form, formset, True)
