"""The read API's stories as IPTC ninjs 2.1, checked against the IPTC's own
schema (tests/schemas/ninjs/)."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from articles.models import Citation
from tests.api_helpers import API, get
from tests.factories import make_article, make_author, make_photo

pytestmark = pytest.mark.django_db

SCHEMA = Path(__file__).parent / "schemas" / "ninjs" / "ninjs-schema_2.1.json"
NINJS = Draft202012Validator(
    json.loads(SCHEMA.read_text()), format_checker=Draft202012Validator.FORMAT_CHECKER
)


def test_ninjs_is_valid_against_the_iptc_schema(client):
    """A full story (photo, dek, tags, section, two bylines, a source) gives a
    ninjs 2.1 document the IPTC's schema accepts, formats checked."""
    photo = make_photo(alt_text="Trains at dawn", caption="Platform 4", credit="AP")
    story = make_article(
        lead_photo=photo,
        authors=[make_author(name="Olga Nesterova"), make_author(name="Ben Okafor")],
        tags=["rail", "europe"],
        dek="Night trains return.",
    )
    Citation.objects.create(
        article=story, publisher="U.S. Department of State", url="https://state.gov/x"
    )
    response, document = get(client, f"/stories/{story.slug}/ninjs/")
    assert response.status_code == 200
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in NINJS.iter_errors(document)
    ]
    assert errors == []
    assert document["headlines"] == [{"role": "main", "value": story.headline}]
    assert document["by"] == "Olga Nesterova and Ben Okafor"
    assert {s["rel"] for s in document["subjects"]} == {"about", "section"}
    assert document["associations"][0]["renditions"][0]["width"] > 0
    assert document["infosources"][0]["name"] == "U.S. Department of State"


def test_the_schema_check_can_fail():
    """The validator is strict: a 1.x field name and a bad time are errors."""
    bad = {"uri": "http://testserver/x", "headline": "Old name", "versioncreated": "x"}
    assert len(list(NINJS.iter_errors(bad))) >= 2


def test_a_bare_story_is_valid_ninjs_too(client):
    story = make_article(dek="", tags=(), section=None)
    document = client.get(f"{API}/stories/{story.slug}/ninjs/").json()
    assert list(NINJS.iter_errors(document)) == []
