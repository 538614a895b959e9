"""The HTTP cache in front is purged by content key, as background work that
retries and never holds up or fails an editor's save. Each adapter is tested
against a local HTTP endpoint that records what it is sent (no internet)."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles import actions
from articles.models import Article

Status = Article.Status
# The worker closes its database connection after each task, as a real
# worker does; that needs real transactions, not a test's wrapping one.
pytestmark = pytest.mark.django_db(transaction=True)


class Endpoint:
    """A local HTTP server recording each request; it answers `failures`
    errors first, then successes."""

    def __init__(self, failures=0, body=b'{"success": true}'):
        self.requests, self.failures, self.body = [], failures, body
        #: The method the failures answer (None: any), and how: "error"
        #: (503), "cut" (the body ends early) or "redirect".
        self.failing, self.how = None, "error"
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def handle_one(self):
                length = int(self.headers.get("Content-Length") or 0)
                endpoint.requests.append(
                    {
                        "method": self.command,
                        "path": self.path,
                        "headers": {k.lower(): v for k, v in self.headers.items()},
                        "body": self.rfile.read(length),
                    }
                )
                failing = endpoint.failures > 0 and endpoint.failing in (
                    None,
                    self.command,
                )
                endpoint.failures -= failing
                status = 200
                if failing:
                    status = {"cut": 200, "redirect": 301}.get(endpoint.how, 503)
                endpoint.requests[-1]["status"] = status
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                if status == 301:
                    self.send_header("Location", endpoint.url + "/elsewhere")
                if failing and endpoint.how == "cut":  # promised, then cut
                    self.send_header("Content-Length", "1000")
                self.end_headers()
                self.wfile.write(endpoint.body)

            do_GET = do_POST = do_PURGE = handle_one

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def endpoint():
    made = []

    def make(**kwargs):
        made.append(Endpoint(**kwargs))
        return made[-1]

    yield make
    for server in made:
        server.close()


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")


def publish(desk, **fields):
    story = desk.story(status=Status.IN_REVIEW, **fields)
    actions.Publish(story).execute(by=desk.editor)
    return story


def test_fastly_gets_a_surrogate_key_purge(settings, desk, endpoint):
    fastly = endpoint()
    settings.NEWSROOM_HTTP_CACHE = "fastly"
    settings.NEWSROOM_FASTLY_API = fastly.url
    settings.NEWSROOM_FASTLY_SERVICE = "svc123"
    settings.NEWSROOM_FASTLY_TOKEN = "token-abc"
    story = publish(desk)
    assert fastly.requests == []  # nothing goes out until the worker runs

    run_worker()

    (request,) = fastly.requests
    assert (request["method"], request["path"]) == ("POST", "/service/svc123/purge")
    assert request["headers"]["fastly-key"] == "token-abc"
    keys = json.loads(request["body"])["surrogate_keys"]
    assert {f"story:{story.pk}", f"card:{story.pk}", "list:home"} <= set(keys)


def test_cloudflare_gets_cache_tag_purges_in_batches_of_thirty(
    settings, desk, endpoint
):
    cloudflare = endpoint()
    settings.NEWSROOM_HTTP_CACHE = "cloudflare"
    settings.NEWSROOM_CLOUDFLARE_API = cloudflare.url
    settings.NEWSROOM_CLOUDFLARE_ZONE = "zone9"
    settings.NEWSROOM_CLOUDFLARE_TOKEN = "cf-token"
    story = publish(desk, tags=[f"tag-{n}" for n in range(40)])

    run_worker()

    assert len(cloudflare.requests) >= 2
    tags = []
    for request in cloudflare.requests:
        assert request["path"] == "/zones/zone9/purge_cache"
        assert request["headers"]["authorization"] == "Bearer cf-token"
        batch = json.loads(request["body"])["tags"]
        assert len(batch) <= 30
        tags += batch
    assert f"story:{story.pk}" in tags
    assert len(tags) == len(set(tags)) > 40


def test_every_varnish_gets_an_xkey_purge(settings, desk, endpoint):
    first, second = endpoint(), endpoint()
    settings.NEWSROOM_HTTP_CACHE = "varnish"
    settings.NEWSROOM_VARNISH_URLS = [first.url, second.url]
    settings.NEWSROOM_VARNISH_PURGE_SECRET = "purge-secret-for-tests"
    story = publish(desk)

    run_worker()

    for varnish in (first, second):
        (request,) = varnish.requests
        assert (request["method"], request["path"]) == ("PURGE", "/")
        assert f"story:{story.pk}" in request["headers"]["xkey-purge"].split()
        assert request["headers"]["x-purge-secret"] == "purge-secret-for-tests"


def test_varnish_without_a_purge_secret_is_a_configuration_error(settings):
    """Varnish refuses purges without the secret: say so, do not send them."""
    from django.core.exceptions import ImproperlyConfigured

    from caching import purging

    settings.NEWSROOM_HTTP_CACHE = "varnish"
    settings.NEWSROOM_VARNISH_URLS = ["http://127.0.0.1:9/"]
    settings.NEWSROOM_VARNISH_PURGE_SECRET = ""
    with pytest.raises(ImproperlyConfigured, match="NEWSROOM_VARNISH_PURGE_SECRET"):
        purging.purger()


def test_a_failing_cache_never_fails_the_save_and_the_purge_retries(
    settings, desk, endpoint
):
    """The save goes through while the CDN errors; the purge is tried again
    later and succeeds."""
    fastly = endpoint(failures=1)
    settings.NEWSROOM_HTTP_CACHE = "fastly"
    settings.NEWSROOM_FASTLY_API = fastly.url
    story = publish(desk)
    assert story.is_live

    run_worker()
    assert len(fastly.requests) == 1  # refused; the retry waits its turn
    pending = DBTaskResult.objects.filter(status="READY")
    assert pending.count() == 1

    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        run_worker()
    assert len(fastly.requests) == 2
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_an_unreachable_cache_does_not_hold_up_the_save(settings, desk):
    """Nothing listens at the CDN's address: the save is as fast as ever,
    the purge waits in the queue."""
    settings.NEWSROOM_HTTP_CACHE = "fastly"
    settings.NEWSROOM_FASTLY_API = "http://127.0.0.1:9"  # discard port, closed
    story = publish(desk)
    assert story.is_live
    assert DBTaskResult.objects.filter(status="READY").count() == 1


def test_no_http_cache_configured_queues_only_the_page_caches_backstop(desk):
    """Nothing to send anywhere; only the backstop of the page cache's own
    purge (tests/test_purge_backstop.py), which waits its turn."""
    publish(desk)
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "caching.tasks.backstop_page_cache"
    assert queued.run_after > timezone.now()


def varnish_purges(settings, endpoint):
    varnish = endpoint()
    settings.NEWSROOM_HTTP_CACHE = "varnish"
    settings.NEWSROOM_VARNISH_URLS = [varnish.url]
    settings.NEWSROOM_VARNISH_PURGE_SECRET = "purge-secret-for-tests"
    return varnish


def sent(varnish):
    """{header: keys} of every purge Varnish got."""
    found = {}
    for request in varnish.requests:
        for header in ("xkey-purge", "xkey-softpurge"):
            if header in request["headers"]:
                found.setdefault(header, set()).update(
                    request["headers"][header].split()
                )
    return found


def test_an_ordinary_edit_purges_its_page_hard_and_its_lists_soft(
    settings, desk, endpoint
):
    story = publish(desk)
    varnish = varnish_purges(settings, endpoint)
    story.headline = "A new headline"
    actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)

    run_worker()

    purged = sent(varnish)
    assert purged["xkey-purge"] == {f"story:{story.pk}"}
    soft = purged["xkey-softpurge"]
    assert {f"card:{story.pk}", "search", "sitemaps"} <= soft
    assert f"story:{story.pk}" not in soft
    assert f"entry:{story.pk}" in soft  # its feed entries lag, as lists do


def test_an_ordinary_edit_renews_its_page_in_place_then_purges_the_rest(
    settings, desk, endpoint
):
    """Varnish fetches the edited story's page anew with a one-time token
    (readers keep getting the old copy meanwhile), then purges every copy
    carrying its key but the one stored with that token."""
    story = publish(desk)
    varnish = varnish_purges(settings, endpoint)
    story.headline = "A new headline"
    actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)

    run_worker()

    # The lists first: they renew while the page is fetched.
    assert "xkey-softpurge" in varnish.requests[0]["headers"]
    hard = [r for r in varnish.requests if "xkey-softpurge" not in r["headers"]]
    fetch, purge = hard
    assert (fetch["method"], fetch["path"]) == ("GET", story.get_absolute_url())
    token = fetch["headers"]["x-newsroom-refresh"]
    assert len(token) >= 32
    # Its fragments showing the story keep the token too (the VCL).
    assert fetch["headers"]["x-newsroom-refresh-key"] == f"story:{story.pk}"
    assert fetch["headers"]["x-purge-secret"] == "purge-secret-for-tests"
    assert fetch["headers"]["host"] == varnish.url.removeprefix("http://")
    assert purge["method"] == "PURGE"
    assert purge["headers"]["xkey-purge"] == f"story:{story.pk}"
    assert purge["headers"]["xkey-keep"] == token

    # Every edit has its own token.
    story.refresh_from_db()
    story.headline = "A newer headline"
    actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)
    run_worker()
    fetch = [r for r in varnish.requests if r["method"] == "GET"][-1]
    assert fetch["headers"]["x-newsroom-refresh"] != token


def test_a_refresh_asks_for_the_copy_readers_get(settings, desk, endpoint):
    """Behind a TLS proxy readers ask Varnish for the public host over
    https: the refresh asks the same, or it would renew another copy."""
    story = publish(desk)
    varnish = varnish_purges(settings, endpoint)
    settings.NEWSROOM_SITE_URL = "https://news.example.com"
    story.headline = "A new headline"
    actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)

    run_worker()

    (fetch,) = [r for r in varnish.requests if r["method"] == "GET"]
    assert fetch["headers"]["host"] == "news.example.com"
    assert fetch["headers"]["x-forwarded-proto"] == "https"


def test_a_withdrawal_is_purged_before_the_edits_queued_ahead_of_it(
    settings, desk, endpoint
):
    """Renewing an edited page costs a render: a takedown queued behind a
    burst of edits does not wait for them."""
    edited, withdrawn = publish(desk), publish(desk)
    varnish = varnish_purges(settings, endpoint)
    edited.headline = "A new headline"
    actions.SaveEdit(edited, base_version=edited.version).execute(by=desk.editor)
    actions.Withdraw(withdrawn).execute(by=desk.editor)

    run_worker()

    first = varnish.requests[0]["headers"]
    assert f"story:{withdrawn.pk}" in first["xkey-purge"].split()
    assert "xkey-keep" not in first
    assert [r["method"] for r in varnish.requests].count("GET") == 1  # the edit's


@pytest.mark.parametrize("how", ["error", "cut", "redirect"])
def test_a_failed_refresh_still_purges_every_copy(settings, desk, endpoint, how):
    """The refresh fails (an error, a page cut short, a redirect, which is
    not followed: it would take the secret elsewhere): no copy has the
    token, so the purge that follows takes them all, and the edit is
    acknowledged."""
    story = publish(desk)
    varnish = varnish_purges(settings, endpoint)
    story.headline = "A new headline"
    actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)
    varnish.failures, varnish.failing, varnish.how = 1, "GET", how  # the refresh

    run_worker()

    hard = [r for r in varnish.requests if "xkey-softpurge" not in r["headers"]]
    assert [r["method"] for r in hard] == ["GET", "PURGE"]
    assert hard[1]["status"] == 200
    assert sent(varnish)["xkey-purge"] == {f"story:{story.pk}"}
    retries = DBTaskResult.objects.filter(status="READY").exclude(
        task_path__endswith=".backstop_page_cache"  # the publication's, before
    )
    assert not retries.exists()


@pytest.mark.parametrize("change", ["withdraw", "correct", "delete"])
def test_a_withdrawal_correction_or_deletion_is_purged_hard_everywhere(
    settings, desk, endpoint, change
):
    story = publish(desk)
    varnish = varnish_purges(settings, endpoint)
    if change == "withdraw":
        actions.Withdraw(story).execute(by=desk.editor)
    elif change == "correct":
        actions.AddCorrection(
            story, kind="correction", text="A date was wrong."
        ).execute(by=desk.editor)
    else:
        actions.DeleteStory(story).execute(by=desk.editor)

    run_worker()

    purged = sent(varnish)
    assert "xkey-softpurge" not in purged
    assert not any(r["method"] == "GET" for r in varnish.requests)  # no refresh
    assert not any("xkey-keep" in r["headers"] for r in varnish.requests)
    hard = purged["xkey-purge"]
    assert {f"story:{story.pk}", f"entry:{story.pk}", f"card:{story.pk}"} <= hard
    assert "search" in hard
    if change != "correct":  # it leaves its lists
        assert "list:home" in hard
