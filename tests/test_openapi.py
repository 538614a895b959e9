"""The read API answers only what its OpenAPI document describes: a
property-based run of schemathesis over /api/v1/openapi.json, with a fixed
seed and a bounded number of examples (schemathesis.toml holds its
settings), against a live server with stories to find."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import make_article, make_author, make_section

ROOT = Path(__file__).resolve().parent.parent
SEED = "20261204"
EXAMPLES = "10"


@pytest.mark.django_db(transaction=True)
def test_schemathesis_finds_no_failure(live_server, settings):
    settings.NEWSROOM_PAGE_CACHE = True  # the way readers are served
    settings.NEWSROOM_API_RATE = "1000000/min"  # examples, not the limit
    author, section = make_author(slug="ann"), make_section(slug="world")
    for n in range(3):
        make_article(slug=f"story-{n}", authors=[author], section=section)
    schemathesis = Path(sys.executable).parent / "schemathesis"
    done = subprocess.run(  # noqa: S603 - our own tool, fixed arguments
        [
            schemathesis, "--config-file", ROOT / "schemathesis.toml", "run",
            f"{live_server.url}/api/v1/openapi.json", "--url", live_server.url,
            "--checks", "all", "--max-examples", EXAMPLES, "--seed", SEED,
            "--no-color",
        ],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    summary = done.stdout[-6000:]
    assert done.returncode == 0, summary
    assert "passed" in summary and "Seed: " + SEED in summary
