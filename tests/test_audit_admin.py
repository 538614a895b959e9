"""The audit log in the admin, as a superuser: user and group changes made
there, the log's filters and CSV export, who may read it, devices, and that
nobody can change or delete an entry (tested with crafted requests)."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from articles import actions
from articles.models import Article
from audit.models import AppendOnly, AuditEntry
from tests.audit_helpers import ADDRESS, entries, only
from tests.factories import make_user

Status = Article.Status


@pytest.fixture
def admin_client(client, desk):
    client.force_login(desk.admin)
    client.defaults["REMOTE_ADDR"] = ADDRESS
    return client


def test_user_group_and_permission_changes_in_the_admin_are_logged(admin_client, desk):
    """Adding a user to a group, granting a permission, renaming a group and
    changing a password are logged with their before and after; the
    password hash is not."""
    editors = Group.objects.get(name="Editor")
    user = make_user("newcomer")
    user.groups.add(editors)
    grant = Permission.objects.get(codename="publish_article")
    response = admin_client.post(
        reverse("admin:auth_user_change", args=[user.pk]),
        {
            "username": "newcomer",
            "first_name": "New",
            "last_name": "Comer",
            "email": "",
            "is_active": "on",
            "is_staff": "on",
            "groups": [editors.pk],
            "user_permissions": [grant.pk],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.content
    changed = only("change_user", object_id=str(user.pk), actor=desk.admin)
    assert changed.changes["first_name"] == ["", "New"]
    assert changed.changes["is_staff"] == [False, True]
    granted = only("change_user_user_permissions", actor=desk.admin)
    assert granted.changes == {
        "user_permissions": {"added": ["articles.publish_article"]}
    }
    assert granted.address == ADDRESS

    admin_client.post(
        reverse("admin:auth_group_change", args=[editors.pk]),
        {
            "name": "Desk editors",
            "permissions": list(editors.permissions.values_list("pk", flat=True)),
        },
    )
    assert only("change_group", actor=desk.admin).changes["name"] == [
        "Editor",
        "Desk editors",
    ]
    admin_client.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {
            "password1": "a-Fresh-passphrase-9",
            "password2": "a-Fresh-passphrase-9",
            "usable_password": "true",
        },
    )
    password = [
        e for e in entries("change_user", actor=desk.admin) if "password" in e.changes
    ]
    assert len(password) == 1 and password[0].changes["password"] == ["…", "…"]
    assert "md5$" not in str(list(AuditEntry.objects.values_list("changes")))


# --- reading it ----------------------------------------------------------------


@pytest.fixture
def logged(desk):
    """Entries by two people."""
    first, second = desk.story(status=Status.IN_REVIEW), desk.story()
    actions.Publish(first).execute(by=desk.editor)
    actions.Submit(second).execute(by=desk.writer)
    return first, second


def test_the_log_filters_by_person_action_and_date(admin_client, desk, logged):
    url = reverse("admin:audit_auditentry_changelist")
    by_editor = admin_client.get(url, {"person": desk.editor.pk})
    assert by_editor.status_code == 200
    shown = list(by_editor.context["cl"].result_list)
    assert shown and {entry.actor_name for entry in shown} == {"editor"}
    by_action = admin_client.get(url, {"action": "submit"})
    assert [e.action for e in by_action.context["cl"].result_list] == ["submit"]
    today = timezone.localdate()
    by_day = admin_client.get(
        url, {"at__year": today.year, "at__month": today.month, "at__day": today.day}
    )
    assert len(by_day.context["cl"].result_list) == AuditEntry.objects.count()
    tomorrow = timezone.localtime() + timedelta(days=1)
    later = admin_client.get(url, {"at__gte": tomorrow.isoformat()})
    assert list(later.context["cl"].result_list) == []


def test_the_csv_export_holds_the_filtered_entries(admin_client, desk, logged):
    response = admin_client.get(
        reverse("admin:audit_auditentry_export"), {"person": desk.editor.pk}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    )
    assert rows and {row["person"] for row in rows} == {"editor"}
    published = next(row for row in rows if row["action"] == "publish")
    assert '"status": ["in_review", "published"]' in published["changes"]


def test_a_typed_formula_reaches_the_csv_as_text(client, admin_client, logged):
    """A name typed at sign-in is the realistic attack on a spreadsheet."""
    formula = '=HYPERLINK("http://evil.example","x")'
    client.post(reverse("admin:login"), {"username": formula, "password": "x-1"})
    response = admin_client.get(
        reverse("admin:audit_auditentry_export"), {"action": "sign_in_failed"}
    )
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    )
    assert [row["person"] for row in rows] == ["'" + formula]
    assert rows[0]["object"] == "'" + formula


def test_editors_and_writers_cannot_read_the_log(client, desk, logged):
    for user in (desk.editor, desk.writer):
        client.force_login(user)
        for name in ("changelist", "export"):
            response = client.get(reverse(f"admin:audit_auditentry_{name}"))
            assert response.status_code == 403, (user, name)


# --- append-only ---------------------------------------------------------------


def test_a_superuser_cannot_add_change_or_delete_an_entry(admin_client, logged):
    """Crafted requests to the admin's add, change, delete and bulk-delete
    doors are refused; every entry stays as written."""
    entry = AuditEntry.objects.get(action="publish")
    written = list(AuditEntry.objects.values())
    change = reverse("admin:audit_auditentry_change", args=[entry.pk])
    assert admin_client.get(change).status_code == 200  # reading is allowed
    refused = [
        admin_client.post(change, {"action": "tampered", "actor_name": "nobody"}),
        admin_client.post(
            reverse("admin:audit_auditentry_delete", args=[entry.pk]),
            {"post": "yes"},
        ),
        admin_client.get(reverse("admin:audit_auditentry_add")),
        admin_client.post(
            reverse("admin:audit_auditentry_add"),
            {"action": "forged", "actor_name": "someone"},
        ),
    ]
    assert [response.status_code for response in refused] == [403, 403, 403, 403]
    bulk = admin_client.post(
        reverse("admin:audit_auditentry_changelist"),
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302)
    assert list(AuditEntry.objects.values()) == written


def test_the_model_refuses_changes_and_deletions(logged):
    entry = AuditEntry.objects.get(action="publish")
    entry.action = "tampered"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(action="tampered")
    with pytest.raises(AppendOnly):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "publish"


def test_a_bad_filter_sends_the_export_back_to_the_list(admin_client, logged):
    for query in ({"at__gte": "garbage"}, {"person": "x"}, {"person": "9" * 30}):
        response = admin_client.get(reverse("admin:audit_auditentry_export"), query)
        assert response.status_code == 302 and response["Location"].endswith("?e=1")


def test_typed_names_are_not_people_in_the_filter(admin_client, desk):
    client_url = reverse("admin:login")
    admin_client.logout()
    admin_client.post(client_url, {"username": "nobody-real", "password": "x-1"})
    admin_client.force_login(desk.admin)
    page = admin_client.get(reverse("admin:audit_auditentry_changelist"))
    people = dict(page.context["cl"].filter_specs[0].lookup_choices)
    assert "nobody-real" not in people.values()


def test_administrators_see_devices_but_never_their_secrets(admin_client, desk):
    """An administrator may remove someone's lost phone, never read its key
    or recovery codes, nor plant a factor on their account."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from desk.models import RecoveryCodeDevice, digest

    app = TOTPDevice.objects.create(user=desk.editor, name="Phone", confirmed=True)
    codes = RecoveryCodeDevice.objects.create(user=desk.editor, name="Recovery codes")
    (code,) = codes.replace_codes()[:1]
    page = admin_client.get(reverse("admin:otp_totp_totpdevice_change", args=[app.pk]))
    assert page.status_code == 200 and app.key not in page.content.decode()
    for shows_key in ("config", "qrcode"):
        url = f"/admin/otp_totp/totpdevice/{app.pk}/{shows_key}/"
        assert admin_client.get(url).status_code == 403, url
    static = admin_client.get(
        reverse("admin:desk_recoverycodedevice_change", args=[codes.pk])
    ).content.decode()
    assert "codes left" in static.lower() and code not in static
    assert digest(code) not in static
    planted = admin_client.post(
        reverse("admin:desk_recoverycodedevice_add"),
        {"user": desk.editor.pk, "name": "Planted", "confirmed": "on"},
    )
    assert planted.status_code == 403
    admin_client.post(
        reverse("admin:otp_totp_totpdevice_delete", args=[app.pk]), {"post": "yes"}
    )
    assert not TOTPDevice.objects.filter(pk=app.pk).exists()
    assert only("delete_totpdevice").object_id == str(desk.editor.pk)


def test_the_database_refuses_to_change_an_entry(logged):
    """Even code that goes around the model (raw SQL) cannot rewrite one."""
    from django.db import DatabaseError, connection, transaction

    entry = AuditEntry.objects.get(action="publish")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as c:
        c.execute(
            "UPDATE articles_auditentry SET action = 'tampered' WHERE id = %s",
            [entry.pk],
        )
    if connection.vendor == "postgresql":
        with (
            pytest.raises(DatabaseError),
            transaction.atomic(),
            connection.cursor() as c,
        ):
            c.execute("DELETE FROM articles_auditentry WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == "publish"
