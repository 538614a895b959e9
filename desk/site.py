from dataclasses import dataclass

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse

from articles import permissions, worklists
from articles.models import Article
from desk.two_factor import factors

DASHBOARD_LENGTH = 8
#: The newsroom's own models in the order the desk uses them; the rest follow
#: by name. Tags (django-taggit's app) are listed among them.
DESK_ORDER = ["article", "photo", "author", "section", "tag", "topstory"]


# This module lives outside the desk.admin package on purpose: importing
# that package registers models on the default site, which is this class.
class NewsroomAdminSite(admin.AdminSite):
    """The admin with a newsroom home: what needs this person's attention."""

    site_header = "Newsroom"
    site_title = "Newsroom admin"
    index_title = "Desk"
    index_template = "admin/newsroom_index.html"
    # The header's desk menu (admin/base_site.html) leads everywhere: the
    # pages keep their width for the work.
    enable_nav_sidebar = False

    def get_app_list(self, request, app_label=None):
        """Tags among the newsroom's own models, not under "Taggit"."""
        apps = super().get_app_list(request)
        newsroom = next((a for a in apps if a["app_label"] == "articles"), None)
        tags = next((a for a in apps if a["app_label"] == "taggit"), None)
        if newsroom is not None and tags is not None:
            newsroom["models"] += tags["models"]
            apps.remove(tags)
        if newsroom is not None:
            apps.remove(newsroom)
            apps.insert(0, newsroom)  # the stories first, then the rest by name
            order = {name: n for n, name in enumerate(DESK_ORDER)}
            newsroom["models"].sort(
                key=lambda model: (
                    order.get(model["object_name"].lower(), len(order)),
                    model["name"],
                )
            )
        if app_label is not None:
            wanted = "articles" if app_label == "taggit" else app_label
            apps = [a for a in apps if a["app_label"] == wanted]
        return apps

    def autocomplete_view(self, request):
        from desk.admin.uploads import PictureAutocompleteView

        return PictureAutocompleteView.as_view(admin_site=self)(request)

    def has_permission(self, request):
        """Staff, and past the second factor when they have or need one."""
        return super().has_permission(request) and factors.satisfied(request)

    def login(self, request, extra_context=None):
        """Signed in by password but not past the second factor: its page."""
        step = factors.step(request) if request.method == "GET" else None
        if step is not None:
            name = "two_factor_verify" if step == factors.VERIFY else "two_factor"
            return redirect(factors.url_with_next(name, request.GET.get("next")))
        return super().login(request, extra_context)

    def get_urls(self):
        """Django's "view on site" shortcut, limited to stories one may open;
        the two-factor pages (desk.two_factor.views)."""
        from desk.two_factor import views as two_factor_views

        urls = [
            path("two-factor/", two_factor_views.manage, name="two_factor"),
            path(
                "two-factor/verify/",
                two_factor_views.verify,
                name="two_factor_verify",
            ),
            path("two-factor/app/", two_factor_views.add_app, name="two_factor_app"),
            path(
                "two-factor/invitation/<str:token>/",
                two_factor_views.invitation,
                name="two_factor_invitation",
            ),
            path(
                "two-factor/recovery-codes/",
                two_factor_views.recovery_codes,
                name="two_factor_recovery",
            ),
            path(
                "two-factor/remove/",
                two_factor_views.remove,
                name="two_factor_remove",
            ),
            *super().get_urls(),
        ]
        for index, pattern in enumerate(urls):
            if getattr(pattern, "name", None) == "view_on_site":
                urls[index] = path(
                    "r/<int:content_type_id>/<path:object_id>/",
                    self.admin_view(self.view_on_site),
                    name="view_on_site",
                )
        return urls

    def view_on_site(self, request, content_type_id, object_id):
        content_type = ContentType.objects.filter(pk=content_type_id).first()
        if content_type and content_type.model_class() is Article:
            pk = int(object_id) if object_id.isdigit() else None
            article = Article.objects.filter(pk=pk).first()
            if article is None or not permissions.can_view(request.user, article):
                raise Http404("No such story.")
        return shortcut(request, content_type_id, object_id)

    def index(self, request, extra_context=None):
        return super().index(
            request, {**dashboard(request.user), **(extra_context or {})}
        )


@dataclass
class Panel:
    key: str
    title: str
    count: int
    items: list
    #: The stories list showing them all, when there is one.
    url: str = ""


def dashboard(user):
    """The desk home for `user`: each work list (articles.worklists) with its
    count and first stories, then the week's corrections."""
    changelist = reverse("admin:articles_article_changelist")
    panels = []
    for key in worklists.HOME:
        worklist = worklists.WORKLISTS[key]
        stories = worklist.stories(user).select_related("section")
        panels.append(
            Panel(
                key,
                worklist.title,
                stories.count(),
                list(stories[:DASHBOARD_LENGTH]),
                f"{changelist}?view={key}",
            )
        )
    corrections = worklists.recent_corrections(user)
    panels.append(
        Panel(
            "corrections",
            "Recent corrections",
            corrections.count(),
            list(corrections[:DASHBOARD_LENGTH]),
        )
    )
    needs_me = worklists.WORKLISTS["needs_me"].stories(user).count()
    return {
        "panels": panels,
        "needs_me": needs_me,
        "needs_me_url": f"{changelist}?view=needs_me",
    }
