"""Which release rendered a stored piece of HTML."""

import functools
import hashlib
from importlib.metadata import version
from pathlib import Path

from django.conf import settings

#: The project's code and templates that stored HTML (cards, story pages) is
#: rendered and named by.
SOURCES = ("articles", "caching", "imaging", "newsroom", "public")
#: The packages that render it, and the settings it prints.
PACKAGES = ("django", "jinja2")
SETTINGS = (
    "TIME_ZONE",
    "LANGUAGE_CODE",
    "NEWSROOM_SITE_NAME",
    "MEDIA_URL",
    "STATIC_URL",
    "STORAGES",
    "FORMAT_MODULE_PATH",
)


@functools.cache
def release():
    """A digest of the code, templates, packages and settings that make
    stored HTML: stored HTML is named by it, so a release that changes how a
    card or a story page looks, or where its pictures live, renders them
    anew instead of serving what the last release stored."""
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for source in SOURCES:
        for file in sorted((root / source).rglob("*")):
            if file.suffix in {".py", ".html"}:
                digest.update(file.relative_to(root).as_posix().encode())
                digest.update(file.read_bytes())
    for package in PACKAGES:
        digest.update(f"{package}={version(package)}".encode())
    for name in SETTINGS:
        digest.update(f"{name}={getattr(settings, name, None)!r}".encode())
    return digest.hexdigest()[:16]
