"""The story form's side panel, through the real admin: the next step as the
main button, which saves first and then moves the story; the other steps in
a menu; withdraw asked on a page of its own; a new story bylined to its
writer. The server decides, whatever the page showed."""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Revision
from tests.factories import inline, story_post

pytestmark = pytest.mark.django_db
Status = Article.Status
ADD = reverse("admin:articles_article_add")


def change_url(story):
    return reverse("admin:articles_article_change", args=[story.pk])


def said(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def bylines_of(story):
    """The story's byline rows as its form sends them back."""
    rows = [
        {"id": b.pk, "article": story.pk, "author": b.author_id, "position": 0}
        for b in story.bylines.all()
    ]
    return inline("bylines", rows, initial=len(rows))


def main_button(html):
    found = re.search(r'data-testid="next-step"[^>]*>([^<]+)<', html) or re.search(
        r'<button[^>]*value="(\w+)"[^>]*data-testid="next-step"', html
    )
    return found and found[1]


def test_the_main_button_is_the_next_step_for_the_person(client, desk):
    client.force_login(desk.writer)
    assert main_button(client.get(ADD).content.decode()) == "Submit for review"
    draft = desk.story(status=Status.DRAFT)
    assert main_button(client.get(change_url(draft)).content.decode()) == (
        "Submit for review"
    )
    client.force_login(desk.editor)
    review = desk.story(status=Status.IN_REVIEW)
    html = client.get(change_url(review)).content.decode()
    assert main_button(html) == "Publish now"
    # Sending back and scheduling wait in the menu, with their fields.
    assert 'name="transition_note_send_back"' in html
    assert 'value="schedule"' in html and 'name="transition_publish_at"' in html
    published = desk.story(status=Status.PUBLISHED, publish_at=timezone.now())
    html = client.get(change_url(published)).content.decode()
    assert main_button(html) is None  # after publication: Save
    assert 'value="withdraw"' not in html  # never a form button
    withdraw = reverse(
        "admin:articles_article_transition", args=[published.pk, "withdraw"]
    )
    assert f'href="{withdraw}"' in html


def test_one_click_from_a_blank_form_to_review(client, desk):
    client.force_login(desk.writer)
    own = {"author": desk.writer_author.pk, "position": "0"}
    response = client.post(
        ADD, story_post(_transition="submit", **inline("bylines", [own]))
    )
    assert response.status_code == 302
    story = Article.objects.get(slug="harbour-reopens")
    assert story.status == Status.IN_REVIEW
    assert [b.author for b in story.bylines.all()] == [desk.writer_author]
    assert any("is now in review" in m for m in said(response))


def test_a_new_storys_byline_is_its_writers_own(client, desk):
    client.force_login(desk.writer)
    form = client.get(ADD).context["inline_admin_formsets"][0].formset
    assert form.prefix == "bylines"
    assert [f.initial.get("author") for f in form.forms] == [desk.writer_author.pk]
    # Left as it was offered, the row is kept (a plain formset would drop it).
    own = {"author": desk.writer_author.pk, "position": "0"}
    client.post(ADD, story_post(**inline("bylines", [own]), _continue="1"))
    story = Article.objects.get(slug="harbour-reopens")
    assert [b.author for b in story.bylines.all()] == [desk.writer_author]
    # Someone with no author profile gets no row to fill.
    client.force_login(desk.editor)
    form = client.get(ADD).context["inline_admin_formsets"][0].formset
    assert form.forms == []


def test_a_crafted_publish_by_a_writer_saves_but_does_not_move(client, desk):
    story = desk.story(status=Status.DRAFT)
    client.force_login(desk.writer)
    data = story_post(
        headline="Harbour reopens at dawn",
        base_version=story.version,
        _transition="publish",
        **bylines_of(story),
    )
    response = client.post(change_url(story), data)
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "Harbour reopens at dawn"
    assert story.status == Status.DRAFT
    assert any(m.startswith("Saved, but not moved") for m in said(response))


def test_withdraw_is_never_made_from_the_form(client, desk):
    story = desk.story(status=Status.PUBLISHED, publish_at=timezone.now())
    client.force_login(desk.editor)
    data = story_post(
        headline=story.headline,
        slug=story.slug,
        base_version=story.version,
        _transition="withdraw",
        **bylines_of(story),
    )
    response = client.post(change_url(story), data)
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED
    assert "That step is not made from the form" in " ".join(said(response))


def test_withdraw_asks_first_with_its_reason(client, desk):
    story = desk.story(status=Status.PUBLISHED, publish_at=timezone.now())
    url = reverse("admin:articles_article_transition", args=[story.pk, "withdraw"])
    client.force_login(desk.writer)  # may open their story, may not withdraw it
    assert client.get(url).status_code == 302
    client.post(url, {"note": "Mine"})
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED
    client.force_login(desk.editor)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Readers lose this story at once" in html
    assert 'name="note"' in html
    assert client.post(url, {"note": "Legal asked."}).status_code == 302
    story.refresh_from_db()
    assert story.status == Status.WITHDRAWN
    assert story.revisions.first().message == "Legal asked."


def test_a_step_on_an_unchanged_story_records_only_the_step(client, desk):
    story = desk.story(status=Status.IN_REVIEW)
    client.force_login(desk.editor)
    page = client.get(change_url(story))
    data = story_post(
        headline=story.headline,
        slug=story.slug,
        dek=story.dek,
        body=story.body,
        section=story.section_id,
        tags=", ".join(story.tags.names()),
        base_version=story.version,
        _transition="publish",
        **bylines_of(story),
    )
    assert page.status_code == 200
    before = story.revisions.count()
    response = client.post(change_url(story), data)
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED, said(response)
    kinds = list(story.revisions.values_list("kind", flat=True)[:10])
    assert story.revisions.count() == before + 1, kinds
    assert story.revisions.first().kind == Revision.Kind.TRANSITION
