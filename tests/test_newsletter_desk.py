"""Newsletters on the desk: alerts from a story (permission, audit log, once
per story), issues previewed, tested and sent with their figures, and a
subscriber's data exported and erased, each checked on the server."""

import datetime
import json

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from newsletters import tasks
from newsletters.models import (
    Issue,
    NewsletterList,
    Subscriber,
    Suppression,
    address_hash,
)
from tests.factories import make_article, make_section
from tests.newsletter_helpers import newsletter, run_worker, subscribed

#: The task worker runs in this process and closes the database connection
#: between tasks, as it does in production: each test commits for real.
pytestmark = pytest.mark.django_db(transaction=True)


def alert_url(story):
    return reverse("admin:articles_article_alert", args=[story.pk])


def test_an_editor_sends_an_alert_once_per_story_unless_confirmed(
    client, desk, mailbox
):
    alerts = newsletter()
    subscribed("ana@example.org", alerts)
    story = make_article(headline="Senate passes the budget")
    client.force_login(desk.editor)
    page = client.get(reverse("admin:articles_article_change", args=[story.pk]))
    assert alert_url(story).encode() in page.content
    assert client.get(alert_url(story)).status_code == 200

    client.post(alert_url(story), {"summary": "The Senate passed the budget, 52-48"})
    issue = Issue.objects.get(article=story)
    assert issue.summary == "The Senate passed the budget, 52-48"
    entry = AuditEntry.objects.get(action="send_alert")
    assert entry.actor == desk.editor and entry.changes["article"] == story.pk
    run_worker()
    assert mailbox.to("ana@example.org")[0]["Subject"].endswith(
        "Senate passes the budget"
    )

    again = client.post(alert_url(story), {"summary": "Once more"})
    assert again.status_code == 400
    assert b"already went out" in again.content
    assert Issue.objects.filter(article=story).count() == 1
    client.post(alert_url(story), {"summary": "Once more", "again": "on"})
    assert Issue.objects.filter(article=story).count() == 2


def test_alerts_need_the_permission_and_a_published_story(client, desk):
    newsletter()
    story = make_article()
    client.force_login(desk.writer)
    assert client.post(alert_url(story), {"summary": "x"}).status_code in (403, 404)
    editor = desk.editor
    editor.groups.first().permissions.remove(
        Permission.objects.get(codename="send_alerts")
    )
    client.force_login(editor)
    assert client.post(alert_url(story), {"summary": "x"}).status_code == 403
    assert not Issue.objects.exists()

    draft = desk.story()
    client.force_login(desk.admin)
    refused = client.post(alert_url(draft), {"summary": "Not yet"})
    assert refused.status_code == 400
    assert b"Only a published story" in refused.content
    assert not Issue.objects.exists()


def test_an_issue_is_previewed_tested_sent_and_counted(client, desk, mailbox):
    daily = newsletter(kind=NewsletterList.DIGEST)
    for address in ["ana@example.org", "ben@example.org"]:
        subscribed(address, daily)
    make_article(headline="Harbour reopens after the storm")
    client.force_login(desk.editor)
    client.post(
        reverse("admin:newsletters_issue_add"),
        {"newsletter": daily.pk, "subject": "Weekend edition", "summary": ""},
    )
    issue = Issue.objects.get(subject="Weekend edition")
    assert issue.state == Issue.DRAFT and issue.created_by == desk.editor

    preview = client.get(reverse("admin:newsletters_issue_preview", args=[issue.pk]))
    assert b"Harbour reopens after the storm" in preview.content

    send = reverse("admin:newsletters_issue_send", args=[issue.pk])
    desk.editor.email = "editor@example.org"
    desk.editor.save()
    client.post(send, {"step": "test"})
    assert mailbox.to("editor@example.org")[0]["Subject"] == "[Test] Weekend edition"
    assert not mailbox.to("ana@example.org")

    client.post(send, {"step": "now"})
    run_worker()
    assert len(mailbox.to("ana@example.org")) == 1
    assert len(mailbox.to("ben@example.org")) == 1
    page = client.get(reverse("admin:newsletters_issue_change", args=[issue.pk]))
    stats = page.content.decode().split('data-testid="issue-stats"')[1]
    assert "<dt>Recipients</dt><dd>2</dd>" in stats
    assert "<dt>Sent</dt><dd>2</dd>" in stats
    listed = client.get(reverse("admin:newsletters_issue_changelist")).content
    assert b'<td class="field-sent">2</td>' in listed
    assert b'<td class="field-recipients">2</td>' in listed
    again = client.post(send, {"step": "now"}, follow=True)
    assert b"already going out" in again.content


def test_writers_cannot_send_issues_even_by_crafted_requests(client, desk):
    issue = Issue.objects.create(newsletter=newsletter(), subject="x")
    client.force_login(desk.writer)
    send = reverse("admin:newsletters_issue_send", args=[issue.pk])
    assert client.post(send, {"step": "now"}).status_code == 403
    assert client.get(reverse("admin:newsletters_issue_changelist")).status_code == 403
    issue.refresh_from_db()
    assert issue.state == Issue.DRAFT


def test_an_administrator_exports_and_erases_a_subscriber(client, desk):
    reader = subscribed("reader@example.org", newsletter())
    client.force_login(desk.editor)
    export = reverse("admin:newsletters_subscriber_export", args=[reader.pk])
    erase = reverse("admin:newsletters_subscriber_erase", args=[reader.pk])
    assert client.post(export).status_code == 403
    assert client.post(erase).status_code == 403

    client.force_login(desk.admin)
    data = json.loads(client.post(export).content)
    assert data["email"] == "reader@example.org"
    assert data["subscriptions"][0]["consent_wording"] == "Yes"
    assert b"Erase for good" in client.get(erase).content
    client.post(erase)
    assert not Subscriber.objects.exists()
    assert Suppression.objects.get().email_hash == address_hash("reader@example.org")
    logged = AuditEntry.objects.filter(
        action__in=["export_subscriber", "erase_subscriber"]
    )
    assert logged.count() == 2
    assert all(
        "reader@example.org" not in json.dumps(e.changes) + e.object_repr
        for e in logged
    )


def test_the_digest_goes_at_its_time_in_the_sites_zone(db, mailbox, settings):
    settings.TIME_ZONE = "America/New_York"
    daily = newsletter(kind=NewsletterList.DIGEST)
    daily.send_time = datetime.time(7, 0)
    daily.save()
    subscribed("ana@example.org", daily)
    world = make_section(name="World", slug="world")
    zone = timezone.get_current_timezone()
    evening = datetime.datetime(2026, 12, 5, 18, 0, tzinfo=zone)
    with time_machine.travel(evening, tick=False):
        # Published that evening: live when the digest goes, whatever today is.
        make_article(headline="Top of the news")
        make_article(headline="Elsewhere in the world", section=world)
        issue = tasks.schedule_digest(daily)
        assert timezone.localtime(issue.send_at) == datetime.datetime(
            2026, 12, 6, 7, 0, tzinfo=zone
        )
        run_worker()  # not yet due
        assert mailbox.messages == []
    with time_machine.travel(evening + datetime.timedelta(hours=13, minutes=1)):
        run_worker()
    text = mailbox.to("ana@example.org")[0].get_body(("plain",)).get_content()
    assert "Top of the news" in text and "Elsewhere in the world" in text
    assert Issue.objects.filter(newsletter=daily, edition="2026-12-07").exists()


def test_starting_the_worker_queues_each_digest_once(db):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    daily = newsletter(kind=NewsletterList.DIGEST)
    daily.send_time = datetime.time(7, 0)
    daily.save()
    call_command("schedule_newsletters")
    call_command("schedule_newsletters")  # a restart queues nothing more
    issue = Issue.objects.get(newsletter=daily)
    assert issue.state == Issue.SCHEDULED and issue.send_at > timezone.now()
    queued = DBTaskResult.objects.filter(task_path__endswith="send_issue")
    assert queued.count() == 1
    assert queued.get().run_after == issue.send_at


def test_issues_made_on_the_desk_are_digests_and_alerts_need_their_power(client, desk):
    alerts, daily = newsletter(), newsletter(kind=NewsletterList.DIGEST)
    client.force_login(desk.editor)
    form = client.get(reverse("admin:newsletters_issue_add")).content.decode()
    assert f'value="{daily.pk}"' in form
    assert f'value="{alerts.pk}"' not in form
    issue = Issue.objects.create(newsletter=alerts, subject="x", article=make_article())
    desk.editor.groups.first().permissions.remove(
        Permission.objects.get(codename="send_alerts")
    )
    send = reverse("admin:newsletters_issue_send", args=[issue.pk])
    assert client.post(send, {"step": "now"}).status_code == 403
    issue.refresh_from_db()
    assert issue.state == Issue.DRAFT
