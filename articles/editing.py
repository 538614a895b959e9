"""Edits to a story's content: version-checked saves, revisions, restore.

State changes live in articles.workflow; this module saves what editors type
and brings back earlier revisions, with the same permission checks.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F

from articles import caching, permissions, revisions, search
from articles.models import (
    Article,
    Author,
    Byline,
    Citation,
    Photo,
    Section,
    SlugRedirect,
)
from articles.models import Revision as R
from articles.workflow import ConcurrentEdit, _locked


def save_article(*, article, by, base_version):
    """Save edits made from `base_version`, refusing if anyone saved since.

    The check is in the UPDATE itself (… WHERE version = base_version), so two
    simultaneous saves cannot both pass it.
    """
    if article.pk is None:
        if not permissions.can_edit(by, article):
            raise PermissionDenied("You may not create stories.")
        article.created_by = by
        article.version = 1
        article.save()
        return article
    stored = Article.objects.get(pk=article.pk)
    if not permissions.can_edit(by, stored):
        raise PermissionDenied("You may not change this story.")
    claimed = Article.objects.filter(pk=article.pk, version=base_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise ConcurrentEdit("The story was saved by someone else meanwhile.")
    # Status and publication times move only through transitions.
    article.status = stored.status
    article.publish_at = stored.publish_at
    article.first_published_at = stored.first_published_at
    article.version = base_version + 1
    article.save()
    _remember_old_slug(stored.slug, article)
    return article


def record_edit(*, article, by, created=False):
    """After a save, once bylines, tags and sources are saved too: record the
    revision and refresh the search index."""
    kind = R.Kind.CREATED if created else R.Kind.EDITED
    search.index_article(article)
    caching.bump()
    return revisions.record(article, by=by, kind=kind, message=kind.label)


def _remember_old_slug(old_slug, article):
    """A published story keeps answering at every address it has had."""
    if old_slug == article.slug:
        return
    SlugRedirect.objects.filter(old_slug=article.slug).delete()
    if article.first_published_at is not None:
        SlugRedirect.objects.update_or_create(
            old_slug=old_slug, defaults={"article": article}
        )


def restore_revision(*, revision, by):
    """Bring back an earlier revision's content as a new revision.

    Restoring never publishes: status and publication times stay as they are.
    """
    with transaction.atomic():
        article = _locked(revision.article)
        if not permissions.can_edit(by, article):
            raise PermissionDenied("You may not change this story.")
        snap = revision.snapshot
        for field in ["headline", "dek", "body"]:
            setattr(article, field, snap[field])
        stored_slug = article.slug
        slug_taken = Article.objects.filter(slug=snap["slug"]).exclude(pk=article.pk)
        redirected = SlugRedirect.objects.filter(old_slug=snap["slug"]).exclude(
            article=article
        )
        if not slug_taken.exists() and not redirected.exists():
            article.slug = snap["slug"]
        # What was deleted since the revision cannot come back with it.
        article.section_id = _existing(Section, snap["section"])
        article.lead_photo_id = _existing(Photo, snap["lead_photo"])
        article.version = F("version") + 1
        article.save()
        article.refresh_from_db()
        article.bylines.all().delete()
        authors = set(
            Author.objects.filter(
                pk__in=[byline["author"] for byline in snap["bylines"]]
            ).values_list("pk", flat=True)
        )
        Byline.objects.bulk_create(
            Byline(article=article, author_id=byline["author"], position=position)
            for position, byline in enumerate(snap["bylines"])
            if byline["author"] in authors
        )
        article.tags.set(snap["tags"])
        article.citations.all().delete()
        Citation.objects.bulk_create(
            Citation(article=article, position=position, **citation)
            for position, citation in enumerate(snap["citations"])
        )
        _remember_old_slug(stored_slug, article)
        search.index_article(article)
        caching.bump()
        return revisions.record(
            article,
            by=by,
            kind=R.Kind.RESTORED,
            message=f"Restored revision #{revision.number}",
        )


def _existing(model, pk):
    return pk if pk is not None and model.objects.filter(pk=pk).exists() else None
