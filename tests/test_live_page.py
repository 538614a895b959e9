"""A live story's own page in the desk: the composer first, then the stream;
an update may carry a photo uploaded from the phone that takes it, with its
alt text; bad input is refused with the typing kept."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import LiveUpdate, Photo
from tests.factories import image_file, make_photo

pytestmark = pytest.mark.django_db


def live_page(story):
    return reverse("admin:articles_article_live", args=[story.pk])


def post(client, story, **fields):
    data = {"live-body": "<p>The bridge is shut.</p>", **fields}
    url = reverse("admin:articles_article_post_update", args=[story.pk])
    return client.post(url, data)


def test_the_composer_comes_before_the_stream(client, desk, live_story):
    client.force_login(desk.editor)
    post(client, live_story, **{"live-authors": [desk.writer_author.pk]})
    html = client.get(live_page(live_story)).content.decode()
    composer = html.index('class="post-update"')
    stream = html.index('data-testid="live-admin-update"')
    assert composer < stream
    assert 'enctype="multipart/form-data"' in html
    # The story form points here instead of carrying the stream.
    form = client.get(
        reverse("admin:articles_article_change", args=[live_story.pk])
    ).content.decode()
    assert f'href="{live_page(live_story)}"' in form
    assert 'class="post-update"' not in form


def test_a_story_without_live_coverage_has_no_live_page(client, desk):
    story = desk.story()
    client.force_login(desk.editor)
    response = client.get(live_page(story))
    assert response.status_code == 302
    assert response["Location"].endswith(f"/{story.pk}/change/")
    client.force_login(desk.writer2)  # may not open the story at all
    assert client.get(live_page(desk.story(live_coverage=True))).status_code == 404


def test_an_update_with_a_photo_taken_just_now(client, desk, live_story):
    client.force_login(desk.editor)
    response = post(
        client,
        live_story,
        **{
            "live-authors": [desk.writer_author.pk],
            "live-new_photo": image_file("harbour.jpg", size=(640, 480)),
            "live-new_photo_alt": "Waves breaking over the harbour wall",
            "live-new_photo_credit": "Olga Nesterova",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == live_page(live_story)
    update = LiveUpdate.objects.get()
    assert update.photo.alt_text == "Waves breaking over the harbour wall"
    assert update.photo.credit == "Olga Nesterova"
    assert update.photo.image.name.endswith((".jpg", ".jpeg", ".webp", ".png"))
    html = client.get(live_page(live_story)).content.decode()
    assert 'alt="Waves breaking over the harbour wall"' in html


@pytest.mark.parametrize(
    "fields, field, message",
    [
        (
            {"live-new_photo_alt": "", "upload": True},
            "new_photo_alt",
            "Say what the photo shows",
        ),
        (
            {"live-new_photo_alt": "A wave", "upload": True, "library": True},
            "new_photo",
            "not both",
        ),
        (
            {
                "live-new_photo_alt": "A wave",
                "live-new_photo": SimpleUploadedFile(
                    "wave.jpg", b"<?php echo 1; ?>", content_type="image/jpeg"
                ),
            },
            "new_photo",
            "",
        ),
    ],
)
def test_bad_uploads_are_refused_with_the_typing_kept(
    client, desk, live_story, fields, field, message
):
    client.force_login(desk.editor)
    fields = dict(fields)
    if fields.pop("upload", False):
        fields["live-new_photo"] = image_file()
    if fields.pop("library", False):
        fields["live-photo"] = make_photo().pk
    photos = Photo.objects.count()
    response = post(
        client,
        live_story,
        **{"live-authors": [desk.writer_author.pk], "live-pinned": "on", **fields},
    )
    assert response.status_code == 200
    errors = response.context["live_form"].errors
    assert field in errors and message in " ".join(errors[field])
    assert "The bridge is shut." in response.content.decode()
    assert not LiveUpdate.objects.exists()
    assert Photo.objects.count() == photos


def test_only_those_who_may_add_photos_are_offered_an_upload(client, desk, live_story):
    client.force_login(desk.editor)
    form = client.get(live_page(live_story)).context["live_form"]
    assert "new_photo" in form.fields
    desk.editor.user_permissions.remove(
        *Permission.objects.filter(codename="add_photo")
    )
    for group in desk.editor.groups.all():
        group.permissions.remove(*Permission.objects.filter(codename="add_photo"))
    desk.editor.refresh_from_db()
    form = client.get(live_page(live_story)).context["live_form"]
    assert "new_photo" not in form.fields
    # A crafted upload from them is ignored: the field is not there to take it.
    post(
        client,
        live_story,
        **{
            "live-authors": [desk.writer_author.pk],
            "live-new_photo": image_file(),
            "live-new_photo_alt": "A wave",
        },
    )
    assert LiveUpdate.objects.get().photo is None
