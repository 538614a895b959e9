"""Every change to a story's state goes through here.

Each function checks permission (articles.permissions), changes the story
atomically, bumps its version and records a revision with who, when, from, to
and why. The admin, scripts and tests call these and nothing else.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from articles import permissions, revisions, search
from articles.models import Article, Byline, Citation, EditorialNote, SlugRedirect
from articles.models import Revision as R

Status = Article.Status


class WorkflowError(Exception):
    """A change the story's state or content does not allow; says why."""


class TransitionNotAllowed(WorkflowError):
    pass


class PublishBlocked(WorkflowError):
    def __init__(self, problems):
        self.problems = problems
        super().__init__(
            "This story cannot be published yet: " + "; ".join(problems) + "."
        )


class ConcurrentEdit(WorkflowError):
    """Someone saved the story after this editor opened it."""


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset
    target: str


TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "submit", "Submit for review", frozenset({Status.DRAFT}), Status.IN_REVIEW
        ),
        Transition(
            "send_back",
            "Send back to writer",
            frozenset({Status.IN_REVIEW}),
            Status.DRAFT,
        ),
        Transition(
            "publish",
            "Publish now",
            frozenset({Status.DRAFT, Status.IN_REVIEW}),
            Status.PUBLISHED,
        ),
        Transition(
            "schedule",
            "Schedule",
            frozenset({Status.DRAFT, Status.IN_REVIEW}),
            Status.PUBLISHED,
        ),
        Transition(
            "withdraw", "Withdraw", frozenset({Status.PUBLISHED}), Status.WITHDRAWN
        ),
        Transition(
            "restore", "Restore to draft", frozenset({Status.WITHDRAWN}), Status.DRAFT
        ),
    ]
}


def allowed_transitions(user, article):
    """The transitions `user` may make on `article` now, for the buttons."""
    return [
        t
        for t in TRANSITIONS.values()
        if _state_allows(t, article)
        and permissions.can_transition(user, article, t.name)
    ]


def _state_allows(transition, article):
    if article.status in transition.sources:
        return True
    # A scheduled story (published, not yet live) can be re-timed or published now.
    return transition.name in {"publish", "schedule"} and article.is_scheduled


def publish_problems(article):
    """Everything missing before a story may go out, listed together."""
    problems = []
    if not article.headline.strip():
        problems.append("a headline is missing")
    if not article.slug:
        problems.append("a slug is missing")
    if not article.body.strip():
        problems.append("the body is empty")
    if article.section_id is None:
        problems.append("choose a section")
    if not article.bylines.exists():
        problems.append("add at least one byline")
    if not article.tags.exists():
        problems.append("add at least one tag")
    photo = article.lead_photo
    if photo is not None:
        if not photo.alt_text.strip():
            problems.append("the lead photo needs alt text")
        if not photo.credit.strip():
            problems.append("the lead photo needs a credit")
    return problems


def publish_warnings(article):
    """Worth a look but no reason to stop publication."""
    if not article.citations.exists():
        return ["This story lists no sources."]
    return []


def _locked(article):
    return Article.objects.select_for_update().get(pk=article.pk)


def _move(article, transition, *, by, note="", **changes):
    with transaction.atomic():
        current = _locked(article)
        if not permissions.can_transition(by, current, transition.name):
            raise PermissionDenied(
                f"You may not {transition.label.lower()} this story."
            )
        if not _state_allows(transition, current):
            raise TransitionNotAllowed(
                f"A story that is {current.get_status_display().lower()} cannot be "
                f"moved with “{transition.label}”."
            )
        if transition.target == Status.PUBLISHED:
            problems = publish_problems(current)
            if problems:
                raise PublishBlocked(problems)
        from_status = current.status
        current.status = transition.target
        for field, value in changes.items():
            setattr(current, field, value)
        current.version = F("version") + 1
        current.save()
        current.refresh_from_db()
        revisions.record(
            current,
            by=by,
            kind=R.Kind.TRANSITION,
            message=note or transition.label,
            from_status=from_status,
            to_status=current.status,
        )
        if note:
            EditorialNote.objects.create(article=current, author=by, text=note)
    article.refresh_from_db()
    return current


def submit(*, article, by):
    """Writer hands a draft to the editors."""
    return _move(article, TRANSITIONS["submit"], by=by)


def send_back(*, article, by, note):
    """Editor returns a story in review to its writer, saying what to fix."""
    if not note.strip():
        raise WorkflowError("Say what needs fixing when sending a story back.")
    return _move(article, TRANSITIONS["send_back"], by=by, note=note.strip())


def publish(*, article, by):
    """Editor releases the story now. Returns warnings worth showing."""
    now = timezone.now()
    first = article.first_published_at or now
    _move(
        article, TRANSITIONS["publish"], by=by, publish_at=now, first_published_at=first
    )
    return publish_warnings(article)


def schedule(*, article, by, at: datetime):
    """Editor releases the story at a future moment; live() does the rest."""
    if at is None or at <= timezone.now():
        raise WorkflowError("Choose a time in the future to schedule the story.")
    first = article.first_published_at or at
    _move(
        article, TRANSITIONS["schedule"], by=by, publish_at=at, first_published_at=first
    )
    return publish_warnings(article)


def withdraw(*, article, by, note=""):
    """Editor takes a published story off the site."""
    return _move(article, TRANSITIONS["withdraw"], by=by, note=note.strip())


def restore(*, article, by):
    """Editor brings a withdrawn story back to draft (it does not go live)."""
    return _move(article, TRANSITIONS["restore"], by=by)


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
        article.section_id = snap["section"]
        article.lead_photo_id = snap["lead_photo"]
        article.version = F("version") + 1
        article.save()
        article.refresh_from_db()
        article.bylines.all().delete()
        Byline.objects.bulk_create(
            Byline(article=article, author_id=byline["author"], position=position)
            for position, byline in enumerate(snap["bylines"])
        )
        article.tags.set(snap["tags"])
        article.citations.all().delete()
        Citation.objects.bulk_create(
            Citation(article=article, position=position, **citation)
            for position, citation in enumerate(snap["citations"])
        )
        _remember_old_slug(stored_slug, article)
        search.index_article(article)
        return revisions.record(
            article,
            by=by,
            kind=R.Kind.RESTORED,
            message=f"Restored revision #{revision.number}",
        )
