"""The reader's forms: subscribe (with a field only bots fill), preferences."""

from django import forms
from django.db.models import Q

from newsletters.models import NewsletterList

#: The field people never see; a bot filling every input fills it too.
HONEYPOT = "website"


class NewslettersField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return f"{obj.name}: {obj.description}"


def offered():
    return NewsletterList.objects.filter(active=True)


class SubscribeForm(forms.Form):
    email = forms.EmailField(label="Your email address", max_length=254)
    newsletters = NewslettersField(
        queryset=NewsletterList.objects.none(),
        to_field_name="slug",
        label="Newsletters",
        error_messages={"required": "Choose at least one newsletter."},
    )
    website = forms.CharField(required=False, label="Leave this empty")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["newsletters"].queryset = offered()

    def is_bot(self):
        return bool(self.data.get(HONEYPOT))


class PreferencesForm(forms.Form):
    newsletters = NewslettersField(
        queryset=NewsletterList.objects.none(),
        to_field_name="slug",
        required=False,
        label="Send me",
    )

    def __init__(self, *args, subscriber, **kwargs):
        on = subscriber.subscriptions.filter(left_at=None, confirmed_at__isnull=False)
        chosen = [item.newsletter for item in on.select_related("newsletter")]
        kwargs.setdefault("initial", {"newsletters": chosen})
        super().__init__(*args, **kwargs)
        self.fields["newsletters"].queryset = NewsletterList.objects.filter(
            Q(active=True) | Q(pk__in=on.values("newsletter"))
        )
