import pytest

#: Fixtures shared by several modules: the SMTP server newsletters go to,
#: and the shared cache on Redis, counting its commands.
pytest_plugins = ["tests.newsletter_helpers", "tests.cache_helpers"]


@pytest.fixture(autouse=True, scope="session")
def jinja2_contexts():
    """Django's test client records what Django templates render with
    (response.context, response.templates); record the public site's Jinja2
    templates too, as Django's test setup does for its own engine."""
    from django.template.backends.jinja2 import Template
    from django.test.signals import template_rendered

    original = Template.render

    def render(self, context=None, request=None):
        context = {} if context is None else context
        template_rendered.send(sender=self, template=self.template, context=context)
        return original(self, context, request)

    Template.render = render
    yield
    Template.render = original


#: Triggers that refuse to empty the audit log (audit migration 0002): the
#: test databases are emptied between tests with exactly those statements.
CLEANUP_BLOCKERS = {
    "sqlite": "DROP TRIGGER IF EXISTS articles_auditentry_no_delete",
    "postgresql": "DROP TRIGGER IF EXISTS articles_auditentry_no_truncate "
    "ON articles_auditentry",
}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test databases, able to be emptied between tests (a production
    database refuses: tests/test_audit_storage.py)."""
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all():
            with connection.cursor() as cursor:
                cursor.execute(CLEANUP_BLOCKERS[connection.vendor])


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes uploads to its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    # Deliberately slow hashing protects real passwords; tests need none of it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests change the database behind the views' backs; tests/test_caching.py
    # turns the page cache on and changes things the way the newsroom does.
    settings.NEWSROOM_PAGE_CACHE = False
    # Signing in with a second factor is tested in tests/test_two_factor.py;
    # elsewhere editors sign in by password alone.
    settings.NEWSROOM_TWO_FACTOR_REQUIRED = False
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def clear_cache(request):
    """Every test starts with an empty cache (media roots differ between tests,
    so do pictures' URLs). The embedded cache lives in the database: only
    tests that may use the database can touch it, and they set it up first."""
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    if isinstance(caches["default"], DatabaseCache):
        if "_django_db_helper" not in request.fixturenames:
            yield
            return
        request.getfixturevalue("_django_db_helper")
    for alias in ("default", "pages", "local", "copies"):
        caches[alias].clear()
    yield
    for alias in ("default", "pages", "local", "copies"):
        caches[alias].clear()


@pytest.fixture
def memory_cache(settings):
    """The cache in local memory: for tests that count the database queries of
    rendering, which the embedded cache (kept in the database) would join."""
    from django.core.cache import caches

    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    # Local-memory caches of one name share their store across tests.
    caches["default"].clear()
    yield
    caches["default"].clear()


class Desk:
    """Two writers (each with an author profile), an editor and a superuser."""

    def __init__(self):
        from tests.factories import make_author, make_user

        self.writer = make_user("writer", role="Writer")
        self.writer2 = make_user("writer2", role="Writer")
        self.editor = make_user("editor", role="Editor")
        self.admin = make_user("admin", is_superuser=True, is_staff=True)
        self.writer_author = make_author(name="Olga Nesterova", user=self.writer)
        self.writer2_author = make_author(name="Ben Okafor", user=self.writer2)

    def story(self, *, owner=None, **fields):
        """A complete story owned (created and bylined) by `owner`."""
        from articles import revisions
        from articles.models import Revision
        from tests.factories import make_article

        owner = owner or self.writer
        author = self.writer_author if owner == self.writer else self.writer2_author
        fields.setdefault("live", False)
        story = make_article(created_by=owner, authors=[author], **fields)
        revisions.record(story, by=owner, kind=Revision.Kind.CREATED)
        return story


@pytest.fixture
def desk(db):
    return Desk()


@pytest.fixture
def clock():
    """Time held still (moved by hand): codes depend on the 30-second step.
    For the two-factor tests (tests/test_two_factor*.py)."""
    import time_machine
    from django.utils import timezone

    start = timezone.now().replace(microsecond=0)
    with time_machine.travel(start, tick=False) as traveller:
        yield traveller


@pytest.fixture
def live_story(desk):
    """A published story with live coverage (tests/test_live*.py)."""
    from articles import actions
    from articles.models import Article

    story = desk.story(
        status=Article.Status.IN_REVIEW,
        headline="Storm hits the coast",
        live_coverage=True,
    )
    actions.Publish(story).execute(by=desk.editor)
    story.refresh_from_db()
    return story


@pytest.fixture
def newsroom():
    """Three live stories across two sections, two authors and two tags, for
    the public site's tests (tests/test_content_keys.py has its own)."""
    from tests.factories import make_article, make_author, make_section

    world, sport = make_section(name="World", slug="world"), make_section(slug="sport")
    olga, ben = make_author(name="Olga Nesterova", slug="olga"), make_author(slug="ben")
    stories = {
        "both_tags_olga_world": make_article(
            section=world, authors=[olga], tags=["china", "diplomacy"]
        ),
        "china_ben_world": make_article(section=world, authors=[ben], tags=["china"]),
        "diplomacy_olga_sport": make_article(
            section=sport, authors=[olga, ben], tags=["diplomacy"]
        ),
    }
    return stories


@pytest.fixture
def provider(settings):
    """A local oEmbed provider the YouTube and X addresses are asked of."""
    from tests.embed_helpers import POST, VIDEO, FakeProvider

    fake = FakeProvider()
    endpoint = f"{fake.url}/oembed"
    settings.NEWSROOM_OEMBED_ENDPOINTS = dict.fromkeys(("youtube", "x"), endpoint)
    fake.answers[VIDEO] = {
        "type": "video",
        "title": "Harbour storm, seen from the lighthouse",
        "author_name": "Port Ellery Harbour",
        "author_url": "https://www.youtube.com/@portellery",
        "html": '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>',
        "thumbnail_url": f"{fake.url}/thumb.jpg",
    }
    fake.answers[POST] = {
        "type": "rich",
        "author_name": "Secretary Antony Blinken",
        "author_url": "https://x.com/SecBlinken",
        "html": '<blockquote class="twitter-tweet"><p>Great to be in Shanghai '
        "<script>alert(1)</script>today.</p>&mdash; Secretary Blinken</blockquote>"
        '<script async src="https://platform.twitter.com/widgets.js"></script>',
    }
    yield fake
    fake.close()
