"""Autosaved drafts of the story form.

Every few seconds the open form (desk/static/desk/autosave.js) sends what its
writer typed; it is kept per person and story (articles.models.Autosave),
never in the story: the story changes only on Save. Reopening the form
offers the draft back, and a restored draft carries the story version it was
typed from, so Save refuses it if someone saved since (the form's version
check) rather than overwrite their work.
"""

import re

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.views.decorators.http import require_POST
from taggit.utils import edit_string_for_tags

from articles import permissions
from articles.models import Article, Autosave
from articles.text import strip_control_characters
from desk.admin.forms import conflict_message

#: The typed fields kept, and the longest each may be (its column's length;
#: the tags field's input is kept as typed, up to a generous length).
FIELDS = {"headline": 200, "slug": 200, "dek": 400, "body": None, "tags": 2000}
#: A crafted request larger than this is refused: a long story's body is a
#: tenth of it.
MAX_BYTES = 512 * 1024
#: A whole number as a request may send it (a version, a length); anything
#: else is none.
DIGITS = re.compile(r"[0-9]{1,9}")
#: A page's clock in milliseconds.
MILLISECONDS = re.compile(r"[0-9]{1,15}")


def clean(post):
    """The typed fields of `post`, as the story would take them: control
    characters out, each cut to its length, the body through the body's own
    sanitizer (articles.body.BODY_EXTENSIONS)."""
    sanitize = Article._meta.get_field("body").sanitize
    data = {}
    for name, limit in FIELDS.items():
        value = strip_control_characters(str(post.get(name, "")))
        data[name] = sanitize(value) if name == "body" else value[:limit]
    return data


def current(article):
    """The story's fields as the form shows them (empty for a new story)."""
    if article is None:
        return dict.fromkeys(FIELDS, "")
    values = {name: getattr(article, name) for name in FIELDS if name != "tags"}
    values["tags"] = edit_string_for_tags(list(article.tags.all()))
    return values


def offer(user, article):
    """The draft `user` left in this story's form, if it holds anything the
    story does not and they may still edit it."""
    allowed = (
        permissions.can_create(user)
        if article is None
        else permissions.can_edit(user, article)
    )
    if not allowed:  # submitted for review since: the draft waits
        return None
    draft = Autosave.objects.filter(user=user, article=article).first()
    if draft is None:
        return None
    stored = current(article)
    if all(draft.data.get(name, "") == stored[name] for name in FIELDS):
        return None
    return draft


def keep(user, article, fields):
    """Keep the typed `fields` as the person's draft, unless the draft kept
    already was typed later (requests can arrive out of order)."""
    with transaction.atomic():
        draft = (
            Autosave.objects.select_for_update()
            .filter(user=user, article=article)
            .first()
        )
        if draft is None:
            return Autosave.objects.create(user=user, article=article, **fields)
        newer = draft.typed_at is not None and (
            fields["typed_at"] is None or fields["typed_at"] < draft.typed_at
        )
        if not newer:
            for name, value in fields.items():
                setattr(draft, name, value)
            draft.save()
        return draft


def discard(user, article):
    Autosave.objects.filter(user=user, article=article).delete()


class AutosaveViews:
    """The story admin's autosave and discard endpoints."""

    def autosave_urls(self):
        route = self.route  # StoryWorkflowViews.route
        story = "<path:object_id>"
        return [
            route("autosave/", self.autosave_view, "autosave_new"),
            route(
                "autosave/discard/", self.discard_autosave_view, "discard_autosave_new"
            ),
            route(f"{story}/autosave/", self.autosave_view, "autosave"),
            route(
                f"{story}/autosave/discard/",
                self.discard_autosave_view,
                "discard_autosave",
            ),
        ]

    def autosave_target(self, request, object_id, *, editing=True):
        """The story the form edits (None: a new one), if `request.user` may
        edit it (`editing`) or only open it: 404 for a story they may not
        open, 403 for one they may only read."""
        if object_id is None:
            if not permissions.can_create(request.user):
                raise PermissionDenied("You may not create stories.")
            return None
        article = self._story(request, object_id)
        if editing and not permissions.can_edit(request.user, article):
            raise PermissionDenied("You may not change this story.")
        return article

    @staticmethod
    def autosave_urls_for(article):
        """The form's autosave and discard addresses."""
        if article is None:
            return (
                reverse("admin:articles_article_autosave_new"),
                reverse("admin:articles_article_discard_autosave_new"),
            )
        return (
            reverse("admin:articles_article_autosave", args=[article.pk]),
            reverse("admin:articles_article_discard_autosave", args=[article.pk]),
        )

    def autosave_view(self, request, object_id=None):
        """Keep what `request.user` typed in this story's form (JSON answer:
        when it was kept, and who saved the story since it was opened)."""
        if request.method != "POST":
            return JsonResponse({"error": "Send the form with POST."}, status=405)
        # The declared length: the CSRF check may have read the body already.
        length = request.META.get("CONTENT_LENGTH", "")
        if not DIGITS.fullmatch(length) or int(length) > MAX_BYTES:
            return JsonResponse(
                {
                    "error": "Too long to autosave: save the story to keep this "
                    f"(autosave takes up to {MAX_BYTES // 1024} KB)."
                },
                status=413,
            )
        article = self.autosave_target(request, object_id)
        base = request.POST.get("base_version", "")
        base = int(base) if DIGITS.fullmatch(base) else None
        typed_at = request.POST.get("typed_at", "")
        fields = {
            "data": clean(request.POST),
            "base_version": base,
            "typed_at": int(typed_at) if MILLISECONDS.fullmatch(typed_at) else None,
        }
        try:
            draft = keep(request.user, article, fields)
        except IntegrityError:  # the closing tab's first draft raced the timer's
            draft = keep(request.user, article, fields)
        conflict = ""
        if article is not None and base is not None and article.version != base:
            conflict = conflict_message(article, base)
        saved_at = time_format(timezone.localtime(draft.saved_at), "H:i:s")
        return JsonResponse({"saved_at": saved_at, "conflict": conflict})

    @staticmethod
    def restored_draft(request, article):
        """The draft to fill the form with, when the writer asked for it."""
        if request.method == "GET" and "restore-autosave" in request.GET:
            return offer(request.user, article)
        return None

    def discard_autosave_view(self, request, object_id=None):
        return require_POST(self._discard)(request, object_id)

    def _discard(self, request, object_id):
        # Their own draft: anyone who may open the story may throw it away.
        article = self.autosave_target(request, object_id, editing=False)
        discard(request.user, article)
        if article is None:
            return HttpResponseRedirect(reverse("admin:articles_article_add"))
        return self._back(article)
