"""Model permissions for the Writer and Editor groups, granted by the
migrations that add a model the story form edits (not a migration itself:
Django skips modules whose names start with an underscore)."""

from django.contrib.auth.management import create_permissions

ALL = ["add", "change", "delete", "view"]


def grant(apps, model, grants):
    """Give each group in `grants` ({group name: actions}) those permissions
    on articles' `model` (lower-case name)."""
    articles = apps.get_app_config("articles")
    previous = getattr(articles, "models_module", None)
    articles.models_module = True  # permissions are normally made after migrating
    create_permissions(articles, apps=apps, verbosity=0)
    articles.models_module = previous
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, actions in grants.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="articles",
                    codename__in=[f"{action}_{model}" for action in actions],
                )
            )
