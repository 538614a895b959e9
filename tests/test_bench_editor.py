"""The breaking-news bench's editor (`manage.py bench_edits`) edits at the
rate its row says, however long each edit's checks wait, and reports what
it read: a real server, real actions, a purge nothing acknowledges."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from bench.management.commands import bench_edits


@pytest.mark.django_db(transaction=True)
def test_edits_keep_their_rate_while_earlier_checks_wait(
    live_server, desk, settings, monkeypatch
):
    from articles import actions
    from articles.models import Article

    for number in range(3):
        story = desk.story(status=Article.Status.IN_REVIEW, headline=f"Story {number}")
        actions.Publish(story).execute(by=desk.editor)
    # Purges go to a Varnish nobody runs, through tasks no worker takes: no
    # edit's purge is ever acknowledged, so each check waits ACK_TIMEOUT.
    settings.NEWSROOM_HTTP_CACHE = "varnish"
    settings.NEWSROOM_VARNISH_URLS = ["http://127.0.0.1:9/"]
    settings.NEWSROOM_VARNISH_PURGE_SECRET = "purge-secret-for-tests"
    monkeypatch.setattr(bench_edits, "ACK_TIMEOUT", 1.5)
    out = StringIO()

    call_command(
        bench_edits.Command(),
        "--rate", "2", "--duration", "2", "--front", live_server.url,
        "--username", desk.editor.username,
        stdout=out,
    )  # fmt: skip

    summary = json.loads(out.getvalue().strip().splitlines()[-1])
    assert summary["edits"] == 4  # at 0, 0.5, 1 and 1.5 s, not one per 1.5 s
    # Serialized behind the checks, the second edit would start 1 s late
    # and the third 2 s; a prompt one started 0.65 s late in a CI run on a
    # machine also running other tests.
    assert summary["late_max_s"] < 1.0
    assert summary["unacknowledged"] == 4
    # Each story was on its own page and the lists before its edit, and the
    # lists showed the new headline within the wait.
    assert summary["pages_checked"] >= 4 * 3
    assert summary["lists_checked"] == summary["pages_checked"] - 4
    assert summary["stale_reads"] == 0  # never acknowledged: never judged
    assert Article.objects.filter(headline__contains=" update ").count() == 3
