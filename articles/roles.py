"""The newsroom's roles: a Django group each, and the permissions it holds.

What each role may do to which story (own drafts only, transitions) is
decided in articles.permissions; these permissions open the admin's pages
and name the editors' powers. The code never reads a group's name, so a
renamed group keeps working; this table is what a new newsroom starts with.

`grant()` makes the groups and gives them what this table says, adding to
what they hold: migrations call it with their historical app registry, and
tests with the live one (a flushed database has lost them).
"""

from django.contrib.auth.management import create_permissions

ALL = ["add", "change", "delete", "view"]

#: {role: {app label: {model or "powers": actions or codenames}}}
ROLES = {
    "Writer": {
        "articles": {
            "article": ["add", "change", "view"],
            "byline": ALL,
            "citation": ALL,
            "credit": ALL,
            "relatedstory": ALL,
            "galleryphoto": ALL,
            "correction": ["view"],
            "photo": ["add", "change", "view"],
            "author": ["view"],
            "section": ["view"],
        },
    },
    "Editor": {
        "articles": {
            **dict.fromkeys(
                [
                    "article",
                    "byline",
                    "citation",
                    "credit",
                    "relatedstory",
                    "galleryphoto",
                    "correction",
                    "photo",
                    "author",
                    "section",
                    "topstory",
                ],
                ALL,
            ),
            "powers": [
                "edit_any_article",
                "publish_article",
                "manage_corrections",
                "manage_top_stories",
                "post_live_updates",
            ],
        },
        "taggit": {"tag": ALL},
        # Issues: preview, test, schedule and send; alerts need their power.
        # Subscribers' data stays with administrators (export, erasure).
        "newsletters": {
            "issue": ["add", "change", "view"],
            "newsletterlist": ["view"],
            "powers": ["send_alerts"],
        },
    },
}


def codenames(grants):
    """{app label: [codename, …]} of one role's grants."""
    return {
        app_label: [
            action if model == "powers" else f"{action}_{model}"
            for model, actions in models.items()
            for action in actions
        ]
        for app_label, models in grants.items()
    }


def grant(apps):
    """Make every role's group and give it its permissions (idempotent)."""
    for app_config in apps.get_app_configs():
        # Permissions are made after migrating; a migration needs them now.
        previous = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = previous
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        for app_label, names in codenames(grants).items():
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=names
                )
            )
