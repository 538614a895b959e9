"""Give the editors' powers names of their own and grant them to the Editor group.

Until now the code recognised an editor by the group's name; from here on it
asks for these permissions, so a renamed group keeps its powers and a power
can be given to one person directly.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

POWERS = [
    ("edit_any_article", "Can open and edit every story in any state"),
    ("publish_article", "Can publish, schedule, withdraw and send back"),
    ("manage_corrections", "Can add, change and delete corrections"),
    ("manage_top_stories", "Can curate the Top Stories feed"),
]
GRANTS = {"Editor": [codename for codename, _ in POWERS]}


def grant_powers(apps, schema_editor):
    articles = apps.get_app_config("articles")
    previous = getattr(articles, "models_module", None)
    articles.models_module = True  # permissions are normally made after migrating
    create_permissions(articles, apps=apps, verbosity=0)
    articles.models_module = previous
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="articles", codename__in=codenames
                )
            )


def revoke_powers(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="articles", codename__in=[c for c, _ in POWERS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_list_order_indexes"),
        ("articles", "0002_roles"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="article",
            options={
                "ordering": ["-publish_at", "-pk"],
                "permissions": POWERS,
                "verbose_name": "story",
                "verbose_name_plural": "stories",
            },
        ),
        migrations.RunPython(grant_powers, revoke_powers),
    ]
