"""The audit log: what it records of sign-ins, editorial actions, deletions
and group changes, with who, what, when and from where. The admin view and
that nobody can change an entry: tests/test_audit_admin.py."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from articles import actions
from articles.models import Article, Photo, TopStory
from audit.models import AuditEntry
from tests.audit_helpers import ADDRESS, only
from tests.factories import make_article, make_photo

Status = Article.Status


@pytest.fixture
def editor_client(client, desk):
    client.force_login(desk.editor)
    client.defaults["REMOTE_ADDR"] = ADDRESS
    return client


# --- what is recorded --------------------------------------------------------


def test_sign_ins_and_failures_are_logged_with_the_address(client, desk):
    """A failed and a successful sign-in are logged, with the name typed and
    the client's address; the password never is."""
    url = reverse("admin:login")
    client.post(
        url, {"username": "editor", "password": "wrong-guess-1"}, REMOTE_ADDR=ADDRESS
    )
    client.post(
        url, {"username": "editor", "password": "pw-for-tests-1"}, REMOTE_ADDR=ADDRESS
    )
    failed = only("sign_in_failed")
    assert (failed.actor, failed.actor_name, failed.address) == (
        None,
        "editor",
        ADDRESS,
    )
    assert "wrong-guess" not in str(failed.changes)
    signed = only("sign_in")
    assert (signed.actor, signed.address) == (desk.editor, ADDRESS)


def test_an_editorial_action_logs_who_what_which_when_where_and_how(
    editor_client, desk
):
    """Publishing from the admin logs the editor, the story, the address, the
    time and the status it moved from and to."""
    story = desk.story(status=Status.IN_REVIEW)
    before = timezone.now()
    editor_client.post(
        reverse("admin:articles_article_transition", args=[story.pk, "publish"])
    )
    entry = only("publish")
    assert entry.actor == desk.editor and entry.actor_name == "editor"
    assert (entry.object_type, entry.object_id) == ("articles.Article", str(story.pk))
    assert entry.object_repr == story.headline
    assert entry.address == ADDRESS
    assert before <= entry.at <= timezone.now()
    assert entry.changes["status"] == ["in_review", "published"]


def test_a_saved_edit_logs_the_fields_it_changed(desk):
    story = desk.story()
    story.headline = "A new headline"
    actions.SaveEdit(story, base_version=story.version).execute(by=desk.writer)
    entry = only("save")
    assert entry.changes["headline"][1] == "A new headline"
    assert "version" not in entry.changes  # bookkeeping is left out


def test_deletions_top_stories_and_photo_deletions_are_logged(editor_client, desk):
    """Deleting a story, adding and removing a Top Stories slot, and deleting
    a photo through the admin each leave an entry naming what went."""
    story = make_article(headline="Kept in the log")
    editor_client.post(
        reverse("admin:articles_topstory_add"),
        {"article": story.pk, "position": 1},
    )
    slot = TopStory.objects.get()
    editor_client.post(
        reverse("admin:articles_topstory_delete", args=[slot.pk]), {"post": "yes"}
    )
    photo = make_photo(alt_text="A harbour at dawn")
    editor_client.post(
        reverse("admin:articles_photo_delete", args=[photo.pk]), {"post": "yes"}
    )
    editor_client.post(
        reverse("admin:articles_article_delete", args=[story.pk]), {"post": "yes"}
    )
    assert not Photo.objects.exists() and not Article.objects.exists()
    assert only("add_top_story").changes["article_id"] == [None, story.pk]
    assert only("remove_top_story").object_id == str(slot.pk)
    gone = only("delete_record", object_type="articles.Photo")
    assert gone.object_id == str(photo.pk)
    assert gone.changes["alt_text"] == ["A harbour at dawn", None]
    deleted = only("delete", object_type="articles.Article")
    assert deleted.object_repr == "Kept in the log"
    done = AuditEntry.objects.filter(actor=desk.editor).exclude(action="sign_in")
    assert {entry.address for entry in done} == {ADDRESS}


def test_live_desk_grants_are_logged(editor_client, desk):
    editor_client.post(
        reverse("admin:articles_article_live_desk"),
        {"user": desk.writer.pk, "on": "1"},
    )
    entry = only("set_live_desk")
    assert entry.object_id == str(desk.writer.pk)
    assert entry.changes["live desk"] == "on"
    assert entry.address == ADDRESS


def test_removing_a_user_from_a_group_is_logged_from_either_side(desk):
    editors = Group.objects.get(name="Editor")
    editors.user_set.remove(desk.editor)
    entry = only("change_user_groups", changes__groups__has_key="removed")
    assert entry.object_id == str(desk.editor.pk)
    assert entry.changes == {"groups": {"removed": ["Editor"]}}


def test_deleting_a_user_keeps_their_entries_named(desk):
    story = desk.story(status=Status.IN_REVIEW)
    actions.Publish(story).execute(by=desk.editor)
    editor_pk = desk.editor.pk
    desk.editor.delete()
    entry = only("publish")
    assert entry.actor_id == editor_pk and entry.actor_name == "editor"
    assert only("delete_user").object_repr == "editor"


def test_a_failed_sign_in_is_not_blamed_on_whoever_is_signed_in(client, desk):
    client.force_login(desk.writer)
    client.post(reverse("admin:login"), {"username": "editor", "password": "wrong-1"})
    failed = only("sign_in_failed")
    assert (failed.actor_id, failed.actor_name) == (None, "editor")


def test_emptying_a_group_logs_each_member(desk):
    editors = Group.objects.get(name="Editor")
    editors.user_set.clear()
    entry = only("change_user_groups", changes__groups__has_key="removed")
    assert entry.object_id == str(desk.editor.pk)
