"""Which release rendered a stored piece of HTML."""

import functools
import hashlib
from pathlib import Path

from django.conf import settings

#: What stored HTML (cards, story pages) is made from besides the data.
SOURCES = ["jinja2", "templating.py", "pictures.py", "structured_data.py"]


@functools.cache
def release():
    """A digest of the public templates, the code that renders them and the
    settings they print: stored HTML is named by it, so a release that
    changes how a card or story page looks renders them anew instead of
    serving what the last release stored."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for source in SOURCES:
        path = here / source
        for file in sorted(path.rglob("*.html")) if path.is_dir() else [path]:
            digest.update(file.relative_to(here).as_posix().encode())
            digest.update(file.read_bytes())
    printed = [settings.TIME_ZONE, settings.LANGUAGE_CODE, settings.NEWSROOM_SITE_NAME]
    digest.update("|".join(printed).encode())
    return digest.hexdigest()[:16]
