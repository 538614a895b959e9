from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify

from articles import revisions
from articles.models import Article

#: taggit's Tag.name column is 100 characters.
TAG_MAX_LENGTH = 100


class StoryForm(forms.ModelForm):
    """The story form, carrying the version the editor started from."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    #: An autosaved draft (desk.admin.autosave) to fill the form with.
    restored = None

    class Meta:
        model = Article
        fields = [
            "headline",
            "slug",
            "dek",
            "body",
            "section",
            "tags",
            "lead_photo",
            "live_coverage",
            "unpublish_at",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["base_version"].initial = self.instance.version
        if self.restored is not None and not self.is_bound:
            self.initial.update(self.restored.data)
            if self.instance.pk:
                # Typed from this version: a save is checked against it.
                self.initial["base_version"] = self.restored.base_version

    def clean_tags(self):
        tags = self.cleaned_data.get("tags") or []
        for name in tags:
            if len(name) > TAG_MAX_LENGTH:
                raise forms.ValidationError(
                    f"Keep each tag under {TAG_MAX_LENGTH} characters."
                )
            if not slugify(name, allow_unicode=True):
                raise forms.ValidationError(
                    f"The tag “{name}” needs at least one letter or digit."
                )
        return tags

    def clean(self):
        cleaned = super().clean()
        unpublish_at = cleaned.get("unpublish_at")
        publish_at = self.instance.publish_at
        if unpublish_at and publish_at and unpublish_at <= publish_at:
            self.add_error(
                "unpublish_at", "The story must leave the site after it goes live."
            )
        if self.instance.pk:
            self.check_version(cleaned.get("base_version"))
        return cleaned

    def check_version(self, base):
        current = (
            Article.objects.filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if base == current:
            return
        # Carry the newer version so a deliberate second save goes through.
        self.data = self.data.copy()
        self.data[self.add_prefix("base_version")] = current
        raise forms.ValidationError(
            conflict_message(self.instance, base), code="conflict"
        )


def conflict_message(article, base_version):
    """Who saved what, and when, since `base_version`."""
    newer = list(
        article.revisions.filter(version__gt=base_version or 0).select_related(
            "created_by"
        )
    )
    older = article.revisions.filter(version__lte=base_version or 0).first()
    if not newer:
        return (
            "This story changed after you opened it. Your changes are below, not "
            "saved yet; save again to keep them."
        )
    latest = newer[0]
    when = date_format(timezone.localtime(latest.created_at), "DATETIME_FORMAT")
    who = ", ".join(dict.fromkeys(revision.by_name for revision in newer))
    changed = revisions.changed_fields(older.snapshot, latest.snapshot) if older else []
    what = f" (changed: {', '.join(changed)})" if changed else ""
    return (
        f"{who} saved this story at {when}{what} after you opened it. Your "
        "changes are still in the form below but were not saved. Check their "
        "version, then save again to replace it with yours."
    )
