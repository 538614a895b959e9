"""The shape of every action, and the errors an action may raise."""

from typing import ClassVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from articles.actions.commit import Change
from audit import log as audit


class ActionError(Exception):
    """A change the target's state or content does not allow; says why."""


class NotAllowedNow(ActionError):
    """The action does not apply to the target in its present state."""


class PublishBlocked(ActionError):
    def __init__(self, problems):
        self.problems = problems
        super().__init__(
            "This story cannot be published yet: " + "; ".join(problems) + "."
        )


class ConcurrentEdit(ActionError):
    """Someone saved the story after this editor opened it."""


def clean(instance):
    """Validate `instance` as a form would, saying what is wrong as an
    ActionError (scripts and the admin show it the same way)."""
    try:
        instance.full_clean()
    except ValidationError as error:
        raise ActionError("; ".join(error.messages)) from error


class Action:
    """One change a person makes: checked, atomic, committed in one step.

    A subclass names itself (`name`, `label`), says who may run it in
    `permits(user)` (which asks articles.permissions, nothing else), may
    re-read its target under a lock in `prepare()` and refuse its state in
    `validate()`, and does its work in `perform(change)`, telling `change`
    what it touched. `execute(by=user)` runs those steps in one transaction
    and ends with the commit step (articles.actions.commit).
    """

    name: ClassVar[str]
    label: ClassVar[str]
    denied: ClassVar[str] = "You may not do this."
    #: Logged in the audit log (audit.log); off only for the worker's
    #: follow-ups of an action that was logged.
    audited: ClassVar[bool] = True

    def __init__(self):
        #: Worth showing after success, no reason to stop (publish warnings).
        self.warnings = []

    def permits(self, user):
        raise NotImplementedError

    def check(self, user):
        """Raise PermissionDenied unless `user` may run this action."""
        if not self.permits(user):
            raise PermissionDenied(self.denied)

    def prepare(self):
        """Re-read the target inside the transaction, locked where it matters."""

    def validate(self):
        """Raise ActionError when the target's state or content forbids this."""

    def perform(self, change):
        raise NotImplementedError

    def subject(self):
        """The record this action is about, for the audit log."""
        return None

    def details(self):
        """What the audit log notes besides the subject's changed fields."""
        return {}

    def execute(self, *, by):
        """Run the action for `by`; returns what `perform` returns."""
        with transaction.atomic():
            self.prepare()
            self.check(by)
            self.validate()
            before = audit.snapshot(self.subject()) if self.audited else {}
            ident = audit.identify(self.subject())
            change = Change(by=by)
            result = self.execute_steps(change)
            change.commit()
            if self.audited:
                audit.record_action(self, by=by, before=before, ident=ident)
        return result

    def execute_steps(self, change):
        """`perform`, with whatever a family of actions notes first."""
        return self.perform(change)
