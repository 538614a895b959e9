"""The photo picker a story body's "Photo" button opens in a small window:
the library's photos, newest first or found by their words, and an upload
form; choosing one hands it to the editor (desk/static/desk/photo_window.js)
with its alt text, caption and credit to start from. Mixed into PhotoAdmin."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path

import imaging
from articles import actions, permissions
from articles.models import Photo
from desk.admin.thumbnails import smallest_url
from desk.admin.uploads import PhotoForm, SafeImageField

PER_PAGE = 24


class PickerUploadForm(PhotoForm):
    image = SafeImageField(label="Photo")

    class Meta(PhotoForm.Meta):
        model = Photo
        fields = ["image", "alt_text", "caption", "credit"]


class PhotoPickerViews:
    def picker_urls(self):
        view = self.admin_site.admin_view
        return [
            path("picker/", view(self.picker_view), name="articles_photo_picker"),
            path(
                "<int:pk>/thumbnail/",
                view(self.thumbnail_view),
                name="articles_photo_thumbnail",
            ),
        ]

    def picker_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        chosen, form = None, None
        if permissions.can_manage(request.user, Photo, "add"):
            form = PickerUploadForm(request.POST or None, request.FILES or None)
            if request.method == "POST" and form.is_valid():
                chosen = actions.SavePhoto(form.instance).execute(by=request.user)
                form = PickerUploadForm()
        query = " ".join(request.GET.get("q", "").split())[:100]
        photos = Photo.objects.order_by("-uploaded_at", "-pk")
        if query:
            photos = photos.filter(
                Q(caption__icontains=query)
                | Q(alt_text__icontains=query)
                | Q(credit__icontains=query)
            )
        context = {
            **self.admin_site.each_context(request),
            "title": "Choose a photo",
            "opts": self.model._meta,
            "is_popup": True,
            "query": query,
            "form": form,
            "chosen": chosen and self.described(chosen),
            "photos": [self.described(photo) for photo in photos[:PER_PAGE]],
        }
        return TemplateResponse(request, "admin/articles/photo/picker.html", context)

    @staticmethod
    def described(photo):
        """What the editor starts this use from."""
        return {
            "id": photo.pk,
            "thumb": smallest_url(photo.renditions, photo.image.storage),
            "alt": photo.alt_text,
            "caption": photo.caption,
            "credit": photo.credit,
        }

    def thumbnail_view(self, request, pk):
        """A small copy of photo `pk`, for the editor to show what it holds."""
        photo = Photo.objects.filter(pk=pk).first()
        if photo is None or not self.has_view_permission(request, photo):
            raise Http404("No such photo.")
        chosen = imaging.fallback(photo.renditions, photo.image.storage, max_width=640)
        if not chosen:
            raise Http404("This photo has no copies.")
        return HttpResponseRedirect(chosen["url"])
