"""Sign-ins, changes to users, groups and permissions, and second factors
removed, as audit entries.

Receivers are scoped to the auth models (and the login signals), so a change
made in the admin, a shell or a migration is logged the same way; the
person and address come from the request when there is one.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone

from audit import log as audit
from audit.models import FailedSignInWindow

#: The most of a typed name a failed sign-in keeps.
NAME_LENGTH = 150
#: Failed sign-ins are sampled per stretch of this many minutes.
WINDOW_MINUTES = 10

_BEFORE = "_audit_before"


def signed_in(sender, request, user, **kwargs):
    audit.record("sign_in", actor=user, subject=user)


def signed_out(sender, request, user, **kwargs):
    if user is not None:
        audit.record("sign_out", actor=user, subject=user)


def sign_in_failed(sender, credentials, request=None, **kwargs):
    """Log a failed sign-in: the name typed (cut to NAME_LENGTH), never the
    password; no person is signed in. Past the sample of a window, failures
    are only counted (`failed_sign_ins`)."""
    if not sampled():
        return
    name = str(credentials.get("username", ""))[:NAME_LENGTH]
    audit.record(
        "sign_in_failed",
        actor_name=name,
        as_request_user=False,  # whoever else is signed in did not type it
        ident=("auth.User", "", name),
        changes={"username": [None, name]},
    )


def sampled():
    """Count one failed sign-in in the current window; is it one of the
    window's first NEWSROOM_FAILED_SIGN_INS_LOGGED, to be logged in full?
    The first failure of a window also sums up earlier windows whose
    failures were counted, not logged (one entry each)."""
    now = timezone.now()
    starts_at = now - timedelta(
        minutes=now.minute % WINDOW_MINUTES,
        seconds=now.second,
        microseconds=now.microsecond,
    )
    limit = settings.NEWSROOM_FAILED_SIGN_INS_LOGGED
    with transaction.atomic():
        window, created = FailedSignInWindow.objects.select_for_update().get_or_create(
            starts_at=starts_at
        )
        if created:
            summarise_before(starts_at)
        if window.logged < limit:
            window.logged += 1
            window.save(update_fields=["logged"])
            return True
        window.counted += 1
        window.save(update_fields=["counted"])
    return False


def summarise_before(starts_at):
    """One entry for each earlier window that counted failures it did not
    log; windows older than a day are forgotten once summed up."""
    FailedSignInWindow.objects.filter(
        starts_at__lt=starts_at - timedelta(days=1)
    ).exclude(counted__gt=0, summarised=False).delete()
    for window in FailedSignInWindow.objects.filter(
        starts_at__lt=starts_at, counted__gt=0, summarised=False
    ):
        audit.record(
            "sign_in_failures_counted",
            as_request_user=False,
            ident=("auth.User", "", f"{window.counted} more failed sign-ins"),
            changes={
                "from": window.starts_at.isoformat(),
                "minutes": WINDOW_MINUTES,
                "logged": window.logged,
                "counted": window.counted,
            },
        )
        window.summarised = True
        window.save(update_fields=["summarised"])


def remember(sender, instance, raw=False, **kwargs):
    if not raw:
        setattr(instance, _BEFORE, audit.snapshot(instance))


def saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields and set(update_fields) <= {"last_login"}):
        return  # fixtures; the sign-in entry covers last_login
    changes = audit.diff(getattr(instance, _BEFORE, {}), audit.snapshot(instance))
    if changes or created:
        name = sender._meta.model_name
        audit.record(
            f"{'add' if created else 'change'}_{name}",
            subject=instance,
            changes=changes,
        )


def deleted(sender, instance, **kwargs):
    audit.record(f"delete_{sender._meta.model_name}", subject=instance)


def device_deleted(sender, instance, **kwargs):
    """A second factor removed, by its owner or an administrator."""
    audit.record(
        f"delete_{sender._meta.model_name}",
        ident=("auth.User", str(instance.user_id), ""),
        changes={"factor": [instance.name, None]},
    )


def _names(model, pks):
    if model is Permission:
        rows = model.objects.filter(pk__in=pks).select_related("content_type")
        return sorted(f"{p.content_type.app_label}.{p.codename}" for p in rows)
    return sorted(str(row) for row in model.objects.filter(pk__in=pks))


def memberships_changed(field):
    """A receiver for one many-to-many field: user.groups,
    user.user_permissions or group.permissions."""

    def receiver(sender, instance, action, reverse, model, pk_set, **kwargs):
        if action == "pre_clear":
            if reverse:  # a group emptied: the users it had
                cleared = model.objects.filter(**{field: instance})
            else:
                cleared = getattr(instance, field).all()
            pks = set(cleared.values_list("pk", flat=True))
            setattr(instance, f"_audit_{field}", pks)
            return
        if action not in {"post_add", "post_remove", "post_clear"}:
            return
        if action == "post_clear":
            pk_set = getattr(instance, f"_audit_{field}", set())
        if not pk_set:
            return
        verb = "added" if action == "post_add" else "removed"
        if reverse:
            # Seen from the other side (a group's users, a permission's
            # groups): log it on each changed owner.
            owners = model.objects.filter(pk__in=pk_set)
            names = _names(type(instance), [instance.pk])
            for owner in owners:
                audit.record(
                    f"change_{owner._meta.model_name}_{field}",
                    subject=owner,
                    changes={field: {verb: names}},
                )
            return
        audit.record(
            f"change_{type(instance)._meta.model_name}_{field}",
            subject=instance,
            changes={field: {verb: _names(model, pk_set)}},
        )

    return receiver


_receivers = []


def connect():
    User = get_user_model()
    user_logged_in.connect(signed_in, dispatch_uid="audit_sign_in")
    user_logged_out.connect(signed_out, dispatch_uid="audit_sign_out")
    user_login_failed.connect(sign_in_failed, dispatch_uid="audit_sign_in_failed")
    for model in (User, Group):
        uid = f"audit_{model._meta.label}"
        pre_save.connect(remember, sender=model, dispatch_uid=uid)
        post_save.connect(saved, sender=model, dispatch_uid=uid)
        post_delete.connect(deleted, sender=model, dispatch_uid=uid)
    from django_otp import device_classes

    for model in device_classes():  # every kind of second factor installed
        post_delete.connect(
            device_deleted, sender=model, dispatch_uid=f"audit_{model._meta.label}"
        )
    for model, field in (
        (User, "groups"),
        (User, "user_permissions"),
        (Group, "permissions"),
    ):
        receiver = memberships_changed(field)
        _receivers.append(receiver)  # signals hold receivers weakly
        m2m_changed.connect(
            receiver,
            sender=getattr(model, field).through,
            dispatch_uid=f"audit_{model._meta.label}_{field}",
        )
