"""The audit log: who did what, to which object, when, from where, and how
it changed (audit.models.AuditEntry).

Three doors write to it, and nothing else does:

- every action (articles.actions) records itself in its own transaction, so
  an entry exists exactly when the change does;
- sign-ins and second factors (audit.accounts on Django's signals; the
  desk's two-factor views call `record`);
- changes to users, groups and permissions, from the admin or a shell
  (audit.accounts, on signals scoped to those models).

The person and address come from the request being served
(audit.context); a management command or the task worker has none.
"""

from audit.context import current_request
from audit.models import AuditEntry
from network import client_address

#: Fields a diff leaves out: bookkeeping every save moves, or stored output.
SKIPPED = {
    "version",
    "card_version",
    "modified_at",
    "updated_at",
    "last_login",
    "renditions",
    "picture_renditions",
    "search_vector",
}
#: Fields whose values never go into the log, only that they changed.
SECRET = {"password"}
#: Longer text is logged by its length: the revisions keep the words.
LONGEST_VALUE = 300


def identify(instance):
    """(type label, id, name) of a model instance, or blanks for None."""
    if instance is None:
        return "", "", ""
    pk = "" if instance.pk is None else str(instance.pk)
    return instance._meta.label, pk, str(instance)[:200]


def snapshot(instance):
    """The stored field values of `instance` ({} when it is not stored)."""
    if instance is None or instance.pk is None:
        return {}
    model = type(instance)
    names = [
        field.attname
        for field in model._meta.concrete_fields
        if field.attname not in SKIPPED
    ]
    row = model._base_manager.filter(pk=instance.pk).values(*names).first()
    return row or {}


def _shown(name, value):
    if name in SECRET:
        return "…"
    if isinstance(value, str) and len(value) > LONGEST_VALUE:
        return f"({len(value)} characters)"
    return value


def diff(before, after):
    """{field: [before, after]} for every field whose value moved."""
    changes = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old != new:
            changes[name] = [_shown(name, old), _shown(name, new)]
    return changes


def record(
    action,
    *,
    actor=None,
    actor_name="",
    subject=None,
    changes=None,
    ident=None,
    as_request_user=True,
):
    """Write one entry. The person defaults to the request's signed-in user
    (not for a failed sign-in: `as_request_user` off); the address is the
    request's."""
    request = current_request()
    if actor is None and as_request_user and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = user
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    object_type, object_id, object_repr = ident or identify(subject)
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=(actor.get_username() if actor else actor_name)[:150],
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr,
        changes=changes or {},
        address=client_address(request),
    )


def record_action(action, *, by, before, ident):
    """Log a finished action: its subject's fields before and after, and
    whatever the action adds (`details()`)."""
    subject = action.subject()
    if subject is not None and subject.pk is not None:
        ident = identify(subject)
    changes = diff(before, snapshot(subject))
    changes.update(action.details())
    return record(action.name, actor=by, changes=changes, ident=ident)
