from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class ArticlesConfig(AppConfig):
    default = True
    name = "articles"
    verbose_name = "Newsroom"

    def ready(self):
        from articles.models import Article, TopStory
        from caching import schedule

        # Nothing cached outlives the next scheduled publication, unpublication
        # or Top Stories window.
        schedule.watch(Article.objects.next_change)
        schedule.watch(TopStory.objects.next_change)


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the newsroom's own site (a desk dashboard)."""

    default = False
    default_site = "articles.admin_site.NewsroomAdminSite"
