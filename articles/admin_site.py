from django.contrib import admin

from articles import permissions

DASHBOARD_LENGTH = 8


# This module lives outside the articles.admin package on purpose: importing
# that package registers models on the default site, which is this class.
class NewsroomAdminSite(admin.AdminSite):
    """The admin with a newsroom home: what needs this person's attention."""

    site_header = "Newsroom"
    site_title = "Newsroom admin"
    index_title = "Desk"
    index_template = "admin/newsroom_index.html"

    def autocomplete_view(self, request):
        from articles.admin.uploads import PictureAutocompleteView

        return PictureAutocompleteView.as_view(admin_site=self)(request)

    def index(self, request, extra_context=None):
        return super().index(
            request, {**dashboard(request.user), **(extra_context or {})}
        )


def dashboard(user):
    """Short lists linking to stories, each limited to what `user` may open."""
    visible = permissions.editable_by(user).select_related("section")
    mine = permissions.own_stories(user).values("pk")
    panels = [
        ("My drafts", visible.drafts().filter(pk__in=mine).order_by("-modified_at")),
        ("Scheduled", visible.scheduled().order_by("publish_at")),
        ("Recently published", visible.live().order_by("-publish_at")),
    ]
    if permissions.is_editor(user):
        panels.insert(
            1, ("Awaiting review", visible.in_review().order_by("modified_at"))
        )
    return {
        "dashboard": [
            (title, list(stories[:DASHBOARD_LENGTH])) for title, stories in panels
        ]
    }
