"""Page-cache invalidation for the library models, each signal scoped to one
sender. Stories, corrections and notes invalidate from articles.workflow,
articles.editing and articles.editorial instead, where they change."""

from django.db.models.signals import post_delete, post_save
from taggit.models import Tag

from articles import caching, search
from articles.models import Article, Author, Photo, Section, TopStory

#: Changes to these show on public pages (bylines, nav, Top Stories, tags…).
LIBRARY = [TopStory, Author, Section, Photo, Tag]


def library_changed(sender, **kwargs):
    caching.bump()


def connect():
    for model in LIBRARY:
        for signal in (post_save, post_delete):
            signal.connect(
                library_changed, sender=model, dispatch_uid=f"pages-{model.__name__}"
            )
    # Deleting a story (editors, from the admin) takes it off every page.
    post_delete.connect(story_deleted, sender=Article, dispatch_uid="pages-Article")


def story_deleted(sender, instance, **kwargs):
    search.remove_article(instance.pk)
    caching.bump()
