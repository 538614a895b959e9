"""Live stories: updates posted, approved, corrected, deleted, and the end
of coverage. An update changes what the story's page, its JSON and its card
show (the card carries the latest update's time), nothing else: it renews
the card and touches the story's key, not the story's version, so an editor
with the story form open is not refused for an update posted meanwhile."""

from django.contrib.auth.models import Permission
from django.utils import timezone

from articles import keys, permissions
from articles.actions.base import Action, ActionError, clean
from articles.actions.embeds import quote_posts
from articles.actions.stories import StoryAction
from articles.models import Article, LiveUpdate, LiveUpdateRevision, Revision


def shown_changed(change, article):
    """Readers' view of the stream changed: the story's "Updated" time
    moves, its page, JSON and card are renewed."""
    if article.first_published_at is not None:
        now = timezone.now()
        Article.objects.filter(pk=article.pk).update(updated_at=now)
        article.updated_at = now
    change.recard([article.pk])
    change.touch(keys.story(article.pk), keys.card(article.pk))


class UpdateAction(StoryAction):
    """An action on one update of a live story."""

    def __init__(self, update):
        super().__init__(update.article)
        self.update = update

    denied = "You may not change this update."

    def prepare(self):
        super().prepare()
        # As stored, not as a form left it: what it said before is kept.
        self.update = LiveUpdate.objects.select_for_update().get(pk=self.update.pk)

    def permits(self, user):
        return permissions.can_change_update(user, self.update)

    def subject(self):
        return self.update

    def keep_revision(self, change, what):
        LiveUpdateRevision.objects.create(
            update=self.update,
            body=self.update.body,
            pinned=self.update.pinned,
            action=what,
            by=change.by,
        )


class PostUpdate(StoryAction):
    """A new update: readers see it at once when an editor or the live desk
    posts it; a writer's waits for an editor (ApproveUpdate)."""

    name, label = "post_update", "Post update"
    denied = "You may not post updates to this story."

    def __init__(self, article, *, body, authors, photo=None, pinned=False):
        super().__init__(article)
        self.fields = {"body": body, "photo": photo, "pinned": pinned}
        self.authors = list(authors)
        self.update = None

    def subject(self):
        return self.update

    def permits(self, user):
        return permissions.can_post_live(user, self.article) and (
            permissions.can_use_photo(user, self.fields["photo"])
        )

    def validate(self):
        if not self.authors:
            raise ActionError("Name at least one author of the update.")

    def perform(self, change):
        at_once = permissions.posts_live_at_once(change.by)
        update = LiveUpdate(
            article=self.article,
            created_by=change.by,
            status=LiveUpdate.Status.PUBLISHED
            if at_once
            else LiveUpdate.Status.PENDING,
            **self.fields,
        )
        clean(update)
        if not update.body.strip():
            raise ActionError("The update is empty.")
        update.save()
        self.update = update
        update.authors.set(self.authors)
        quote_posts(self.article)
        if at_once:
            shown_changed(change, self.article)
        return update


class ApproveUpdate(UpdateAction):
    """An editor lets a writer's update through: readers see it now. The
    editor names the version they read; an update corrected since must be
    read again (a writer may change it while it waits)."""

    name, label = "approve_update", "Approve"
    denied = "Only editors approve updates."

    def __init__(self, update, *, version):
        super().__init__(update)
        self.version = version

    def permits(self, user):
        return permissions.can_approve_update(user)

    def validate(self):
        if self.update.status != LiveUpdate.Status.PENDING:
            raise ActionError("This update is published already.")
        if self.version != self.update.version:
            raise ActionError(
                "This update changed after you read it: read it again, then approve it."
            )

    def details(self):
        return {"version": self.update.version}

    def perform(self, change):
        update = self.update
        update.status = LiveUpdate.Status.PUBLISHED
        update.posted_at = timezone.now()
        update.save(update_fields=["status", "posted_at"])
        shown_changed(change, self.article)
        return update


class CorrectUpdate(UpdateAction):
    """Change an update's text or whether it is a key event; what it said
    before is kept."""

    name, label = "correct_update", "Save update"

    def __init__(self, update, *, body, pinned):
        super().__init__(update)
        self.body, self.pinned = body, pinned

    def perform(self, change):
        update = self.update
        self.keep_revision(change, "corrected")
        update.body, update.pinned = self.body, self.pinned
        update.version += 1
        clean(update)
        if not update.body.strip():
            raise ActionError("The update is empty: delete it instead.")
        update.save()
        quote_posts(self.article)
        if update.status == LiveUpdate.Status.PUBLISHED:
            shown_changed(change, self.article)
        return update


class DeleteUpdate(UpdateAction):
    """Take an update off the story; it is kept, marked deleted."""

    name, label = "delete_update", "Delete update"

    def perform(self, change):
        update = self.update
        self.keep_revision(change, "deleted")
        update.deleted_at = timezone.now()
        update.save(update_fields=["deleted_at"])
        if update.status == LiveUpdate.Status.PUBLISHED:
            shown_changed(change, self.article)
        return update


class EndCoverage(StoryAction):
    """Close a live story: it says when coverage ended and reads on as a
    normal story."""

    name, label = "end_coverage", "End live coverage"
    denied = "Only editors end live coverage."

    def permits(self, user):
        return permissions.can_publish(user)

    def validate(self):
        if not self.article.live_coverage or self.article.coverage_ended_at:
            raise ActionError("This story is not being covered live.")

    def perform(self, change):
        article = self.article
        article.coverage_ended_at = timezone.now()
        article.save(update_fields=["coverage_ended_at"])
        change.revise(article, kind=Revision.Kind.EDITED, message="Live coverage ended")
        return article


def _live_desk_permission():
    app_label, codename = permissions.LIVE_DESK.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def live_desk():
    """The writers on the live desk."""
    return _live_desk_permission().user_set.all()


class SetLiveDesk(Action):
    """Put a writer on the live desk (their updates go out without an
    editor), or take them off."""

    name, label = "set_live_desk", "Live desk"
    denied = "Only editors choose the live desk."

    def __init__(self, writer, *, on):
        super().__init__()
        self.writer, self.on = writer, on

    def permits(self, user):
        return permissions.can_manage_live_desk(user)

    def subject(self):
        return self.writer

    def details(self):
        return {"live desk": "on" if self.on else "off"}

    def validate(self):
        if not permissions.is_live_desk_candidate(self.writer):
            raise ActionError("Only writers join the live desk: editors post live.")

    def perform(self, change):
        grant = _live_desk_permission()
        if self.on:
            self.writer.user_permissions.add(grant)
        else:
            self.writer.user_permissions.remove(grant)
        return self.writer
