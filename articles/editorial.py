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
    if not permissions.can_manage_corrections(by):
        raise PermissionDenied("Only editors add corrections.")
    with transaction.atomic():
        correction = Correction(article=article, kind=kind, text=text)
        correction.full_clean()
        correction.save()
        Article.objects.filter(pk=article.pk).update(
            updated_at=correction.created_at, version=F("version") + 1
        )
        article.refresh_from_db()
        revisions.record(
            article,
            by=by,
            kind=R.Kind.CORRECTION,
            message=f"Added {correction.get_kind_display().lower()}: {text[:200]}",
        )
        caching.bump()
    return correction


def change_correction(*, correction, by):
    """Save an edited correction (editors only); the change is recorded and
    moves the story's “Updated” time like a new correction does."""
    if not permissions.can_manage_corrections(by):
        raise PermissionDenied("Only editors change corrections.")
    with transaction.atomic():
        correction.full_clean()
        correction.save()
        article = correction.article
        Article.objects.filter(pk=article.pk).update(
            updated_at=timezone.now(), version=F("version") + 1
        )
        article.refresh_from_db()
        revisions.record(
            article,
            by=by,
            kind=R.Kind.CORRECTION,
            message=f"Changed {correction.get_kind_display().lower()}: "
            f"{correction.text[:200]}",
        )
        caching.bump()
    return correction


def delete_correction(*, correction, by):
    """Remove a correction (editors only); the removal is recorded."""
    if not permissions.can_manage_corrections(by):
        raise PermissionDenied("Only editors delete corrections.")
    with transaction.atomic():
        article = correction.article
        text = correction.text
        correction.delete()
        revisions.record(
            article,
            by=by,
            kind=R.Kind.CORRECTION,
            message=f"Deleted {correction.get_kind_display().lower()}: {text[:200]}",
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
