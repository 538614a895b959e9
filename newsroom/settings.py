"""Newsroom settings: one module, every value read from the environment.

Unset variables give the embedded default: SQLite file, local media folder,
local-memory cache, DEBUG off. README.md lists every variable and the
production environment that passes `manage.py check --deploy`.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from articles import body as body_elements

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


DEBUG = env_bool("DEBUG")
#: manage.py commands that build or check the code and sign nothing: they
#: run where no secret is given (an image build, a migrations check), with
#: no key at all, so anything that would sign fails as Django refuses an
#: empty key.
KEYLESS_COMMANDS = {"makemigrations", "collectstatic"}
#: Signs sessions, preview links and every token the site hands out. A key
#: in the source would let anyone sign a preview link to any draft, so
#: without DEBUG the site refuses to start until one is set.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
_running = Path(sys.argv[0]).name == "manage.py" and "".join(sys.argv[1:2])
if not SECRET_KEY and _running not in KEYLESS_COMMANDS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it to a long random value, e.g. the "
            "output of: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
            " (DEBUG=1 runs with a development key, for local use only)."
        )
    SECRET_KEY = "django-insecure-newsroom-local-development-only"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The desk first: its templates override the admin's.
    "desk",
    "desk.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",  # the search backend on PostgreSQL
    "desk.apps.NewsroomTagsConfig",  # django-taggit
    "django_prose_editor",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "corsheaders",
    "django_tasks_db",
    "articles",
    "public",
    "audit",
    "wordpress",
    "anymail",
    "newsletters",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",  # the read API's CORS headers
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Cached public pages for anonymous readers are answered from here on.
    "public.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified()
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "audit.context.AuditContextMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    # The public site (public.templating); the admin below.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "APP_DIRS": True,  # public/jinja2/
        "OPTIONS": {
            "environment": "public.templating.environment",
            "context_processors": ["public.context_processors.site"],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "public.context_processors.site",
            ],
        },
    },
]

# The story body's own elements (inline photos, tables, pull quotes, fact
# boxes, links to stories): the editor's script and the sanitizer's rules.
DJANGO_PROSE_EDITOR_EXTENSIONS = [body_elements.EDITOR_EXTENSIONS]

# --- data ------------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections persist for a minute, as on PostgreSQL: opening one (the
    # file, the pragmas below) was a tenth of each render's time under load.
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write
    # lock at BEGIN so concurrent writers queue (up to the timeout) instead of
    # failing with "database is locked" when a read transaction upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA busy_timeout=20000;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "caching.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
        }
    }
else:
    # Shared by every process on the machine (gunicorn workers, management
    # commands), so a change made anywhere is seen everywhere: never a
    # per-process cache that could go stale.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "newsroom_cache",
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 20_000)},
        }
    }

# Background work (purges of the HTTP cache, retries) is kept in the database
# and run by `manage.py db_worker`, which `make run` and `make serve` start.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# Each process also keeps the pages it served, as readers get them, in its
# own memory; one is served only after its content-key versions are checked
# in the shared cache above (caching.pages, caching.copies), so it never goes
# stale.
CACHES["copies"] = {
    "BACKEND": "caching.local.ProcessMemoryCache",
    "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_COPIES_PER_PROCESS", 500)},
}
# Values derived from what readers see (caching.values), the same way.
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "newsroom-pages",
    "OPTIONS": {"MAX_ENTRIES": env_int("VALUES_PER_PROCESS", 500)},
}

# What each process keeps in its own memory besides page copies: story cards,
# stored per card version and so never stale (public.cards), and how many
# stories each tag and author has, which only guides how a list is read.
CACHES["local"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "newsroom-local",
    "OPTIONS": {"MAX_ENTRIES": env_int("LOCAL_CACHE_ENTRIES", 5_000)},
}

# --- files -----------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST")
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # S3 or any S3-compatible service (MinIO, R2…); credentials and endpoint
    # come from django-storages' own AWS_* variables.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
        },
    }
# Without collectstatic (development, tests) WhiteNoise serves from the apps.
WHITENOISE_USE_FINDERS = not env_bool("STATIC_MANIFEST")
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- security --------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling: 5 failed attempts for one account from one address in
# 15 minutes lock that pair out for 15 minutes. Counted in the database, so
# it holds while the cache is down.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
#: Reverse proxies in front of the app servers (nginx: 1; a CDN and nginx:
#: 2), each appending to X-Forwarded-For: the client's address, for login
#: throttling, the audit log and the read API's rate limit, is the N-th from
#: the right (network.client_address). 0: the socket's peer.
NEWSROOM_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "network.client_address"
AXES_USERNAME_CALLABLE = "desk.throttling.attempted_username"

# Two-factor sign-in (desk.two_factor): authenticator-app codes and
# recovery codes (django-otp), passkeys (django-otp-webauthn). Required of
# editors and administrators unless turned off (the local demo does).
NEWSROOM_TWO_FACTOR_REQUIRED = env_bool("NEWSROOM_TWO_FACTOR_REQUIRED", True)
#: Failed sign-ins logged in full per ten minutes; more are only counted
#: (one entry sums them up), so a flood cannot grow the audit log unbounded.
NEWSROOM_FAILED_SIGN_INS_LOGGED = env_int("NEWSROOM_FAILED_SIGN_INS_LOGGED", 50)
#: Recovery codes each person gets with their first authenticator app.
NEWSROOM_RECOVERY_CODES = 10
#: Setting up a first second factor needs an administrator's invitation (a
#: link that works once): off, a password alone may (trust on first use).
NEWSROOM_TWO_FACTOR_INVITATION = env_bool("NEWSROOM_TWO_FACTOR_INVITATION")
#: How long an invitation's link works.
NEWSROOM_TWO_FACTOR_INVITATION_HOURS = env_int(
    "NEWSROOM_TWO_FACTOR_INVITATION_HOURS", 72
)
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # no keys or codes in the admin
OTP_TOTP_ISSUER = os.environ.get("NEWSROOM_SITE_NAME", "Newsroom")
# Passkeys are bound to the site's domain (never an IP address) and accepted
# only from these origins: https:// in production, http://localhost locally.
OTP_WEBAUTHN_RP_ID = os.environ.get("WEBAUTHN_RP_ID", "localhost")
OTP_WEBAUTHN_RP_NAME = OTP_TOTP_ISSUER
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("WEBAUTHN_ORIGINS", "http://localhost:8000")
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False  # a second factor, never the only one

# The read API (/api/v1/): any site may read it from a browser (no cookies,
# no writes); each client address gets NEWSROOM_API_RATE requests.
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]
#: Read-API requests per client address: N/s, N/min, N/hour or N/day.
NEWSROOM_API_RATE = os.environ.get("NEWSROOM_API_RATE", "600/min")

HTTPS = env_bool("HTTPS")  # set in production, behind TLS
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD")
if env_bool("BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
_MEDIA_ORIGINS = env_list("CSP_MEDIA_ORIGINS")
#: The only frames a page may hold: quoted videos' players, loaded when the
#: reader presses play (articles.embeds).
NEWSROOM_PLAYER_ORIGINS = [
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
SECURE_CSP = {
    "default-src": [CSP.SELF],
    # The prose editor's import map is inline: the admin adds the nonce.
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:", *_MEDIA_ORIGINS],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-src": NEWSROOM_PLAYER_ORIGINS,
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# --- email -----------------------------------------------------------------

# Console in development; production sets EMAIL_BACKEND to SMTP (check --deploy
# refuses the console backend) and the EMAIL_* variables.
_EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
_SMTP_OPTIONS = {
    "host": os.environ.get("EMAIL_HOST", "localhost"),
    "port": env_int("EMAIL_PORT", 25),
    "username": os.environ.get("EMAIL_HOST_USER", ""),
    "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
    "use_tls": env_bool("EMAIL_USE_TLS"),
}
MAILERS = {
    "default": {
        "BACKEND": _EMAIL_BACKEND,
        "OPTIONS": _SMTP_OPTIONS
        if _EMAIL_BACKEND.endswith("smtp.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
# A provider through django-anymail: EMAIL_BACKEND=anymail.backends.<esp>.EmailBackend
# and its settings as ANYMAIL_* variables (ANYMAIL_MAILGUN_API_KEY,
# ANYMAIL_MAILGUN_WEBHOOK_SIGNING_KEY, ANYMAIL_WEBHOOK_SECRET…).
ANYMAIL = {
    name.removeprefix("ANYMAIL_"): value
    for name, value in os.environ.items()
    if name.startswith("ANYMAIL_")
}
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- language and time ---------------------------------------------------------

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "en-us")
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True
# Newsroom house style for short dates ("4/25/24") lives in newsroom/formats/.
FORMAT_MODULE_PATH = ["newsroom.formats"]

LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# --- the product -----------------------------------------------------------

#: The site's name in pages, feeds, emails and the authenticator app.
NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "Newsroom")
#: Stories in the Top Stories feed.
NEWSROOM_TOP_STORIES = env_int("NEWSROOM_TOP_STORIES", 5)
#: Mastodon servers whose posts a story may quote as cards (articles.embeds);
#: other providers' hosts are fixed there.
NEWSROOM_MASTODON_HOSTS = env_list("NEWSROOM_MASTODON_HOSTS", "mastodon.social")
#: oEmbed endpoints by provider name, replacing the providers' own: the tests
#: point them at a local server. Not read from the environment.
NEWSROOM_OEMBED_ENDPOINTS = {}
#: How often an open live story asks for new updates (seconds).
NEWSROOM_LIVE_POLL_SECONDS = env_int("NEWSROOM_LIVE_POLL_SECONDS", 15)
#: Stories per page of a list.
NEWSROOM_PAGE_SIZE = env_int("NEWSROOM_PAGE_SIZE", 20)
#: How long a shared preview link works, in seconds (default 48 hours).
NEWSROOM_PREVIEW_MAX_AGE = env_int("NEWSROOM_PREVIEW_MAX_AGE", 48 * 3600)
#: How recently someone must have opened a story to be shown as "also editing".
NEWSROOM_PRESENCE_SECONDS = env_int("NEWSROOM_PRESENCE_SECONDS", 300)
#: Upload limits: bytes, and pixels counting every frame of an animation.
NEWSROOM_UPLOAD_MAX_BYTES = env_int("NEWSROOM_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
NEWSROOM_UPLOAD_MAX_PIXELS = env_int("NEWSROOM_UPLOAD_MAX_PIXELS", 40_000_000)
#: Widths of the resized copies made of every upload (imaging.renditions).
NEWSROOM_RENDITION_WIDTHS = (320, 640, 960, 1280, 1920)
#: Anonymous public pages are kept in the shared cache (0 turns that off).
NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", True)
#: Paths no cached page lives under: their requests skip the cache lookup.
#: The read API looks itself up after its rate limit (public.api.serving).
NEWSROOM_UNCACHED_PATHS = [
    "/admin/",
    "/preview/",
    "/healthz",
    "/robots.txt",
    "/api/",
    "/newsletters/",
]
#: Longest a cached page is kept; publication events end it sooner.
NEWSROOM_PAGE_CACHE_SECONDS = env_int("NEWSROOM_PAGE_CACHE_SECONDS", 600)
#: How long a list or fragment may lag an ordinary edit of a story on it
#: (a withdrawal, deletion, correction and the story's own page never lag):
#: while one request renders it again, others get the copy rendered at most
#: this many seconds ago (caching.pages). Varnish's softpurge grace in
#: deploy/varnish/default.vcl is the same 2 s. 0 turns lagging off.
NEWSROOM_LAG_SECONDS = env_int("NEWSROOM_LAG_SECONDS", 2)
#: The HTTP cache in front that purges by content key: "varnish", "fastly",
#: "cloudflare", or "" for none (caching/purging.py has the adapters).
NEWSROOM_HTTP_CACHE = os.environ.get("NEWSROOM_HTTP_CACHE", "").strip().lower()
# Search-engine and feed pings (articles.pings): off unless the site's public
# address and a key or hub are set.
#: The site's public address (https://news.example.com), for links sent out.
NEWSROOM_SITE_URL = os.environ.get("NEWSROOM_SITE_URL", "")
# Newsletters (newsletters/): copies per batch a worker claims, how long the
# claim holds (a killed worker's copies go out once it ends), sign-ups per
# client address and hour, and the mailbox a mail client's unsubscribe goes to.
NEWSLETTER_BATCH = env_int("NEWSLETTER_BATCH", 200)
NEWSLETTER_LEASE_SECONDS = env_int("NEWSLETTER_LEASE_SECONDS", 120)
NEWSLETTER_SUBSCRIBE_RATE = env_int("NEWSLETTER_SUBSCRIBE_RATE", 5)
NEWSLETTER_UNSUBSCRIBE_EMAIL = os.environ.get("NEWSLETTER_UNSUBSCRIBE_EMAIL", "")
#: IndexNow key (served at /indexnow-key.txt), and where pings go.
NEWSROOM_INDEXNOW_KEY = os.environ.get("NEWSROOM_INDEXNOW_KEY", "")
NEWSROOM_INDEXNOW_ENDPOINT = os.environ.get(
    "NEWSROOM_INDEXNOW_ENDPOINT", "https://api.indexnow.org/indexnow"
)
#: The WebSub hub told that the main feeds changed.
NEWSROOM_WEBSUB_HUB = os.environ.get("NEWSROOM_WEBSUB_HUB", "")
#: How long an HTTP cache may keep a public page (s-maxage), never past the
#: next scheduled change: long when it is purged by key, short when not.
NEWSROOM_CDN_MAX_AGE = env_int(
    "NEWSROOM_CDN_MAX_AGE", 86400 if NEWSROOM_HTTP_CACHE else 30
)
#: Varnish servers to purge (comma-separated base URLs, e.g. http://varnish:6081).
NEWSROOM_VARNISH_URLS = env_list("NEWSROOM_VARNISH_URLS")
#: Sent with every purge; Varnish's purge.vcl holds the same value.
NEWSROOM_VARNISH_PURGE_SECRET = os.environ.get("NEWSROOM_VARNISH_PURGE_SECRET", "")
#: Fastly: the service id and an API token with purge rights.
NEWSROOM_FASTLY_SERVICE = os.environ.get("NEWSROOM_FASTLY_SERVICE", "")
NEWSROOM_FASTLY_TOKEN = os.environ.get("NEWSROOM_FASTLY_TOKEN", "")
NEWSROOM_FASTLY_API = os.environ.get("NEWSROOM_FASTLY_API", "https://api.fastly.com")
#: Cloudflare: the zone id and an API token with cache-purge rights.
NEWSROOM_CLOUDFLARE_ZONE = os.environ.get("NEWSROOM_CLOUDFLARE_ZONE", "")
NEWSROOM_CLOUDFLARE_TOKEN = os.environ.get("NEWSROOM_CLOUDFLARE_TOKEN", "")
NEWSROOM_CLOUDFLARE_API = os.environ.get(
    "NEWSROOM_CLOUDFLARE_API", "https://api.cloudflare.com/client/v4"
)
#: While the database fails, readers get pages cached up to this long ago.
NEWSROOM_STALE_IF_ERROR = env_int("NEWSROOM_STALE_IF_ERROR", 86400)
#: An HTTP cache may serve a page this long past its time while it refetches.
NEWSROOM_STALE_REVALIDATE = env_int("NEWSROOM_STALE_REVALIDATE", 30)
#: Installs the benchmark app: seed_bench, bench_prepare and /bench/ceiling/,
#: the minimal view `make bench` measures against.
NEWSROOM_BENCH = env_bool("NEWSROOM_BENCH")
if NEWSROOM_BENCH:
    INSTALLED_APPS.append("bench")
    NEWSROOM_UNCACHED_PATHS.append("/bench/")
#: Installs the demo newsroom (`manage.py load_demo`): `make run` and the
#: tests turn it on; production never has it.
NEWSROOM_DEMO = env_bool("NEWSROOM_DEMO")
if NEWSROOM_DEMO:
    INSTALLED_APPS.append("demo")
