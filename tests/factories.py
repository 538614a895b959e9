"""Small factories: each makes one valid object, overridable by keyword."""

import io
import itertools
from datetime import timedelta

from django.apps import apps as django_apps
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

import imaging
from articles import roles, search
from articles.models import Article, Author, Byline, Citation, Photo, Section, TopStory

_counter = itertools.count(1)


def seq():
    return next(_counter)


def image_file(name="photo.jpg", size=(64, 48), color=(200, 80, 40), fmt="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def ensure_roles():
    """The groups and permissions the migrations grant (articles.roles): a
    flushing browser test removes them."""
    if Group.objects.filter(name__in=roles.ROLES).count() < len(roles.ROLES):
        roles.grant(django_apps)


def make_user(username=None, *, role=None, **fields):
    user = User.objects.create_user(
        username=username or f"user{seq()}",
        password="pw-for-tests-1",
        is_staff=fields.pop("is_staff", role is not None),
        **fields,
    )
    if role:
        ensure_roles()
        user.groups.add(Group.objects.get(name=role))
    return user


def make_section(**fields):
    n = seq()
    fields.setdefault("name", f"Section {n}")
    fields.setdefault("slug", f"section-{n}")
    return Section.objects.create(**fields)


def make_author(**fields):
    n = seq()
    fields.setdefault("name", f"Author Number{n}")
    fields.setdefault("slug", f"author-{n}")
    return Author.objects.create(**fields)


def make_photo(**fields):
    fields.setdefault("alt_text", "A test image")
    fields.setdefault("caption", "A caption")
    fields.setdefault("credit", "Test credit")
    fields.setdefault("image", image_file())
    photo = Photo.objects.create(**fields)
    imaging.refresh_renditions(photo, "image", "renditions", focal=photo.focal)
    return photo


def make_article(*, authors=None, tags=("news",), citations=0, live=True, **fields):
    """A story; live (published an hour ago) unless told otherwise."""
    n = seq()
    fields.setdefault("headline", f"Headline number {n}")
    fields.setdefault("slug", f"story-{n}")
    fields.setdefault("dek", f"Dek of story {n}")
    fields.setdefault("body", f"<p>Body of story {n}.</p>")
    if "section" not in fields:
        fields["section"] = make_section()
    if live:
        fields.setdefault("status", Article.Status.PUBLISHED)
        fields.setdefault("publish_at", timezone.now() - timedelta(hours=1, minutes=n))
    article = Article.objects.create(**fields)
    for position, author in enumerate(authors or [make_author()]):
        Byline.objects.create(article=article, author=author, position=position)
    article.tags.set(list(tags))
    Article.objects.filter(pk=article.pk).copy_publish_at()
    for position in range(citations):
        Citation.objects.create(
            article=article, position=position, publisher=f"Publisher {position}"
        )
    search.index([article.pk])
    return article


def make_top_story(article, **fields):
    return TopStory.objects.create(article=article, **fields)


# Requests ----------------------------------------------------------------


def inline(prefix, rows, initial=0):
    """The management form and rows of an admin inline formset, as POST data."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def story_post(**overrides):
    """A complete story change form, as POST data; keywords override fields."""
    data = {
        "headline": "Harbour reopens after storm",
        "slug": "harbour-reopens",
        "dek": "Ships return to the port.",
        "body": "<p>The harbour reopened on Monday.</p>",
        "tags": "ports, weather",
        "publish_at_0": "",
        "publish_at_1": "",
        "unpublish_at_0": "",
        "unpublish_at_1": "",
        **inline("bylines", []),
        **inline("credits", []),
        **inline("pinned_related", []),
        **inline("gallery", []),
        **inline("citations", []),
        **inline("corrections", []),
    }
    data.update(overrides)
    return data


def search_results(client, query):
    """The response of /search/?q=`query` and the stories it lists."""
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    shown = (
        [card.pk for card in response.context["articles"]] if response.context else []
    )
    stories = Article.objects.in_bulk(shown)
    return response, [stories[pk] for pk in shown]
