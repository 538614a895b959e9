"""Story bodies that hold what news stories hold: inline photos, tables,
pull quotes, fact boxes and links to our stories, saved through the admin,
sanitized whatever is sent, kept by revisions and shown to readers."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html

from articles import actions, search
from articles.models import Article, Revision
from tests import body_helpers as b
from tests.factories import make_article, make_photo, story_post

pytestmark = pytest.mark.django_db
Status = Article.Status


def save(client, story, body):
    """Save the story form with `body`, as the editor sends it."""
    data = story_post(
        headline=story.headline,
        slug=story.slug,
        section=str(story.section_id),
        base_version=str(Article.objects.get(pk=story.pk).version),
        body=body,
    )
    response = client.post(
        reverse("admin:articles_article_change", args=[story.pk]), data
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    story.refresh_from_db()
    return story


@pytest.fixture
def editor(client, desk):
    client.force_login(desk.editor)
    return client


@pytest.fixture
def elements(desk):
    """A published story, a photo for it and another story to link to."""
    story = desk.story(status=Status.IN_REVIEW)
    actions.Publish(story).execute(by=desk.editor)
    return {
        "story": story,
        "photo": make_photo(caption="Library caption", credit="Library credit"),
        "other": make_article(
            headline="Earlier: the visit is announced",
            first_published_at=timezone.now(),
        ),
    }


def full_body(elements):
    photo = b.photo(
        elements["photo"].pk,
        alt="Blinken greets students",
        caption="At NYU Shanghai",
        credit="State Department",
    )
    schedule = [["Day", "City"], ["Wednesday", "Shanghai"], ["Friday", "Beijing"]]
    return (
        "<p>Secretary Blinken arrived in Shanghai.</p>"
        + photo
        + b.table(schedule, caption="The visit's schedule")
        + b.pull_quote("We are committed to dialogue.", "Antony Blinken")
        + b.fact_box("What we know", ["Three days", "Two cities"])
        + f"<p>Read {b.link(elements['other'], 'the announcement')}.</p>"
    )


def page(story):
    response = Client().get(story.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_every_element_is_kept_on_save_and_recorded(editor, elements):
    story = save(editor, elements["story"], full_body(elements))
    assert 'class="story-photo"' in story.body and "At NYU Shanghai" in story.body
    assert 'data-alt="Blinken greets students"' in story.body
    assert '<figure class="story-table">' in story.body and "<th" in story.body
    assert 'class="pull-quote"' in story.body and 'class="fact-box"' in story.body
    assert f'data-story="{elements["other"].pk}"' in story.body
    assert list(story.inline_photos.all()) == [elements["photo"]]
    assert list(story.linked_stories.all()) == [elements["other"]]


def test_crafted_elements_are_cleaned_on_the_server(editor, elements):
    hostile = (
        '<figure class="story-photo evil" data-photo="1" onload="alert(1)" '
        'style="x" data-other="y"><img src="javascript:alert(2)"><figcaption '
        'onclick="z">C</figcaption></figure><aside class="fact-box sneaky" '
        'id="x"><p class="fact-box-title other">T</p></aside>'
        '<a href="https://elsewhere.example/articles/x/" data-story="1">out</a>'
        '<table onmouseover="a"><tr><th style="b">H</th></tr></table>'
    )
    body = save(editor, elements["story"], hostile).body
    for forbidden in [
        "onload",
        "onclick",
        "onmouseover",
        "style=",
        "evil",
        "sneaky",
        "data-other",
        "javascript:",
        "<img",
        'id="x"',
        "data-story",
    ]:
        assert forbidden not in body, forbidden
    assert 'class="story-photo"' in body and 'class="fact-box-title"' in body


def test_readers_see_each_element(editor, elements):
    save(editor, elements["story"], full_body(elements))
    html = page(elements["story"])
    tree = lxml_html.fromstring(html)
    (figure,) = tree.xpath("//div[@class='story-body']//figure[@class='story-photo']")
    img = figure.xpath(".//img")[0]
    assert img.get("alt") == "Blinken greets students"
    assert img.get("loading") == "lazy" and figure.xpath(".//source[@srcset]")
    assert figure.xpath("string(.//figcaption)").split() == [
        "At", "NYU", "Shanghai", "State", "Department",
    ]  # fmt: skip
    (region,) = tree.xpath("//div[@class='table-scroll']")
    assert (
        region.get("tabindex") == "0"
        and region.get("aria-label") == "The visit's schedule"
    )
    assert region.xpath("string(.//table/caption)") == "The visit's schedule"
    assert [th.get("scope") for th in region.xpath(".//th")] == ["col", "col"]
    assert (
        tree.xpath("string(//figure[@class='pull-quote']//figcaption)")
        == "Antony Blinken"
    )
    aside = tree.xpath("//aside[@class='fact-box']")[0]
    assert aside.get("aria-labelledby") == "fact-box-1"
    assert aside.xpath("string(.//h2)") == "What we know"
    (link,) = tree.xpath("//div[@class='story-body']//a[text()='the announcement']")
    assert link.get("href") == elements["other"].get_absolute_url()


@pytest.mark.django_db(transaction=True)
def test_a_link_follows_its_story_and_turns_to_text_when_it_leaves(
    editor, desk, elements, settings
):
    settings.NEWSROOM_PAGE_CACHE = True
    other = elements["other"]
    save(editor, elements["story"], f"<p>See {b.link(other, 'our story')}.</p>")
    page(elements["story"])  # cached
    other.slug = "visit-announced-renamed"
    actions.SaveEdit(other, base_version=other.version).execute(by=desk.editor)
    assert 'href="/articles/visit-announced-renamed/"' in page(elements["story"])
    actions.Withdraw(Article.objects.get(pk=other.pk)).execute(by=desk.editor)
    html = page(elements["story"])
    assert "See our story." in html and "visit-announced-renamed" not in html


def test_a_link_written_with_an_old_address_finds_its_story(editor, desk, elements):
    other = elements["other"]
    old = other.get_absolute_url()
    other.slug = "moved-on"
    actions.SaveEdit(other, base_version=other.version).execute(by=desk.editor)
    story = save(editor, elements["story"], f'<p><a href="{old}">then</a></p>')
    assert f'data-story="{other.pk}"' in story.body
    assert 'href="/articles/moved-on/"' in page(story)


@pytest.mark.django_db(transaction=True)
def test_a_library_caption_edit_renews_the_stories_showing_the_photo(
    editor, desk, elements, settings
):
    settings.NEWSROOM_PAGE_CACHE = True
    photo = elements["photo"]
    save(editor, elements["story"], b.photo(photo.pk, alt="A view"))
    assert "Library caption" in page(elements["story"])
    photo.caption = "A caption from the library, fixed"
    actions.SavePhoto(photo, changed=["caption"]).execute(by=desk.editor)
    assert "A caption from the library, fixed" in page(elements["story"])


def test_revisions_keep_the_elements_and_name_them_in_the_diff(editor, desk, elements):
    story = save(editor, elements["story"], full_body(elements))
    save(editor, story, "<p>Short now.</p>")
    revisions = list(story.revisions.order_by("number"))
    compare = editor.get(
        reverse("admin:articles_article_compare", args=[story.pk]),
        {"a": revisions[-2].number, "b": revisions[-1].number},
    ).content.decode()
    assert f"[Photo {elements['photo'].pk}: Blinken greets students]" in compare
    assert "[Table]" in compare and "[Pull quote]" in compare
    actions.RestoreRevision(revisions[-2]).execute(by=desk.editor)
    story.refresh_from_db()
    assert "At NYU Shanghai" in story.body
    assert list(story.inline_photos.all()) == [elements["photo"]]
    assert story.revisions.latest("number").kind == Revision.Kind.RESTORED


def test_search_finds_captions_tables_and_fact_boxes(editor, elements):
    save(editor, elements["story"], full_body(elements))
    for word in ["NYU", "Wednesday", "dialogue", "cities"]:
        assert elements["story"].pk in search.search(word), word


def test_an_inline_photo_without_alt_text_stops_publication(desk, elements):
    photo = make_photo(alt_text="")
    story = desk.story(status=Status.IN_REVIEW, body=b.photo(photo.pk))
    assert "inline photo 1 needs alt text" in actions.publish_problems(story)
    story.body = b.photo(photo.pk, alt="Described here")
    assert not [p for p in actions.publish_problems(story) if "inline" in p]


def test_a_table_without_a_header_row_warns(desk):
    story = desk.story(body=b.table([["a", "b"], ["c", "d"]], header=False))
    assert any("no header row" in w for w in actions.publish_warnings(story))
    story.body = b.table([["a", "b"], ["c", "d"]])
    assert not any("header row" in w for w in actions.publish_warnings(story))


def test_ten_inline_photos_cost_no_more_queries_than_one(
    editor, elements, django_assert_max_num_queries, memory_cache
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def cost(count):
        photos = [make_photo() for _ in range(count)]
        body = "".join(b.photo(p.pk, alt="x") for p in photos)
        body += "".join(f"<p>{b.link(elements['other'], 'x')}</p>" for _ in photos)
        save(editor, elements["story"], body)
        with CaptureQueriesContext(connection) as queries:
            assert str(len(photos)) and page(elements["story"])
        return len(queries)

    cost(1)  # the navigation and Top Stories are kept after the first page
    assert cost(1) == cost(10)


def test_a_photo_figure_whose_photo_is_gone_is_dropped(editor, desk, elements):
    photo = make_photo()
    save(editor, elements["story"], b.photo(photo.pk, alt="Gone soon") + "<p>Text</p>")
    actions.DeleteRecord(photo).execute(by=desk.editor)
    html = page(elements["story"])
    assert "Gone soon" not in html and not re.search(
        r"story-photo", html.split("story-body")[1]
    )
