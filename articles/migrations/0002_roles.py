"""Create the Writer and Editor groups with their model permissions.

What each role may do to which story (own drafts only, transitions) is decided
in articles/permissions.py; these model permissions only open the admin pages.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WRITER = {
    "articles": {
        "article": ["add", "change", "view"],
        "byline": ["add", "change", "delete", "view"],
        "citation": ["add", "change", "delete", "view"],
        "correction": ["view"],
        "photo": ["add", "change", "view"],
        "author": ["view"],
        "section": ["view"],
    },
}
ALL = ["add", "change", "delete", "view"]
EDITOR = {
    "articles": dict.fromkeys(
        [
            "article",
            "byline",
            "citation",
            "correction",
            "photo",
            "author",
            "section",
            "topstory",
        ],
        ALL,
    ),
    "taggit": {"tag": ALL},
}
ROLES = {"Writer": WRITER, "Editor": EDITOR}


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now.
    for app_config in apps.get_app_configs():
        previous = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = previous
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        for app_label, models in grants.items():
            for model, actions in models.items():
                codenames = [f"{action}_{model}" for action in actions]
                group.permissions.add(
                    *Permission.objects.filter(
                        content_type__app_label=app_label, codename__in=codenames
                    )
                )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        (
            "taggit",
            "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx",
        ),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
