"""Image uploads in the admin: every file goes through imaging."""

from django import forms
from django.contrib.admin.views.autocomplete import AutocompleteJsonView

import imaging
from articles.models import Photo
from desk.admin.thumbnails import smallest_url


class SafeImageField(forms.ImageField):
    """An image upload validated by content and re-encoded before storage.

    The caption and credit embedded in the original (IPTC/EXIF) are read
    before the metadata is stripped and offered as `embedded` on the result.
    """

    def __init__(self, *args, **kwargs):
        # The stored name is generated, so the uploaded name may be any length.
        kwargs["max_length"] = None
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if self.label and getattr(widget, "use_fieldset", False):
            # The admin shows a file input under a legend, which names the
            # group but not the input itself.
            attrs["aria-label"] = str(self.label)
        return attrs

    def to_python(self, data):
        # Skip ImageField's own Pillow pass: imaging.clean_upload does it with
        # stricter formats and clearer messages.
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        embedded = imaging.read_embedded_credits(upload)
        cleaned = imaging.clean_upload(upload)
        cleaned.embedded = embedded
        return cleaned


class PhotoForm(forms.ModelForm):
    class Meta:
        widgets = {
            field: forms.NumberInput(attrs={"min": 0, "max": 1, "step": 0.001})
            for field in ("focal_x", "focal_y")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in ("focal_x", "focal_y"):
            if field in self.fields:  # left empty: the centre
                self.fields[field].required = False

    def clean(self):
        cleaned = super().clean()
        for field in ("focal_x", "focal_y"):
            if (
                field in self.fields
                and cleaned.get(field) is None
                and not (self.has_error(field))
            ):
                cleaned[field] = Photo._meta.get_field(field).default
        embedded = getattr(cleaned.get("image"), "embedded", {})
        for field in ("caption", "credit"):
            if not cleaned.get(field) and embedded.get(field):
                cleaned[field] = embedded[field]
                self.instance.__dict__[field] = embedded[field]
        return cleaned


class PictureAutocompleteView(AutocompleteJsonView):
    """Autocomplete results carrying a thumbnail, for the story form's picker."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, Photo):
            result["thumb"] = smallest_url(obj.renditions, obj.image.storage)
            result["alt"] = obj.alt_text  # the story form's writing aids
        return result
