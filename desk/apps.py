from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from taggit.apps import TaggitAppConfig


class DeskConfig(AppConfig):
    """Where writers and editors work: the admin's pages, its templates and
    scripts, and two-factor sign-in."""

    default = True
    name = "desk"
    verbose_name = "Desk"


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the newsroom's own site (a desk dashboard)."""

    default = False
    default_site = "desk.site.NewsroomAdminSite"


class NewsroomTagsConfig(TaggitAppConfig):
    """django-taggit's tags, named as the desk lists them: among the
    newsroom's own models (desk.site), not under "Taggit"."""

    verbose_name = "Newsroom"
