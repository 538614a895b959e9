"""Moves between the states of a story: submit, send back, publish, schedule,
withdraw, restore to draft.

Each is one class; defining it registers it, and the admin shows its button
to whoever it `permits` while the story is in one of its `sources` states.
To add a transition, write its class here and a test.
"""

from datetime import UTC
from typing import ClassVar

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.timezone import get_current_timezone, is_naive, make_aware

from articles import body, permissions, writing_checks
from articles.actions.base import ActionError, NotAllowedNow, PublishBlocked
from articles.actions.stories import StoryAction
from articles.models import Article, EditorialNote, Photo, Revision
from articles.text import strip_control_characters

Status = Article.Status

#: Every transition by name, in the order its buttons show; filled by
#: Transition.__init_subclass__.
REGISTRY = {}


class Transition(StoryAction):
    sources: ClassVar[frozenset]
    target: ClassVar[str]
    #: The form field the button needs: a note ("" for none) or a time.
    note_label: ClassVar[str] = ""
    note_required: ClassVar[bool] = False
    asks_time: ClassVar[bool] = False
    primary: ClassVar[bool] = False
    #: What it does to readers, for a transition asked to confirm first ("" for
    #: none): the desk shows it on a page of its own before the button.
    confirm: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "name" in cls.__dict__:
            REGISTRY[cls.name] = cls

    def __init__(self, article, *, note=""):
        super().__init__(article)
        self.note = strip_control_characters(note or "").strip()

    @classmethod
    def from_form(cls, article, data):
        """The transition as the admin's button form asks for it."""
        if cls.note_label:
            return cls(article, note=data.get("note", ""))
        return cls(article)

    @property
    def denied(self):
        return f"You may not {self.label.lower()} this story."

    def permits(self, user):
        return permissions.can_publish(user)

    def details(self):
        return {"note": self.note} if self.note else {}

    def state_allows(self):
        return self.article.status in self.sources

    def available(self, user):
        """May `user` see this transition's button now?"""
        return self.state_allows() and self.permits(user)

    def validate(self):
        if not self.state_allows():
            raise NotAllowedNow(
                f"A story that is {self.article.get_status_display().lower()} "
                f"cannot be moved with “{self.label}”."
            )

    def changes(self):
        """Fields besides `status` this transition sets."""
        return {}

    def perform(self, change):
        article = self.article
        from_status = article.status
        fields = {"status": self.target, **self.changes()}
        for field, value in fields.items():
            setattr(article, field, value)
        article.save(update_fields=[*fields, "modified_at"])
        change.revise(
            article,
            kind=Revision.Kind.TRANSITION,
            message=self.note or self.label,
            from_status=from_status,
            to_status=article.status,
        )
        if self.note:
            EditorialNote.objects.create(
                article=article, author=change.by, text=self.note
            )
        return article


class Submit(Transition):
    """A writer hands a draft to the editors."""

    name, label = "submit", "Submit for review"
    sources, target = frozenset({Status.DRAFT}), Status.IN_REVIEW
    primary = True

    def permits(self, user):
        return permissions.can_submit(user, self.article)


class SendBack(Transition):
    """An editor returns a story in review to its writer, saying what to fix."""

    name, label = "send_back", "Send back to writer"
    sources, target = frozenset({Status.IN_REVIEW}), Status.DRAFT
    note_label, note_required = "What needs fixing", True

    def validate(self):
        super().validate()
        if not self.note:
            raise ActionError("Say what needs fixing when sending a story back.")


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
    no_alt = [
        str(n)
        for n, item in enumerate(article.gallery.select_related("photo"), 1)
        if not item.photo.alt_text.strip()
    ]
    if no_alt:
        problems.append(f"gallery photo {', '.join(no_alt)} needs alt text")
    inline = Photo.objects.filter(pk__in=body.photo_ids(article.body))
    problems += body.problems(article.body, dict(inline.values_list("pk", "alt_text")))
    return problems


def publish_warnings(article):
    """Worth a look but no reason to stop publication (articles.writing_checks)."""
    return writing_checks.warnings(article)


class Release(Transition):
    """Publish and Schedule: the story goes live at `self.at`."""

    sources, target = frozenset({Status.DRAFT, Status.IN_REVIEW}), Status.PUBLISHED

    def state_allows(self):
        # A scheduled story (published, not yet live) can be re-timed or
        # published now.
        return super().state_allows() or self.article.is_scheduled

    def validate(self):
        super().validate()
        unpublish_at = self.article.unpublish_at
        if unpublish_at is not None and unpublish_at <= self.at:
            raise ActionError(
                "The story's unpublish time comes before it would go live; change "
                "or clear “Unpublish at” first."
            )
        problems = publish_problems(self.article)
        if problems:
            raise PublishBlocked(problems)

    def changes(self):
        # A first publication that really happened stays; a scheduled one
        # that never came does not count.
        first = self.article.first_published_at
        if first is None or first > timezone.now():
            first = self.at
        return {"publish_at": self.at, "first_published_at": first}

    def perform(self, change):
        article = super().perform(change)
        self.warnings = publish_warnings(article)
        return article


class Publish(Release):
    """An editor releases the story now, or as of a past moment (imports and
    the demo bring stories that went out before)."""

    name, label = "publish", "Publish now"
    primary = True

    def __init__(self, article, *, at=None):
        super().__init__(article)
        self.requested = at

    def validate(self):
        self.at = self.requested or timezone.now()
        if self.at > timezone.now():
            raise ActionError("Schedule a story that should go out later.")
        super().validate()


class Schedule(Release):
    """An editor releases the story at a future moment; live() does the rest."""

    name, label = "schedule", "Schedule"
    asks_time = True

    def __init__(self, article, *, at=None):
        super().__init__(article)
        self.at = at

    @classmethod
    def from_form(cls, article, data):
        return cls(article, at=parse_local_time(data.get("publish_at")))

    def validate(self):
        if self.at is None or self.at <= timezone.now():
            raise ActionError("Choose a time in the future to schedule the story.")
        super().validate()


class Withdraw(Transition):
    """An editor takes a published story off the site."""

    name, label = "withdraw", "Withdraw"
    sources, target = frozenset({Status.PUBLISHED}), Status.WITHDRAWN
    note_label = "Reason (optional)"
    confirm = (
        "Readers lose this story at once: its address answers that it is gone, "
        "and it leaves every list, feed and search. An editor can restore it to "
        "draft later; it does not come back by itself."
    )


class RestoreToDraft(Transition):
    """An editor brings a withdrawn story back to draft (it does not go live)."""

    name, label = "restore_to_draft", "Restore to draft"
    sources, target = frozenset({Status.WITHDRAWN}), Status.DRAFT


def parse_local_time(value):
    """A date-time typed in the newsroom's time zone, or None if it is not one."""
    try:
        when = parse_datetime((value or "")[:40])
        if when is not None and is_naive(when):
            when = make_aware(when, get_current_timezone())
        if when is not None:
            when.astimezone(UTC)  # the database stores UTC: must fit there too
    except (ValueError, OverflowError):
        return None
    return when


def available(user, article):
    """The transitions `user` may make on `article` now, for its buttons."""
    return [
        transition
        for cls in REGISTRY.values()
        if (transition := cls(article)).available(user)
    ]
