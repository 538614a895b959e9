"""What waits for whom on the desk, in one place: the desk home's panels and
the stories list's quick views (desk.site, desk.admin.filters) both read
these lists, each already limited to the stories its person may open."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from articles import permissions
from articles.models import Article, Correction, LiveUpdate, Revision

Status = Article.Status
#: How far back "Recent corrections" looks.
RECENT_CORRECTIONS = timedelta(days=7)


def sent_back(stories):
    """Drafts whose last move was an editor sending them back: they stay
    sent back, through any edits, until they are submitted again."""
    last_move = Revision.objects.filter(
        article=OuterRef("pk"), kind=Revision.Kind.TRANSITION
    ).order_by("-number")
    return (
        stories.drafts()
        .annotate(last_move_from=Subquery(last_move.values("from_status")[:1]))
        .filter(last_move_from=Status.IN_REVIEW)
    )


def end_of_today(now):
    local = timezone.localtime(now)
    midnight = datetime.combine(local.date() + timedelta(days=1), time.min)
    return timezone.make_aware(midnight, local.tzinfo)


def live_now(stories, now=None):
    """Live stories readers can follow now."""
    return stories.live(now).filter(live_coverage=True, coverage_ended_at=None)


def _mine(user):
    return permissions.own_stories(user).values("pk")


def _my_drafts(user, stories, now):
    return stories.drafts().filter(pk__in=_mine(user))


def _sent_back(user, stories, now):
    return sent_back(stories.filter(pk__in=_mine(user)))


def _waiting_for_review(user, stories, now):
    if permissions.can_publish(user):
        return stories.in_review()
    return stories.in_review().filter(pk__in=_mine(user))


def _scheduled(user, stories, now):
    return stories.scheduled(now)


def _scheduled_today(user, stories, now):
    return stories.scheduled(now).filter(publish_at__lt=end_of_today(now))


def _live(user, stories, now):
    return live_now(stories, now)


def _needs_me(user, stories, now):
    """Waiting for this person's action: their stories sent back; for those
    who publish, stories in review; for those who approve live updates,
    live stories with updates waiting."""
    wanted = Q(pk__in=_sent_back(user, stories, now).values("pk"))
    if permissions.can_publish(user):
        wanted |= Q(status=Status.IN_REVIEW)
    if permissions.can_approve_update(user):
        waiting = LiveUpdate.objects.filter(
            status=LiveUpdate.Status.PENDING, deleted_at=None
        )
        wanted |= Q(pk__in=waiting.values("article"))
    return stories.filter(wanted)


@dataclass(frozen=True)
class Worklist:
    key: str
    title: str
    #: (user, the stories they may open, now) → the list's stories.
    select: object
    #: How the list reads newest first, or soonest first.
    order: tuple = ("-modified_at", "-pk")

    def stories(self, user, now=None):
        visible = permissions.editable_by(user)
        return self.select(user, visible, now or timezone.now()).order_by(*self.order)


WORKLISTS = {
    worklist.key: worklist
    for worklist in [
        Worklist("needs_me", "Needs me", _needs_me),
        Worklist("mine", "My drafts", _my_drafts),
        Worklist("sent_back", "Sent back to me", _sent_back),
        Worklist(
            "review", "Waiting for review", _waiting_for_review, ("modified_at", "pk")
        ),
        Worklist("scheduled", "Scheduled", _scheduled, ("publish_at", "pk")),
        Worklist(
            "scheduled_today", "Scheduled today", _scheduled_today, ("publish_at", "pk")
        ),
        Worklist("live", "Live stories now", _live, ("-publish_at", "-pk")),
    ]
}

#: The desk home's panels, in order (recent corrections come after them).
HOME = ["mine", "sent_back", "review", "scheduled_today", "live"]


def recent_corrections(user, now=None):
    """Corrections of the last week on stories `user` may open, newest first."""
    since = (now or timezone.now()) - RECENT_CORRECTIONS
    return (
        Correction.objects.filter(
            created_at__gte=since,
            article__in=permissions.editable_by(user).values("pk"),
        )
        .select_related("article")
        .order_by("-created_at", "-pk")
    )
