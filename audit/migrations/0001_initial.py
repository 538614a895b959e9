"""AuditEntry moves here from articles, keeping its table (and the
append-only triggers on it): nothing changes in the database; articles
migration 0024 drops it from articles' state and moves its content type."""

import django.core.serializers.json
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("articles", "0023_autosave_typed_at"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEntry",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "actor_name",
                            models.CharField(
                                blank=True, max_length=150, verbose_name="person"
                            ),
                        ),
                        (
                            "action",
                            models.CharField(max_length=60, verbose_name="action"),
                        ),
                        (
                            "object_type",
                            models.CharField(
                                blank=True, max_length=100, verbose_name="object type"
                            ),
                        ),
                        (
                            "object_id",
                            models.CharField(
                                blank=True, max_length=64, verbose_name="object id"
                            ),
                        ),
                        (
                            "object_repr",
                            models.CharField(
                                blank=True, max_length=200, verbose_name="object"
                            ),
                        ),
                        (
                            "changes",
                            models.JSONField(
                                blank=True,
                                default=dict,
                                encoder=django.core.serializers.json.DjangoJSONEncoder,
                                help_text="Field: [before, after].",
                                verbose_name="changes",
                            ),
                        ),
                        (
                            "address",
                            models.GenericIPAddressField(
                                blank=True, null=True, verbose_name="address"
                            ),
                        ),
                        (
                            "at",
                            models.DateTimeField(
                                auto_now_add=True, db_index=True, verbose_name="when"
                            ),
                        ),
                        (
                            "actor",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="person",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "articles_auditentry",
                        "verbose_name": "audit entry",
                        "verbose_name_plural": "audit log",
                        "ordering": ["-at", "-pk"],
                        "indexes": [
                            models.Index(
                                fields=["actor", "-at"], name="audit_by_person"
                            ),
                            models.Index(
                                fields=["action", "-at"], name="audit_by_action"
                            ),
                            models.Index(
                                fields=["object_type", "object_id"],
                                name="audit_by_object",
                            ),
                        ],
                    },
                ),
            ]
        )
    ]
