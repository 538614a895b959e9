"""What editors do with issues, as actions (articles.actions): schedule or
send one, take it back, send a test to themselves, and send a
breaking-news alert from a published story. Each is checked against
articles.permissions and recorded in the audit log."""

from django.conf import settings
from django.utils import timezone

from articles import permissions
from articles.actions import Action, ActionError, NotAllowedNow
from articles.models import Article
from newsletters import emails, tasks
from newsletters.models import Issue, NewsletterList


class IssueAction(Action):
    denied = "You may not send newsletters."

    def __init__(self, issue):
        super().__init__()
        self.issue = issue

    def permits(self, user):
        return permissions.can_send_issues(user)

    def prepare(self):
        self.issue = Issue.objects.select_for_update().get(pk=self.issue.pk)

    def subject(self):
        return self.issue


class Schedule(IssueAction):
    """Send the issue at `when`, or now."""

    name = "schedule_issue"
    label = "Schedule"

    def __init__(self, issue, when=None):
        super().__init__(issue)
        self.when = when

    def permits(self, user):
        if self.issue.article_id is not None:  # an alert: its own power
            return permissions.can_send_alerts(user)
        return super().permits(user)

    def validate(self):
        if self.issue.state not in (Issue.DRAFT, Issue.SCHEDULED):
            raise NotAllowedNow("This issue is already going out.")

    def perform(self, change):
        self.issue.state = Issue.SCHEDULED
        self.issue.send_at = self.when or timezone.now()
        self.issue.save(update_fields=["state", "send_at"])
        tasks.send_issue.using(run_after=self.issue.send_at).enqueue(self.issue.pk)
        return self.issue


class Unschedule(IssueAction):
    name = "unschedule_issue"
    label = "Back to draft"

    def validate(self):
        if self.issue.state != Issue.SCHEDULED:
            raise NotAllowedNow("Only a scheduled issue can be taken back.")

    def perform(self, change):
        self.issue.state = Issue.DRAFT
        self.issue.save(update_fields=["state"])


class SendTest(IssueAction):
    """A copy to the editor's own address, marked as a test; nothing else
    changes."""

    name = "send_test_issue"
    label = "Send me a test"

    def validate(self):
        if not self.by_email:
            raise ActionError("Your account has no email address to send a test to.")

    def execute(self, *, by):
        self.by_email = by.email
        return super().execute(by=by)

    def perform(self, change):
        if not self.issue.html:
            emails.render(self.issue)  # shown as it would go now; not stored
        message = emails.message(self.issue, None, to=self.by_email)
        message.subject = f"[Test] {message.subject}"
        message.send()

    def details(self):
        return {"to": self.by_email}


def alerts_list():
    return NewsletterList.objects.filter(
        kind=NewsletterList.ALERTS, active=True
    ).first()


class SendAlert(Action):
    """A breaking-news alert about a live story, with the editor's one-line
    summary; once per story unless `again` confirms another."""

    name = "send_alert"
    label = "Send alert"
    denied = "You may not send breaking-news alerts."

    def __init__(self, article, summary, *, again=False):
        super().__init__()
        self.article = article
        self.summary = " ".join(summary.split())
        self.again = again
        self.issue = None

    def permits(self, user):
        return permissions.can_send_alerts(user)

    def validate(self):
        if not Article.objects.live().filter(pk=self.article.pk).exists():
            raise ActionError("Only a published story can be sent as an alert.")
        if not self.summary or len(self.summary) > 300:
            raise ActionError("Write a one-line summary of at most 300 characters.")
        self.newsletter = alerts_list()
        if self.newsletter is None:
            raise ActionError("There is no breaking-news list to send to.")
        earlier = (
            Issue.objects.filter(article=self.article, newsletter__kind="alerts")
            .exclude(state=Issue.DRAFT)
            .order_by("-created_at")
            .first()
        )
        if earlier and not self.again:
            when = timezone.localtime(earlier.created_at)
            raise ActionError(
                f"An alert about this story went out at {when:%H:%M}, {when:%-d %b}. "
                "Confirm to send another."
            )

    def perform(self, change):
        self.issue = Issue.objects.create(
            newsletter=self.newsletter,
            subject=emails.one_line(
                f"{settings.NEWSROOM_SITE_NAME} breaking news: {self.article.headline}"
            )[:200],
            article=self.article,
            summary=self.summary,
            state=Issue.SCHEDULED,
            send_at=timezone.now(),
            created_by=change.by,
        )
        tasks.send_issue.enqueue(self.issue.pk)
        return self.issue

    def subject(self):
        return self.issue

    def details(self):
        return {"article": self.article.pk, "summary": self.summary}


class SaveIssue(IssueAction):
    """An editor's draft issue, as the form left it."""

    name = "save_issue"
    label = "Save"

    def prepare(self):
        if self.issue.pk is not None:
            stored = Issue.objects.select_for_update().get(pk=self.issue.pk)
            if stored.state != Issue.DRAFT:
                raise NotAllowedNow("Only a draft issue can be changed.")

    def perform(self, change):
        self.issue.html = self.issue.text = ""  # rendered again when it goes
        self.issue.save()
        return self.issue


class SaveNewsletter(Action):
    """A list's name, wording, kind and sending time; a digest's next issue
    is queued at its time."""

    name = "save_newsletter"
    label = "Save"

    def __init__(self, newsletter):
        super().__init__()
        self.newsletter = newsletter

    def permits(self, user):
        action = "change" if self.newsletter.pk else "add"
        return permissions.can_manage(user, NewsletterList, action)

    def perform(self, change):
        self.newsletter.save()
        tasks.schedule_digest(self.newsletter)
        return self.newsletter

    def subject(self):
        return self.newsletter
