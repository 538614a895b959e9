"""A live update's photo is one its poster may put before readers: an
editor any; a writer their own, or one readers already see, never another
writer's photo for a story not out yet (it would leak an embargo)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles import actions, permissions
from articles.models import LiveUpdate
from tests.factories import make_article, make_photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def photos(desk, live_story):
    embargoed = make_photo(uploaded_by=desk.writer2, alt_text="Embargoed")
    desk.story(owner=desk.writer2, lead_photo=embargoed)  # a draft
    return {
        "own": make_photo(uploaded_by=desk.writer, alt_text="Mine"),
        "public": make_article(lead_photo=make_photo(alt_text="Public")).lead_photo,
        "embargoed": embargoed,
    }


def choices(client, story):
    page = client.get(reverse("admin:articles_article_live", args=[story.pk]))
    field = page.context["live_form"].fields["photo"]
    return set(field.queryset)


def test_the_picker_offers_a_writer_their_own_and_public_photos(
    client, desk, live_story, photos
):
    client.force_login(desk.writer)
    offered = choices(client, live_story)
    assert photos["own"] in offered and photos["public"] in offered
    assert photos["embargoed"] not in offered
    client.force_login(desk.editor)
    assert photos["embargoed"] in choices(client, live_story)


def test_a_crafted_request_cannot_post_an_embargoed_photo(
    client, desk, live_story, photos
):
    client.force_login(desk.writer)
    client.post(
        reverse("admin:articles_article_post_update", args=[live_story.pk]),
        {
            "live-body": "<p>Look at this.</p>",
            "live-authors": [desk.writer_author.pk],
            "live-photo": photos["embargoed"].pk,
        },
    )
    assert not LiveUpdate.objects.exists()
    action = actions.PostUpdate(
        live_story,
        body="<p>Look.</p>",
        authors=[desk.writer_author],
        photo=photos["embargoed"],
    )
    with pytest.raises(PermissionDenied):
        action.execute(by=desk.writer)
    assert not permissions.can_use_photo(desk.writer, photos["embargoed"])
