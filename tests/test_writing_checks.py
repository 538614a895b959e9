"""Publish warnings (articles.writing_checks): worth an editor's look, no
reason to stop publication."""

import pytest

from articles import actions, writing_checks
from articles.models import Article
from tests.factories import image_file, make_photo

pytestmark = pytest.mark.django_db
Status = Article.Status


def publish(desk, **fields):
    story = desk.story(status=Status.IN_REVIEW, citations=1, **fields)
    action = actions.Publish(story)
    action.execute(by=desk.editor)
    story.refresh_from_db()
    assert story.is_live  # warnings never stop publication
    return action.warnings


def test_a_complete_story_publishes_without_warnings(desk):
    body = "<p>Lead.</p><h2>Background</h2><h3>Earlier talks</h3><h2>What next</h2>"
    photo = make_photo(image=image_file(size=(1600, 900)))
    assert publish(desk, headline="Talks resume", body=body, lead_photo=photo) == []


def test_a_headline_longer_than_search_results_show_is_flagged(desk):
    headline = "Council " + "x" * writing_checks.HEADLINE_SHOWN
    (warning,) = publish(desk, headline=headline)
    assert f"{len(headline)} characters" in warning


def test_a_lead_photo_too_narrow_to_be_featured_is_flagged(desk):
    (warning,) = publish(desk, lead_photo=make_photo(image=image_file(size=(800, 450))))
    assert "800 px wide" in warning and "1200" in warning


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<h1>Second title</h1><p>Text</p>", ["level-1 heading (“Second title”)"]),
        ("<h3>Too deep</h3>", ["“Too deep” is level 3 after level 1", "use level 2"]),
        ("<h2>Ok</h2><h4>Skipped</h4>", ["“Skipped” is level 4 after level 2"]),
        ("<h2>A</h2><h3>B</h3><h2>C</h2><h3>D</h3>", []),
    ],
)
def test_headings_out_of_order_are_flagged(desk, body, expected):
    warnings = publish(desk, body=body)
    text = " ".join(warnings)
    assert all(part in text for part in expected), warnings
    assert bool(warnings) == bool(expected)
