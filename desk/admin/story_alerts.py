"""A breaking-news alert from a published story: its page on the desk, with
the one-line summary the editor writes (newsletters.issues.SendAlert
checks the `send_alerts` permission and sends at most once per story
unless confirmed again)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from articles import permissions
from articles.actions import ActionError
from newsletters.issues import SendAlert, alerts_list
from newsletters.models import Issue


class AlertForm(forms.Form):
    summary = forms.CharField(
        label="One-line summary",
        max_length=300,
        help_text="The first line readers see, e.g. “The Senate passed the "
        "budget bill, 52-48”.",
        widget=forms.TextInput(attrs={"class": "alert-summary"}),
    )
    again = forms.BooleanField(
        label="Yes, send another alert about this story", required=False
    )


def earlier_alerts(article):
    return Issue.objects.filter(article=article, newsletter__kind="alerts").exclude(
        state=Issue.DRAFT
    )


class StoryAlertViews:
    """Mixed into StoryAdmin (its `route`, `_story` and `_back`)."""

    def alert_urls(self):
        return [self.route("<path:object_id>/alert/", self.send_alert_view, "alert")]

    def send_alert_view(self, request, object_id):
        article = self._story(request, object_id)
        if not permissions.can_send_alerts(request.user):
            raise PermissionDenied
        form = AlertForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            action = SendAlert(
                article, form.cleaned_data["summary"], again=form.cleaned_data["again"]
            )
            try:
                issue = action.execute(by=request.user)
            except ActionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"Alert on its way: “{issue.subject}”.")
                return self._back(article)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": f"Send an alert: {article.headline}",
            "form": form,
            "newsletter": alerts_list(),
            "earlier": earlier_alerts(article),
        }
        status = 400 if form.errors else 200
        return TemplateResponse(
            request, "admin/articles/article/send_alert.html", context, status=status
        )
