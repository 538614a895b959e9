"""Who may see, change and move which story: the one home of these rules.

Every power is a Django permission, granted to the Writer and Editor groups by
migrations 0002 and 0008 and to anyone else an administrator chooses; nothing
here reads a group's name, so renaming a group changes nothing. A writer
(`articles.add_article`) works on their own stories (created by them or
carrying their byline) while they are drafts; `articles.edit_any_article`
opens every story in every state; `articles.publish_article` releases and
withdraws them. A superuser holds every permission.
"""

from django.conf import settings
from django.db.models import Q

from articles.models import Article, LiveUpdate, Photo

WRITE = "articles.add_article"
EDIT_ANY = "articles.edit_any_article"
PUBLISH = "articles.publish_article"
CORRECT = "articles.manage_corrections"
TOP_STORIES = "articles.manage_top_stories"
DELETE = "articles.delete_article"
LIVE_DESK = "articles.post_live_updates"
AUDIT = "audit.view_auditentry"
NEWSLETTER_ISSUES = "newsletters.change_issue"
SEND_ALERTS = "newsletters.send_alerts"
SUBSCRIBER_DATA = "newsletters.delete_subscriber"


def _has(user, perm):
    """`user` is signed in, active, staff and holds `perm`."""
    return (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.is_staff
        and user.has_perm(perm)
    )


def can_edit_any(user):
    """Open and edit every story in every state (editors)."""
    return _has(user, EDIT_ANY)


def is_writer(user):
    """Anyone on the desk who may write stories."""
    return _has(user, WRITE) or can_edit_any(user)


def _own(user):
    return Q(created_by=user) | Q(bylines__author__user=user)


def editable_by(user):
    """The stories `user` may open in the admin (to read; editing needs more)."""
    if can_edit_any(user):
        return Article.objects.all()
    if is_writer(user):
        return own_stories(user)
    return Article.objects.none()


def limit_to_editable(stories, user):
    """`stories` narrowed to those `user` may open (untouched for editors)."""
    if can_edit_any(user):
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
    return can_edit_any(user) or (is_writer(user) and is_own(user, article))


def can_create(user):
    return is_writer(user)


def can_edit(user, article):
    """Editors edit any story in any state; writers only their own drafts."""
    if can_edit_any(user):
        return True
    return (
        is_writer(user)
        and article.status == Article.Status.DRAFT
        and (article.pk is None or is_own(user, article))
    )


def can_submit(user, article):
    """A story's writers hand it to the editors."""
    return can_edit(user, article)


def can_publish(user):
    """Publish, schedule, withdraw, send back and restore to draft."""
    return _has(user, PUBLISH)


def can_delete(user):
    return _has(user, DELETE)


def can_set_schedule(user):
    """Only those who publish set `unpublish_at`; writers see it read-only."""
    return can_publish(user)


def can_comment(user, article):
    """Editorial notes: anyone who may open the story."""
    return can_view(user, article)


def can_resolve_note(user, note):
    return can_edit_any(user) or (
        note.author_id == user.pk and can_view(user, note.article)
    )


def can_post_live(user, article):
    """Post updates to a live story: editors, and its own writers (theirs
    wait for an editor unless they are on the live desk)."""
    if not article.live_coverage or article.coverage_ended_at is not None:
        return False
    return can_edit_any(user) or (is_writer(user) and is_own(user, article))


def posts_live_at_once(user):
    """Whose updates readers see at once: editors and the live desk."""
    return can_edit_any(user) or _has(user, LIVE_DESK)


def can_change_update(user, update):
    """Correct, pin or delete a live update: editors, or who posted it while
    it waits for an editor."""
    if can_edit_any(user):
        return True
    return (
        update.created_by_id == user.pk
        and update.status == update.Status.PENDING
        and can_view(user, update.article)
    )


def update_authors(user, article):
    """Whom `user` may name as an update's authors: editors anyone; a writer
    themself and the story's bylines."""
    from articles.models import Author

    if can_edit_any(user):
        return Author.objects.all()
    return Author.objects.filter(Q(user=user) | Q(bylines__article=article)).distinct()


def is_live_desk_candidate(user):
    """A writer whose updates could go out without an editor."""
    return is_writer(user) and not can_edit_any(user)


def can_approve_update(user):
    return can_edit_any(user)


def can_manage_live_desk(user):
    """Put writers on the live desk, or take them off (editors)."""
    return can_publish(user)


def can_manage_corrections(user):
    """Add, change and delete corrections."""
    return _has(user, CORRECT)


def can_manage_top_stories(user):
    return _has(user, TOP_STORIES)


def is_desk_member(user):
    """Signed in, active and staff: may reach the admin's sign-in steps
    (the admin itself asks more: desk.site)."""
    return getattr(user, "is_authenticated", False) and user.is_active and user.is_staff


def must_use_two_factor(user):
    """Editors and administrators sign in with a second factor (writers may
    choose to), unless NEWSROOM_TWO_FACTOR_REQUIRED is off."""
    return settings.NEWSROOM_TWO_FACTOR_REQUIRED and (
        (user.is_active and user.is_superuser)
        or can_publish(user)
        or can_edit_any(user)
        or _has(user, "auth.change_user")  # could make themselves more
        or can_read_audit_log(user)
    )


def can_invite_to_two_factor(user):
    """Who may send a person an invitation to set up a second factor: whoever
    may change users (administrators)."""
    return _has(user, "auth.change_user")


def can_read_audit_log(user):
    """Administrators (superusers), and whoever they grant it: no one may
    add, change or delete an entry."""
    return _has(user, AUDIT)


def can_manage(user, model, action="change"):
    """Library records (sections, authors, tags): the model's own permission."""
    meta = model._meta
    return _has(user, f"{meta.app_label}.{action}_{meta.model_name}")


def can_edit_photo(user, photo):
    """Editors change any photo; a writer only one they uploaded, and only while
    every story using it is one they may edit (a live story's photo is not)."""
    if not _has(user, "articles.change_photo"):
        return False
    if can_edit_any(user):
        return True
    if photo.uploaded_by_id != user.pk:
        return False
    stories = Article.objects.filter(
        Q(lead_photo=photo)
        | Q(gallery__photo=photo)
        | Q(live_updates__photo=photo)
        | Q(inline_photos=photo)
    ).distinct()
    return all(can_edit(user, story) for story in stories)


def usable_photos(user):
    """Photos `user` may put before readers in a live update: editors any;
    others those they uploaded and those readers see already (on a live
    story), never another writer's photo for a story not out yet."""
    if can_edit_any(user):
        return Photo.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Photo.objects.none()
    live = Article.objects.live()
    shown = LiveUpdate.objects.shown().filter(article__in=live)
    return Photo.objects.filter(
        Q(uploaded_by=user.pk)
        | Q(pk__in=live.exclude(lead_photo=None).values("lead_photo"))
        | Q(pk__in=live.values("gallery__photo"))
        | Q(pk__in=live.values("inline_photos"))
        | Q(pk__in=shown.exclude(photo=None).values("photo"))
    )


def can_use_photo(user, photo):
    return photo is None or usable_photos(user).filter(pk=photo.pk).exists()


def visible_tags(user):
    """Tag names `user` may be shown: those on live stories or their own."""
    from taggit.models import Tag

    from articles.models import TaggedArticle

    if can_edit_any(user):
        return Tag.objects.all()
    stories = Article.objects.live().values("pk").union(own_stories(user).values("pk"))
    return Tag.objects.filter(
        pk__in=TaggedArticle.objects.filter(content_object__in=stories).values("tag")
    )


def can_send_issues(user):
    """Preview, test, schedule and send newsletter issues (editors)."""
    return _has(user, NEWSLETTER_ISSUES)


def can_send_alerts(user):
    """Send a breaking-news alert from a published story."""
    return _has(user, SEND_ALERTS)


def can_handle_subscriber_data(user):
    """Export and erase a subscriber's data (administrators)."""
    return _has(user, SUBSCRIBER_DATA)
