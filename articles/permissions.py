"""Who may see, change and move which story: the one home of these rules.

Roles are the groups made by migration 0002: a Writer works on their own
stories (created by them or carrying their byline) while they are drafts; an
Editor works on every story in every state and releases them; a superuser is
an Editor and more. The admin, the workflow and the tests all ask here.
"""

from django.db.models import Q

from articles.models import Article

WRITER = "Writer"
EDITOR = "Editor"

#: Transitions only an editor may make; `submit` is open to the story's writers.
EDITOR_TRANSITIONS = {"send_back", "publish", "schedule", "withdraw", "restore"}


def _roles(user):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if not hasattr(user, "_newsroom_roles"):
        user._newsroom_roles = frozenset(user.groups.values_list("name", flat=True))
    return user._newsroom_roles


def is_editor(user):
    """Editors and superusers."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or (user.is_staff and EDITOR in _roles(user))


def is_writer(user):
    """Anyone on the desk who may write: writers and editors."""
    return is_editor(user) or (
        getattr(user, "is_staff", False) and WRITER in _roles(user)
    )


def _own(user):
    return Q(created_by=user) | Q(bylines__author__user=user)


def editable_by(user):
    """The stories `user` may open in the admin (to read; editing needs more)."""
    if is_editor(user):
        return Article.objects.all()
    if is_writer(user):
        return own_stories(user)
    return Article.objects.none()


def limit_to_editable(stories, user):
    """`stories` narrowed to those `user` may open (untouched for editors)."""
    if is_editor(user):
        return stories
    return stories.filter(pk__in=editable_by(user).values("pk"))


def own_stories(user):
    """Stories `user` created or carries a byline on."""
    if not getattr(user, "is_authenticated", False):
        return Article.objects.none()
    return Article.objects.filter(
        pk__in=Article.objects.filter(_own(user)).values("pk")
    )


def is_own(user, article):
    """Created by `user` or carrying their byline."""
    if not getattr(user, "is_authenticated", False) or article.pk is None:
        return False
    if article.created_by_id == user.pk:
        return True
    return article.bylines.filter(author__user=user).exists()


def can_view(user, article):
    return is_editor(user) or (is_writer(user) and is_own(user, article))


def can_edit(user, article):
    """Editors edit any story in any state; writers only their own drafts."""
    if is_editor(user):
        return True
    return (
        is_writer(user)
        and article.status == Article.Status.DRAFT
        and (article.pk is None or is_own(user, article))
    )


def can_publish(user):
    """Publish, schedule, withdraw, send back and restore: editors only."""
    return is_editor(user)


def can_transition(user, article, transition):
    if transition in EDITOR_TRANSITIONS:
        return can_publish(user)
    if transition == "submit":
        return can_edit(user, article)
    return False


def can_set_schedule(user):
    """Only editors set `unpublish_at`; writers see it read-only."""
    return is_editor(user)


def can_comment(user, article):
    """Editorial notes: anyone who may open the story."""
    return can_view(user, article)


def can_resolve_note(user, note):
    return is_editor(user) or (
        note.author_id == user.pk and can_view(user, note.article)
    )


def can_manage_corrections(user):
    """Add, change and delete corrections: editors only."""
    return is_editor(user)


def can_edit_photo(user, photo):
    """Editors change any photo; a writer only one they uploaded, and only while
    every story using it is one they may edit (a live story's photo is not)."""
    if is_editor(user):
        return True
    if not is_writer(user) or photo.uploaded_by_id != user.pk:
        return False
    return all(can_edit(user, story) for story in photo.lead_of.all())


def visible_tags(user):
    """Tag names `user` may be shown: those on live stories or their own."""
    from taggit.models import Tag

    from articles.models import TaggedArticle

    if is_editor(user):
        return Tag.objects.all()
    stories = Article.objects.live().values("pk").union(own_stories(user).values("pk"))
    return Tag.objects.filter(
        pk__in=TaggedArticle.objects.filter(content_object__in=stories).values("tag")
    )
