"""Corrections and editorial notes: the desk's additions around a story."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from articles import caching, permissions, revisions
from articles.models import Article, Correction, EditorialNote
from articles.models import Revision as R
from articles.workflow import WorkflowError


def add_correction(*, article, by, kind, text):
    """Append a dated correction; the story's “Updated” time moves with it."""
    _require_editor(by, "add")
    with transaction.atomic():
        correction = Correction(article=article, kind=kind, text=text)
        correction.full_clean()
        correction.save()
        _record(correction, by=by, done="Added", updated_at=correction.created_at)
    return correction


def change_correction(*, correction, by):
    """Save an edited correction (editors only); recorded, and it moves the
    story's “Updated” time like a new correction does."""
    _require_editor(by, "change")
    with transaction.atomic():
        correction.full_clean()
        correction.save()
        _record(correction, by=by, done="Changed", updated_at=timezone.now())
    return correction


def delete_correction(*, correction, by):
    """Remove a correction (editors only); the removal is recorded."""
    _require_editor(by, "delete")
    with transaction.atomic():
        correction.delete()
        _record(correction, by=by, done="Deleted")


def _require_editor(user, action):
    if not permissions.can_manage_corrections(user):
        raise PermissionDenied(f"Only editors {action} corrections.")


def _record(correction, *, by, done, updated_at=None):
    """The revision (and, for an added or changed one, the story's new
    “Updated” time and version) that goes with a correction; pages go stale."""
    article = correction.article
    if updated_at is not None:
        Article.objects.filter(pk=article.pk).update(
            updated_at=updated_at, version=F("version") + 1
        )
        article.refresh_from_db()
    kind = correction.get_kind_display().lower()
    revisions.record(
        article,
        by=by,
        kind=R.Kind.CORRECTION,
        message=f"{done} {kind}: {correction.text[:200]}",
    )
    caching.bump()


def add_note(*, article, by, text):
    if not permissions.can_comment(by, article):
        raise PermissionDenied("You may not comment on this story.")
    note = EditorialNote(article=article, author=by, text=text.strip())
    try:
        note.full_clean()
    except ValidationError as error:
        raise WorkflowError("; ".join(error.messages)) from error
    note.save()
    return note


def resolve_note(*, note, by):
    if not permissions.can_resolve_note(by, note):
        raise PermissionDenied("You may not resolve this note.")
    note.resolved, note.resolved_by, note.resolved_at = True, by, timezone.now()
    note.save(update_fields=["resolved", "resolved_by", "resolved_at"])
    return note
