from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class AppendOnly(Exception):
    """An audit entry cannot be changed or deleted once written."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("Audit entries cannot be changed.")

    def delete(self):
        raise AppendOnly("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    """One thing a person (or the system) did: who, what, to which object,
    when, from where, and how it changed. Written once by audit.log;
    never changed or deleted, by anyone."""

    #: Kept without a database constraint: deleting a user keeps their
    #: entries, which still name them (`actor_name`).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="person",
    )
    actor_name = models.CharField("person", max_length=150, blank=True)
    action = models.CharField("action", max_length=60)
    object_type = models.CharField("object type", max_length=100, blank=True)
    object_id = models.CharField("object id", max_length=64, blank=True)
    object_repr = models.CharField("object", max_length=200, blank=True)
    changes = models.JSONField(
        "changes",
        default=dict,
        blank=True,
        encoder=DjangoJSONEncoder,
        help_text="Field: [before, after].",
    )
    address = models.GenericIPAddressField("address", null=True, blank=True)
    at = models.DateTimeField("when", auto_now_add=True, db_index=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        # The table it had as part of articles: the append-only triggers
        # (articles migration 0022) are on it.
        db_table = "articles_auditentry"
        verbose_name = "audit entry"
        verbose_name_plural = "audit log"
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["actor", "-at"], name="audit_by_person"),
            models.Index(fields=["action", "-at"], name="audit_by_action"),
            models.Index(fields=["object_type", "object_id"], name="audit_by_object"),
        ]

    def __str__(self):
        who = self.actor_name or "system"
        return f"{who}: {self.action} {self.object_repr}".strip()

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("Audit entries cannot be deleted.")


class FailedSignInWindow(models.Model):
    """How many failed sign-ins one stretch of time saw (audit.accounts):
    the first few are logged in full, the rest only counted here, so a flood
    of made-up names cannot grow the log without limit."""

    starts_at = models.DateTimeField("from", unique=True)
    logged = models.PositiveIntegerField("logged", default=0)
    counted = models.PositiveIntegerField("counted, not logged", default=0)
    summarised = models.BooleanField(default=False)

    class Meta:
        verbose_name = "failed sign-ins"
        verbose_name_plural = "failed sign-ins"

    def __str__(self):
        return f"Failed sign-ins from {self.starts_at:%Y-%m-%d %H:%M}"
