from django.apps import AppConfig


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
