"""Many photos at once into a story's gallery: each file goes through the
upload pipeline on its own (imaging), so one bad file is named and
refused while the others are kept."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse

from articles import actions, permissions
from articles.models import Photo
from desk.admin.uploads import SafeImageField

#: Files one upload may carry (each is also held to the upload limits).
MAX_FILES = 40


class GalleryUploadForm(forms.Form):
    alt_text = forms.CharField(
        label="Alt text",
        max_length=250,
        help_text="Describes the photos for readers who cannot see them; "
        "give each its own afterwards in the photo library.",
    )
    credit = forms.CharField(
        label="Credit",
        max_length=150,
        required=False,
        help_text="Empty: each photo's embedded credit.",
    )


class GalleryUploadViews:
    """The story admin's "Upload photos to the gallery" page."""

    def gallery_upload_urls(self):
        return [
            self.route(  # StoryWorkflowViews.route
                "<path:object_id>/gallery/upload/",
                self.gallery_upload_view,
                "gallery_upload",
            )
        ]

    def gallery_upload_view(self, request, object_id):
        article = self._story(request, object_id)
        user = request.user
        if not (
            permissions.can_edit(user, article)
            and permissions.can_manage(user, Photo, "add")
        ):
            raise PermissionDenied("You may not add photos to this story.")
        form = GalleryUploadForm(request.POST if request.method == "POST" else None)
        rejected = []
        if request.method == "POST" and form.is_valid():
            files = request.FILES.getlist("images")
            if not files:
                form.add_error(None, "Choose at least one photo.")
            elif len(files) > MAX_FILES:
                form.add_error(None, f"Upload at most {MAX_FILES} photos at a time.")
            else:
                photos, rejected = self.store_photos(files, form.cleaned_data, user)
                if photos:
                    actions.AddToGallery(article, photos).execute(by=user)
                    messages.success(
                        request, f"Added {len(photos)} photos to the gallery."
                    )
                if not rejected:
                    return self._back(article)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Upload photos to the gallery of “{article.headline}”",
            "original": article,
            "form": form,
            "rejected": rejected,
            "max_files": MAX_FILES,
            "opts": self.model._meta,
        }
        return TemplateResponse(
            request, "admin/articles/article/gallery_upload.html", context
        )

    @staticmethod
    def store_photos(files, fields, user):
        """Each file through the upload pipeline and SavePhoto: the photos
        made, and (file name, reason) for each file refused."""
        photos, rejected = [], []
        field = SafeImageField()
        for upload in files:
            try:
                image = field.clean(upload)
            except ValidationError as error:
                rejected.append((upload.name[:100], " ".join(error.messages)))
                continue
            photos.append(save_photo(image, fields, user))
        return photos, rejected


def save_photo(image, fields, user):
    """A photo of the library from an upload cleaned by SafeImageField, with
    the `alt_text` and `credit` given (empty credit: the embedded one)."""
    embedded = getattr(image, "embedded", {})
    photo = Photo(
        image=image,
        alt_text=fields["alt_text"],
        caption=embedded.get("caption", ""),
        credit=fields["credit"] or embedded.get("credit", ""),
    )
    actions.SavePhoto(photo).execute(by=user)
    return photo
