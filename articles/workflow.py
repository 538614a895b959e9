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

from articles import caching, permissions, revisions
from articles.models import (
    Article,
    EditorialNote,
)
from articles.models import Revision as R
from articles.text import strip_control_characters

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
    note = strip_control_characters(note)
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
        caching.bump()
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


def _first_published(article, at):
    """Keep a first publication that really happened; a scheduled one that
    never came does not count."""
    first = article.first_published_at
    return first if first is not None and first <= timezone.now() else at


def _check_unpublish(article, at):
    if article.unpublish_at is not None and article.unpublish_at <= at:
        raise WorkflowError(
            "The story's unpublish time comes before it would go live; change or "
            "clear “Unpublish at” first."
        )


def publish(*, article, by):
    """Editor releases the story now. Returns warnings worth showing."""
    now = timezone.now()
    _check_unpublish(article, now)
    first = _first_published(article, now)
    _move(
        article, TRANSITIONS["publish"], by=by, publish_at=now, first_published_at=first
    )
    return publish_warnings(article)


def schedule(*, article, by, at: datetime):
    """Editor releases the story at a future moment; live() does the rest."""
    if at is None or at <= timezone.now():
        raise WorkflowError("Choose a time in the future to schedule the story.")
    _check_unpublish(article, at)
    first = _first_published(article, at)
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
