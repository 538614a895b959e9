"""The forms of a live story's page: the composer (an update, with a photo
from the library or one taken just now) and the correction of an update."""

from django import forms

from articles import permissions
from articles.models import Author, LiveUpdate, Photo
from desk.admin.uploads import SafeImageField

#: The photos an update may carry: the newest of the library.
RECENT_PHOTOS = 50


class LiveUpdateForm(forms.ModelForm):
    """The composer. Its fields carry a prefix so the page can hold others."""

    prefix = "live"

    new_photo = SafeImageField(
        label="Or upload a photo",
        required=False,
        help_text="JPEG, PNG or WebP; a phone's camera photo is fine.",
    )
    new_photo_alt = forms.CharField(
        label="What the photo shows (alt text)",
        max_length=250,
        required=False,
        help_text="For readers who cannot see it. Needed with an upload.",
    )
    new_photo_credit = forms.CharField(
        label="Photo credit", max_length=150, required=False
    )

    class Meta:
        model = LiveUpdate
        fields = ["body", "authors", "photo", "pinned"]

    def __init__(self, *args, user=None, article=None, **kwargs):
        super().__init__(*args, **kwargs)
        usable = permissions.usable_photos(user) if user else Photo.objects.none()
        recent = usable.order_by("-uploaded_at").values_list("pk", flat=True)
        self.fields["photo"].queryset = Photo.objects.filter(
            pk__in=list(recent[:RECENT_PHOTOS])
        )
        self.fields["photo"].label = "Photo from the library"
        self.fields[
            "photo"
        ].help_text = (
            "One of the newest photos you may use: yours, or ones readers see."
        )
        self.fields["authors"].queryset = permissions.update_authors(
            user, article
        ).order_by("name")
        self.fields["authors"].widget.attrs["size"] = 4
        self.fields["new_photo"].widget.attrs["accept"] = "image/*"
        if user is None or not permissions.can_manage(user, Photo, "add"):
            for name in ("new_photo", "new_photo_alt", "new_photo_credit"):
                del self.fields[name]
        own = Author.objects.filter(user=user).first() if user else None
        if own and not self.is_bound:
            self.initial["authors"] = [own.pk]

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("new_photo")
        if upload and cleaned.get("photo"):
            self.add_error(
                "new_photo", "Choose a photo from the library or upload one, not both."
            )
        elif upload and not cleaned.get("new_photo_alt", "").strip():
            self.add_error(
                "new_photo_alt",
                "Say what the photo shows, for readers who cannot see it.",
            )
        return cleaned


class CorrectUpdateForm(forms.ModelForm):
    class Meta:
        model = LiveUpdate
        fields = ["body", "pinned"]
