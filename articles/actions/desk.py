"""The desk's additions around a story: corrections readers see, and notes
between writer and editor that they never see."""

from django.utils import timezone

from articles import permissions
from articles.actions.base import clean
from articles.actions.stories import StoryAction
from articles.models import Article, Correction, EditorialNote, Revision
from articles.text import strip_control_characters


class CorrectionAction(StoryAction):
    """Corrections are the editors': recorded as a revision of the story, and
    an added or changed one moves the story's “Updated” time."""

    verb = done = ""

    def __init__(self, correction):
        super().__init__(correction.article)
        self.correction = correction

    @property
    def denied(self):
        return f"Only editors {self.verb} corrections."

    def permits(self, user):
        return permissions.can_manage_corrections(user)

    def subject(self):
        return self.correction

    def perform(self, change):
        correction = self.correction
        self.apply(correction)
        when = self.updated_at(correction)
        if when is not None:
            Article.objects.filter(pk=self.article.pk).update(updated_at=when)
        kind = correction.get_kind_display().lower()
        change.revise(
            self.article,
            kind=Revision.Kind.CORRECTION,
            message=f"{self.done} {kind}: {correction.text[:200]}",
        )
        return correction


class AddCorrection(CorrectionAction):
    """Append a dated correction to a story."""

    name, label = "add_correction", "Add correction"
    verb, done = "add", "Added"

    def __init__(self, article, *, kind, text, created_at=None):
        correction = Correction(article=article, kind=kind, text=text)
        if created_at is not None:
            correction.created_at = created_at
        super().__init__(correction)

    def apply(self, correction):
        correction.article = self.article
        clean(correction)
        correction.save()

    def updated_at(self, correction):
        return correction.created_at


class ChangeCorrection(CorrectionAction):
    """Save an edited correction (the instance carries the new text)."""

    name, label = "change_correction", "Change correction"
    verb, done = "change", "Changed"

    def apply(self, correction):
        clean(correction)
        correction.save()

    def updated_at(self, correction):
        return timezone.now()


class DeleteCorrection(CorrectionAction):
    name, label = "delete_correction", "Delete correction"
    verb, done = "delete", "Deleted"

    def apply(self, correction):
        correction.delete()

    def updated_at(self, correction):
        return None


class AddNote(StoryAction):
    """A staff-only comment on a story, from anyone who may open it."""

    name, label = "add_note", "Add note"
    denied = "You may not comment on this story."

    def __init__(self, article, *, text):
        super().__init__(article)
        self.text = strip_control_characters(text or "").strip()

    def permits(self, user):
        return permissions.can_comment(user, self.article)

    def perform(self, change):
        note = EditorialNote(article=self.article, author=change.by, text=self.text)
        clean(note)
        note.save()
        return note


class ResolveNote(StoryAction):
    """Mark a note dealt with: its author or an editor."""

    name, label = "resolve_note", "Resolve"
    denied = "You may not resolve this note."

    def __init__(self, note):
        super().__init__(note.article)
        self.note = note

    def permits(self, user):
        return permissions.can_resolve_note(user, self.note)

    def perform(self, change):
        note = self.note
        note.resolved, note.resolved_by, note.resolved_at = (
            True,
            change.by,
            timezone.now(),
        )
        note.save(update_fields=["resolved", "resolved_by", "resolved_at"])
        return note
