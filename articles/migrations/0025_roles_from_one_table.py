"""The roles' permissions come from one table (articles.roles), which the
tests use too: grant what it says, adding to what each group holds."""

from django.db import migrations

from articles import roles


def grant_roles(apps, schema_editor):
    roles.grant(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0024_audit_and_wordpress_apps"),
        (
            "taggit",
            "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx",
        ),
    ]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
