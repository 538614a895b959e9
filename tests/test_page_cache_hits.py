"""A page-cache hit is one round trip to the shared cache, and an ordinary
edit's lists may lag by NEWSROOM_LAG_SECONDS while exact changes never do."""

import time

import pytest
import time_machine
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from articles import actions
from articles.models import Article
from caching import pages as page_cache_module
from caching import versions as store
from caching.notices import notices
from caching.pages import _key

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture(autouse=True)
def page_cache(settings, monkeypatch):
    settings.NEWSROOM_PAGE_CACHE = True
    # `renewing()` stands in for a request that never finishes: readers
    # wait this long for it before rendering the page themselves.
    monkeypatch.setattr(page_cache_module, "WAIT_SECONDS", 0.05)


def publish(desk, **fields):
    story = desk.story(status=Status.IN_REVIEW, **fields)
    actions.Publish(story).execute(by=desk.editor)
    return story


@pytest.fixture
def pages(desk):
    story = publish(desk, headline="Budget passes")
    publish(desk, headline="Cup final")
    return ["/", "/articles/", story.get_absolute_url(), "/feeds/"]


def test_a_hit_is_one_query_on_the_embedded_cache(client, pages):
    """With the database cache, a hit this process served before is one
    query: the versions of the page's and its fragments' keys."""
    if not isinstance(caches["default"], DatabaseCache):
        pytest.skip("the embedded cache only (the SQLite pass runs it)")
    for url in pages:
        client.get(url)  # a miss: stored, and this process's copy kept
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response["X-Page-Cache"] == "hit", url
        assert len(captured) == 1, [query["sql"] for query in captured]
        assert "newsroom_cache" in captured[0]["sql"]


@pytest.mark.django_db(transaction=True)
def test_a_hit_is_one_round_trip_to_redis_then_none_until_a_purge(
    client, desk, pages, redis_cache
):
    """A copy is checked once in Redis (one round trip), then served without
    asking until a purge notice names one of its keys."""
    notices.poll()  # this process subscribes (its first request would)
    for url in pages:
        client.get(url)
        redis_cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response["X-Page-Cache"] == "hit", url
        assert len(redis_cache) == 1, redis_cache
        assert len(captured) == 0
        redis_cache.clear()
        assert client.get(url)["X-Page-Cache"] == "hit"
        assert redis_cache == [], url

    story = Article.objects.get(headline="Budget passes")
    story.headline = "Budget fails"
    actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)
    redis_cache.clear()
    edited = client.get(story.get_absolute_url())
    assert "Budget fails" in edited.text
    assert redis_cache  # its copy was not trusted: the notice named it
    redis_cache.clear()
    feed = client.get("/feeds/")
    assert "Budget fails" in feed.text  # it lists the story: not trusted either
    assert redis_cache


def test_a_notice_naming_none_of_a_copys_keys_is_read_once(client, pages, redis_cache):
    """A purge of keys a copy does not show leaves it trusted, and the hit
    that read the notice marks it checked up to it, so later hits do not
    match the notices again (each hit would otherwise read every notice
    since the copy's check)."""
    notices.poll()
    url = pages[0]
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    (copy_key,) = [name for name in notices.checked if name.endswith(":html")]
    store.purge(["tag:999999"])
    redis_cache.clear()
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert redis_cache == []  # trusted: no check
    assert notices.checked[copy_key] == notices.heard


def test_a_purge_asks_redis_again_when_one_slow_answer_took_it_for_down(
    redis_cache,
):
    """A reply slower than the socket timeout makes the cache skip Redis
    for a while (caching.redis). A purge then asks once more, at once,
    rather than fail and wait for its retry seconds later."""
    assert store.purge(["story:1"])
    before = store.versions(["story:1"])["story:1"]
    cache.down_until, cache.failing = time.monotonic() + 60, True
    assert not cache.answering()

    assert store.purge(["story:1"], lagging=["list:all"])

    assert cache.answering()
    assert store.versions(["story:1"])["story:1"] > before


@pytest.mark.django_db(transaction=True)
def test_a_copy_is_not_served_once_any_process_purged_its_keys(client, desk, pages):
    """Another process's change is seen by this one's copies: the purge moves
    the versions in the shared cache, which every hit checks."""
    story = Article.objects.get(headline="Budget passes")
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    story.headline = "Budget fails"
    actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)
    assert "Budget fails" in client.get(story.get_absolute_url()).text
    assert "Budget fails" in client.get("/").text


def renewing(url):
    """Stand in for another request rendering `url` again right now."""
    cache.add(f"pages:renewing:{_key(RequestFactory().get(url))}", 1, 10)


@pytest.mark.django_db(transaction=True)
def test_a_list_lags_an_ordinary_edit_only_while_another_request_renders_it(
    client, desk, pages
):
    story = Article.objects.get(headline="Budget passes")
    with time_machine.travel(time.time(), tick=False) as clock:
        client.get("/articles/")
        story.headline = "Budget fails"
        actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)
        # The story's own page is exact.
        own = client.get(story.get_absolute_url())
        assert own["X-Page-Cache"] == "miss" and "Budget fails" in own.text

        renewing("/articles/")
        clock.shift(1.5)
        lagging = client.get("/articles/")
        assert lagging["X-Page-Cache"] == "grace"
        assert "Budget passes" in lagging.text
        # Never longer than the bound after the copy was rendered.
        clock.shift(0.6)
        late = client.get("/articles/")
        assert late["X-Page-Cache"] == "miss" and "Budget fails" in late.text


@pytest.mark.django_db(transaction=True)
def test_a_list_rendered_long_ago_lags_from_the_first_edit_it_missed(
    client, desk, pages
):
    """The bound runs from the first purge a copy missed, not from when it
    was rendered: a list read rarely gets the same grace as a busy one.
    A copy that missed two edits lags from the first."""
    story = Article.objects.get(headline="Budget passes")
    with time_machine.travel(time.time(), tick=False) as clock:
        client.get("/articles/")
        clock.shift(60)  # rendered a minute before the edit
        story.headline = "Budget fails"
        actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)
        renewing("/articles/")
        clock.shift(1.5)
        lagging = client.get("/articles/")
        assert lagging["X-Page-Cache"] == "grace"
        assert "Budget passes" in lagging.text

        story.refresh_from_db()
        story.headline = "Budget fails again"
        actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)
        clock.shift(0.3)  # 1.8 s after the first edit it missed
        assert client.get("/articles/")["X-Page-Cache"] == "grace"
        clock.shift(0.3)
        late = client.get("/articles/")
        assert late["X-Page-Cache"] == "miss" and "Budget fails again" in late.text


def test_a_purge_notes_when_it_moved_each_lagging_key_for_the_bound_only(settings):
    """What the bound reads: each lagging purge of the last
    NEWSROOM_LAG_SECONDS, by the version it moved the key from."""
    with time_machine.travel(time.time(), tick=False) as clock:
        store.purge([], lagging=["card:1"])
        first = store.versions(["card:1"])["card:1"]
        clock.shift(1)
        store.purge([], lagging=["card:1"])
        second = store.versions(["card:1"])["card:1"]
        assert store.lagging_since({"card:1": first}, {}, 0) == time.time()
        assert store.lagging_since({"card:1": second}, {}, 0) == 0  # current
        clock.shift(settings.NEWSROOM_LAG_SECONDS + 1)
        store.purge([], lagging=["card:1"])
        # The note of the first purge is gone: older than the bound, as a
        # copy missing it lags by now, whatever it says.
        assert store.lagging_since({"card:1": first}, {}, 5.0) == 5.0
        assert store.lagging_since({"card:1": second}, {}, 0) == time.time()
        store.purge(["card:1"])
        third = store.versions(["card:1"])["card:1"]
        assert store.lagging_since({"card:1": third}, {"card:1": second}, 0) is None


@pytest.mark.django_db(transaction=True)
def test_an_edited_storys_page_is_renewed_in_place_for_its_readers(
    client, desk, pages, settings
):
    """With the readers' address known, the edit renders its story's page
    before publishing its purge: the next reader gets the new page as a
    hit (no reader renders it, none waits), and never the old one."""
    settings.NEWSROOM_SITE_URL = "http://testserver"
    story = Article.objects.get(headline="Budget passes")
    url = story.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    story.headline = "Budget fails"
    actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)
    renewed = client.get(url)
    assert renewed["X-Page-Cache"] == "hit"
    assert "Budget fails" in renewed.text and "Budget passes" not in renewed.text
    # Exact changes are not renewed: their pages are emptied.
    actions.AddCorrection(
        story, kind="correction", text="The vote was on Tuesday."
    ).execute(by=desk.editor)
    corrected = client.get(url)
    assert corrected["X-Page-Cache"] == "miss"
    assert "The vote was on Tuesday." in corrected.text


def lists_showing(story):
    """The first pages of the lists the story's card is on."""
    return [
        "/",
        "/articles/",
        story.section.get_absolute_url(),
        "/feeds/",
        "/tags/news/",
        story.bylines.get().author.get_absolute_url(),
    ]


@pytest.mark.django_db(transaction=True)
def test_an_edit_renews_the_lists_showing_its_story_in_place(
    client, desk, pages, settings
):
    """The first page of each list showing the edited story is rendered
    with the story's page, before the purge is published: its readers get
    the new copy as a hit, and none of them renders it or is served the
    old one while another does."""
    settings.NEWSROOM_SITE_URL = "http://testserver"
    story = Article.objects.get(headline="Budget passes")
    *lists, unread = lists_showing(story)
    for url in lists:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url
    story.headline = "Budget fails"
    actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)
    for url in lists:
        renewed = client.get(url)
        assert renewed["X-Page-Cache"] == "hit", url
        assert "Budget fails" in renewed.text, url
        assert "Budget passes" not in renewed.text, url
    # A list no reader asked for is left to its first reader.
    first = client.get(unread)
    assert first["X-Page-Cache"] == "miss" and "Budget fails" in first.text


@pytest.mark.django_db(transaction=True)
def test_a_list_an_edit_moves_its_story_onto_is_renewed_from_fresh_ids(
    client, desk, pages, settings
):
    """The ids a tag page lists are kept by the tag's list key, which the
    edit moves: rendered before its purge publishes, the page must not use
    the kept ids that still look current (caching.values.moving)."""
    from articles.actions import StoryParts
    from tests.factories import make_article

    settings.NEWSROOM_SITE_URL = "http://testserver"
    make_article(headline="Harbour reopens", tags=["harbour"])
    assert "Harbour reopens" in client.get("/tags/harbour/").text  # kept
    story = Article.objects.get(headline="Budget passes")
    story.headline = "Budget passes the harbour"
    actions.SaveEdit(
        story, base_version=story.version, parts=StoryParts(tags=["news", "harbour"])
    ).execute(by=desk.editor)
    page = client.get("/tags/harbour/")
    assert page["X-Page-Cache"] == "hit"  # renewed in place
    assert "Budget passes the harbour" in page.text


@pytest.mark.django_db(transaction=True)
def test_an_edit_renews_its_own_page_first_and_as_many_lists_as_allowed(
    client, desk, pages, settings, monkeypatch
):
    from caching import renewal

    settings.NEWSROOM_SITE_URL = "http://testserver"
    monkeypatch.setattr(renewal, "AT_MOST", 3)
    story = Article.objects.get(headline="Budget passes")
    # The front page comes first of the lists, but no reader asked for it:
    # it takes no place from the busiest lists that are kept.
    unread, *lists = lists_showing(story)
    busiest, rest = [story.get_absolute_url(), *lists[:2]], lists[2:]
    for url in busiest + rest:
        client.get(url)
    story.headline = "Budget fails"
    actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)
    for url in busiest:
        assert client.get(url)["X-Page-Cache"] == "hit", url
    for url in [*rest, unread]:  # its first reader renders it, as before
        page = client.get(url)
        assert page["X-Page-Cache"] == "miss" and "Budget fails" in page.text


@pytest.mark.django_db(transaction=True)
def test_nothing_is_rendered_for_readers_where_no_page_is_kept(
    client, desk, pages, settings, monkeypatch
):
    from caching import renewal

    settings.NEWSROOM_SITE_URL = "http://testserver"
    settings.NEWSROOM_PAGE_CACHE = False
    rendered = []
    monkeypatch.setattr(renewal, "renew", lambda *args: rendered.append(args))
    story = Article.objects.get(headline="Budget passes")
    story.headline = "Budget fails"
    actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)
    assert rendered == []
    assert "Budget fails" in client.get(story.get_absolute_url()).text


@pytest.mark.django_db(transaction=True)
def test_a_purge_made_while_a_page_renews_is_never_undone(
    client, desk, pages, settings, monkeypatch
):
    """Another purge of the story's key (a second edit) made while its page
    renders for the first: the rendered page may lack that change, so it is
    not kept, and the first purge publishes past the second, never back."""
    from caching import renewal

    settings.NEWSROOM_SITE_URL = "http://testserver"
    story = Article.objects.get(headline="Budget passes")
    url, key = story.get_absolute_url(), f"story:{story.pk}"
    client.get(url)
    render = renewal.renew
    meanwhile = {}

    def renew_while_another_purges(paths, publishing):
        rendered = render(paths, publishing)
        store.purge([key])
        meanwhile["version"] = store.versions([key])[key]
        return rendered

    monkeypatch.setattr(renewal, "renew", renew_while_another_purges)
    story.headline = "Budget fails"
    actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)
    assert store.versions([key])[key] > meanwhile["version"]
    page = client.get(url)
    assert page["X-Page-Cache"] == "miss" and "Budget fails" in page.text


@pytest.mark.django_db(transaction=True)
def test_the_first_reader_after_an_edit_renders_the_list_afresh(client, desk, pages):
    story = Article.objects.get(headline="Budget passes")
    client.get("/articles/")
    story.headline = "Budget fails"
    actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)
    first = client.get("/articles/")
    assert first["X-Page-Cache"] == "miss" and "Budget fails" in first.text
    assert client.get("/articles/")["X-Page-Cache"] == "hit"


@pytest.mark.django_db(transaction=True)
def test_readers_of_a_purged_page_wait_for_the_one_request_rendering_it(
    client, desk, pages, memory_cache, monkeypatch
):
    """Coalescing: while one request renders a page an edit purged (here a
    correction, exact: no old copy may be served), another reader of it
    waits for that render and gets its copy instead of rendering too."""
    import threading

    monkeypatch.setattr(page_cache_module, "WAIT_SECONDS", 5)
    story = Article.objects.get(headline="Budget passes")
    url = story.get_absolute_url()
    key = _key(RequestFactory().get(url))
    client.get(url)
    old = cache.get(key)
    actions.AddCorrection(
        story, kind="correction", text="The vote was on Tuesday."
    ).execute(by=desk.editor)
    assert client.get(url)["X-Page-Cache"] == "miss"
    # Back to the moment the first reader after the correction began to
    # render it: the stored copy is the old one, and it holds the lock.
    rendered = cache.get(key)
    cache.set(key, old)
    caches["copies"].clear()
    lock = f"pages:renewing:{key}"
    cache.add(lock, 1, 10)

    def render_done():
        time.sleep(0.2)
        cache.set(key, rendered)
        cache.delete(lock)

    other = threading.Thread(target=render_done)
    other.start()
    started = time.monotonic()
    with CaptureQueriesContext(connection) as queries:
        waited = client.get(url)
    took = time.monotonic() - started
    other.join()

    assert took >= 0.15
    assert waited["X-Page-Cache"] == "coalesced"
    assert "The vote was on Tuesday." in waited.text
    assert len(queries) == 0  # nothing rendered here
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_a_page_never_kept_is_not_waited_for(client, desk, pages, monkeypatch):
    """Only a page with a copy kept before is waited for: one never kept (an
    error, a page setting a cookie) would otherwise make its readers queue
    behind each other's renders. Here: no copy of it exists yet."""
    monkeypatch.setattr(page_cache_module, "WAIT_SECONDS", 5)
    renewing("/articles/?page=7")
    started = time.monotonic()
    response = client.get("/articles/?page=7")
    assert time.monotonic() - started < 1
    assert response.get("X-Page-Cache", "miss") == "miss"


@pytest.mark.parametrize("change", ["withdraw", "correct", "delete"])
@pytest.mark.django_db(transaction=True)
def test_exact_changes_never_lag(client, desk, pages, change):
    story = Article.objects.get(headline="Budget passes")
    client.get("/articles/")
    client.get(story.get_absolute_url())
    if change == "withdraw":
        actions.Withdraw(story).execute(by=desk.editor)
    elif change == "correct":
        actions.AddCorrection(
            story, kind="correction", text="The vote was on Tuesday."
        ).execute(by=desk.editor)
    else:
        actions.DeleteStory(story).execute(by=desk.editor)
    renewing("/articles/")
    renewing(story.get_absolute_url())
    listed = client.get("/articles/")
    page = client.get(story.get_absolute_url())
    assert listed["X-Page-Cache"] == "miss"
    assert page.get("X-Page-Cache", "miss") == "miss"  # a 404 is not kept
    if change == "correct":
        assert "The vote was on Tuesday." in page.text
    else:
        assert "Budget passes" not in listed.text
        assert page.status_code in (404, 410)


def test_copies_are_kept_as_they_are_and_dropped_oldest_first():
    copies = caches["copies"]
    kept, copies._max_entries = copies._max_entries, 2
    try:
        page = object()
        copies.set("a", page)
        assert copies.get("a") is page  # not a pickled copy
        copies.set("b", 2)
        copies.set("c", 3)
        assert copies.get("a") is None and copies.get("c") == 3
    finally:
        copies._max_entries = kept


@pytest.mark.django_db(transaction=True)
def test_a_copy_whose_fragment_moved_is_renewed_without_rendering(client, desk, pages):
    """An edit of a Top Story changes the feed under every story page: each
    page's copy takes the new feed in, and the page itself is not rendered
    again (nor its stored text fetched)."""
    story = Article.objects.get(headline="Budget passes")
    other = Article.objects.get(headline="Cup final")
    url = story.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    other.headline = "Cup final postponed"
    actions.SaveEdit(other, base_version=other.version).execute(by=desk.editor)
    with CaptureQueriesContext(connection) as captured:
        renewed = client.get(url)
    assert renewed["X-Page-Cache"] == "hit"
    assert "Cup final postponed" in renewed.text
    page_key = _key(RequestFactory().get(url))
    assert captured and not any(page_key in query["sql"] for query in captured)
    assert client.get(url)["X-Page-Cache"] == "hit"


@pytest.mark.django_db(transaction=True)
def test_a_renewed_copy_costs_no_round_trip_once_its_fragment_is_fetched(
    client, desk, pages, redis_cache
):
    """After an edit of a Top Story, the first story page fetches the new
    feed; every other page's copy then takes it in without asking Redis:
    the purge notice says which of its versions moved, and to what. Where
    the notices cannot say (the copy was never checked since this process
    subscribed), one read of its versions says it."""
    notices.poll()
    other = publish(desk, headline="Rates hold")
    third = publish(desk, headline="Storm nears")
    urls = [Article.objects.get(headline="Budget passes").get_absolute_url()]
    urls += [other.get_absolute_url(), third.get_absolute_url()]
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    story = Article.objects.get(headline="Cup final")
    story.headline = "Cup final postponed"
    actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)
    first = client.get(urls[0])
    assert first["X-Page-Cache"] == "hit" and "Cup final postponed" in first.text
    redis_cache.clear()
    with CaptureQueriesContext(connection) as captured:
        second = client.get(urls[1])
    assert second["X-Page-Cache"] == "hit" and "Cup final postponed" in second.text
    assert redis_cache == []
    assert len(captured) == 0

    notices.checked.clear()  # as after a lost subscription: no notice trusted
    redis_cache.clear()
    third_page = client.get(urls[2])
    assert "Cup final postponed" in third_page.text
    assert len(redis_cache) == 1, redis_cache
    assert b"\r\nMGET\r\n" in b"".join(redis_cache[0])
