"""Roles are permissions: a group's name means nothing to the code."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from articles import permissions
from articles.models import Article
from tests.factories import make_user

Status = Article.Status


def publish_through_admin(client, user, story):
    client.force_login(user)
    return client.post(
        reverse("admin:articles_article_transition", args=[story.pk, "publish"])
    )


def test_a_renamed_editor_group_keeps_every_power(client, desk):
    """Renaming the Editor group does not demote its members."""
    Group.objects.filter(name="Editor").update(name="Desk chiefs")
    editor = User.objects.get(pk=desk.editor.pk)
    story = desk.story(status=Status.IN_REVIEW)

    response = publish_through_admin(client, editor, story)

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.is_live
    assert permissions.can_manage_corrections(editor)
    assert permissions.can_manage_top_stories(editor)
    assert permissions.can_edit(editor, desk.story(owner=desk.writer2))


def test_a_power_given_directly_is_honoured(client, desk):
    """A writer given `publish_article` by hand may publish, and nothing more."""
    desk.writer.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="articles", codename="publish_article"
        )
    )
    promoted = User.objects.get(pk=desk.writer.pk)  # fresh permission cache
    story = desk.story(status=Status.IN_REVIEW)

    response = publish_through_admin(client, promoted, story)

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.is_live
    assert not permissions.can_edit_any(promoted)
    assert not permissions.can_manage_corrections(promoted)


def test_a_group_named_editor_without_the_powers_grants_nothing(client, desk):
    """Only permissions count: a look-alike group is just a name."""
    impostor = make_user("impostor", is_staff=True)
    impostor.groups.add(Group.objects.create(name="Editors"))
    story = desk.story(status=Status.IN_REVIEW)

    response = publish_through_admin(client, impostor, story)

    assert response.status_code in (403, 404)
    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW


@pytest.mark.parametrize(
    ("role", "powers"),
    [
        ("Writer", set()),
        (
            "Editor",
            {
                "edit_any_article",
                "publish_article",
                "manage_corrections",
                "manage_top_stories",
            },
        ),
    ],
)
def test_the_data_migration_grants_each_role_its_powers(db, role, powers):
    user = make_user(role=role)
    granted = {
        codename
        for codename in [
            "edit_any_article",
            "publish_article",
            "manage_corrections",
            "manage_top_stories",
        ]
        if user.has_perm(f"articles.{codename}")
    }
    assert granted == powers


def test_a_deactivated_editor_loses_every_power(desk):
    desk.editor.is_active = False
    desk.editor.save()
    story = desk.story(status=Status.IN_REVIEW)
    assert not permissions.can_publish(desk.editor)
    assert not permissions.can_view(desk.editor, story)


@pytest.mark.django_db
def test_the_migrated_groups_hold_exactly_the_roles_table():
    """Migrations and tests grant from one table (articles.roles)."""
    from articles import roles

    for role, grants in roles.ROLES.items():
        held = set(
            Group.objects.get(name=role).permissions.values_list(
                "content_type__app_label", "codename"
            )
        )
        expected = {
            (app_label, codename)
            for app_label, names in roles.codenames(grants).items()
            for codename in names
        }
        assert held == expected, (role, held ^ expected)
