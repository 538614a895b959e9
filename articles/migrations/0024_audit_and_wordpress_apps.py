"""The audit log and the WordPress import's record are apps of their own
now (audit, wordpress). Their tables stay; articles forgets the models, and
their content types (with the permissions granted on them) move along."""

from django.db import migrations

MOVED = {"auditentry": "audit", "importeditem": "wordpress"}


def move_content_types(apps, schema_editor, *, forward=True):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, app_label in MOVED.items():
        old, new = ("articles", app_label) if forward else (app_label, "articles")
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def move_back(apps, schema_editor):
    move_content_types(apps, schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0023_autosave_typed_at"),
        ("audit", "0001_initial"),
        ("wordpress", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="AuditEntry"),
                migrations.DeleteModel(name="ImportedItem"),
            ]
        ),
        migrations.RunPython(move_content_types, move_back),
    ]
