"""Every public page of the demo newsroom passes the Nu HTML checker: valid
markup, `<time>` values HTML accepts, headings that never skip a level.

The checker (vnu.jar, Java) is installed by `make tools`; without it this test
skips, unless NEWSROOM_REQUIRE_VNU is set (CI sets it).
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from articles import preview
from articles.models import Article, Author, Section

pytestmark = pytest.mark.django_db

JAR = Path(
    os.environ.get("VNU_JAR")
    or settings.BASE_DIR / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"
)


@pytest.fixture
def checker():
    java = shutil.which("java")
    if java is None or not JAR.exists():
        reason = "the Nu HTML checker needs java and vnu.jar (make tools)"
        if os.environ.get("NEWSROOM_REQUIRE_VNU"):
            pytest.fail(reason + "; NEWSROOM_REQUIRE_VNU is set")
        pytest.skip(reason)
    return [java, "-Xss2m", "-jar", str(JAR), "--format", "json", "--stdout"]


def public_pages():
    """(name, URL, expected status) for every kind of public page."""
    live = Article.objects.live()
    story = live.get(slug="blinken-opens-china-visit-in-shanghai")
    corrected = live.filter(corrections__isnull=False).first()
    withdrawn = Article.objects.filter(status=Article.Status.WITHDRAWN).first()
    draft = Article.objects.filter(status=Article.Status.DRAFT).first()
    author = Author.objects.get(slug="olga-nesterova")
    return [
        ("home", "/", 200),
        ("all stories", reverse("articles:list"), 200),
        ("page two", reverse("articles:list") + "?page=2", 200),
        (
            "filtered",
            reverse("articles:list") + "?tag=diplomacy&author=olga-nesterova",
            200,
        ),
        ("bad filter", reverse("articles:list") + "?author=nobody", 404),
        ("story", story.get_absolute_url(), 200),
        ("corrected story", corrected.get_absolute_url(), 200),
        ("tag", reverse("articles:tag", args=["diplomacy"]), 200),
        ("authors", reverse("articles:authors"), 200),
        ("author", author.get_absolute_url(), 200),
        ("section", Section.objects.first().get_absolute_url(), 200),
        ("search", reverse("articles:search") + "?q=shanghai", 200),
        ("empty search", reverse("articles:search"), 200),
        ("no results", reverse("articles:search") + "?q=zzzzqqq", 200),
        ("not found", "/articles/no-such-story/", 404),
        ("withdrawn", withdrawn.get_absolute_url(), 410),
        ("preview", preview.share_url(draft), 200),
    ]


def test_every_public_page_is_valid_html(client, settings, checker, tmp_path):
    settings.DEBUG = True  # load_demo refuses otherwise; pages render the same
    call_command("load_demo", verbosity=0, photo_width=320)
    settings.DEBUG = False
    names = {}
    for name, url, status in public_pages():
        response = client.get(url)
        assert response.status_code == status, name
        path = tmp_path / f"{len(names)}.html"
        path.write_bytes(response.content)
        names[path] = name

    done = subprocess.run(  # noqa: S603 - a fixed command on our own files
        [*checker, *map(str, names)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    by_url = {f"file:{path}": name for path, name in names.items()}
    problems = [
        f"{by_url.get(m.get('url'), m.get('url'))}:{m.get('lastLine')}: {m['message']}"
        for m in json.loads(done.stdout)["messages"]
        if m["type"] == "error"
    ]
    assert problems == []
