"""RSS 2.0 and Atom feeds: all stories, Top Stories, per tag, author, section.

Every feed starts from Article.objects.live() (directly or through the Top
Stories feed). Items carry every author, the tags as categories and the lead
photo (RSS enclosure plus Media RSS with caption and credit).
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Enclosure
from taggit.models import Tag

import caching
import imaging
from articles import keys
from articles.models import Article, Author, Section
from articles.text import strip_control_characters
from articles.top_stories import top_stories
from public import body
from public.feed_formats import NewsAtomFeed, NewsRssFeed

FEED_LENGTH = 30


def clean(text):
    return strip_control_characters(text or "")


class StoryFeed(Feed):
    """All live stories, newest first (RSS)."""

    feed_type = NewsRssFeed
    description_template = None

    def __call__(self, request, *args, **kwargs):
        # A fresh instance per request (see `view`), so this is not shared.
        self.request = request
        return super().__call__(request, *args, **kwargs)

    @classmethod
    def view(cls):
        def feed_view(request, *args, **kwargs):
            return cls()(request, *args, **kwargs)

        return feed_view

    def title(self, obj=None):
        return f"{settings.NEWSROOM_SITE_NAME}: latest stories"

    def link(self, obj=None):
        return reverse("articles:list")

    def description(self, obj=None):
        return f"The latest stories from {settings.NEWSROOM_SITE_NAME}."

    def stories(self, obj):
        return Article.objects.live()

    def list_keys(self, obj):
        return [keys.STORIES]

    def items(self, obj=None):
        items = list(
            self.stories(obj)
            .for_cards()
            .prefetch_related(*body.PREFETCH)
            .order_by("-publish_at", "-pk")[:FEED_LENGTH]
        )
        return self.tagged(obj, items)

    def tagged(self, obj, items):
        """Record the keys of the feed's list and of each item it shows."""
        caching.shows(*self.list_keys(obj))
        keys.show_cards(items)
        for item in items:
            caching.shows(*(keys.record(tag) for tag in item.tags.all()))
            # The whole story is in the feed: its edits and its photos too.
            caching.shows(keys.story(item.pk))
            caching.shows(*(keys.record(photo) for photo in item.inline_photos.all()))
        return items

    def item_title(self, item):
        return clean(item.headline)

    def item_description(self, item):
        return clean(item.dek)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return self.request.build_absolute_uri(
            reverse("articles:detail", args=[item.slug])
        )

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.last_updated or item.publish_at

    def item_author_name(self, item):
        return ", ".join(clean(author.name) for author in item.authors_in_order) or None

    def item_categories(self, item):
        return [clean(tag.name) for tag in item.tags.all()]

    def item_enclosures(self, item):
        photo = self._photo(item)
        if not photo:
            return []
        return [Enclosure(photo["url"], str(photo["bytes"]), "image/jpeg")]

    def item_extra_kwargs(self, item):
        return {
            "creators": [clean(author.name) for author in item.authors_in_order],
            "author_links": [
                (
                    clean(author.name),
                    self.request.build_absolute_uri(author.get_absolute_url()),
                )
                for author in item.authors_in_order
            ],
            "photo": self._photo(item),
            # Full content, photos and links at absolute addresses.
            "content": clean(body.render_absolute(item, self.request)),
        }

    def _photo(self, item):
        photo = item.lead_photo
        if photo is None:
            return None
        chosen = imaging.fallback(photo.renditions, photo.image.storage)
        if not chosen:
            return None
        return {
            **chosen,
            "url": self.request.build_absolute_uri(chosen["url"]),
            "caption": clean(photo.caption),
            "credit": clean(photo.credit),
        }


class AtomMixin:
    feed_type = NewsAtomFeed
    subtitle = StoryFeed.description

    def item_author_name(self, item):
        return None  # each author is written out by NewsAtomFeed


class TopStoriesFeed(StoryFeed):
    def title(self, obj=None):
        return f"{settings.NEWSROOM_SITE_NAME}: Top Stories"

    def link(self, obj=None):
        return reverse("articles:home")

    def items(self, obj=None):
        stories = top_stories(limit=FEED_LENGTH)
        prefetch_related_objects(stories, "tags", *body.PREFETCH)
        return self.tagged(obj, stories)

    def list_keys(self, obj):
        return [keys.TOP]


class TagFeed(StoryFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def title(self, obj=None):
        return f"{settings.NEWSROOM_SITE_NAME}: {clean(obj.name)}"

    def link(self, obj=None):
        return reverse("articles:tag", args=[obj.slug])

    def stories(self, obj):
        return Article.objects.live().filter(tagged_items__tag=obj)

    def list_keys(self, obj):
        return [keys.listing("tag", obj.pk), keys.record(obj)]


class AuthorFeed(StoryFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def title(self, obj=None):
        return f"{settings.NEWSROOM_SITE_NAME}: stories by {clean(obj.name)}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def stories(self, obj):
        return Article.objects.live().filter(bylines__author=obj)

    def list_keys(self, obj):
        return [keys.listing("author", obj.pk), keys.record(obj)]


class SectionFeed(StoryFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj=None):
        return f"{settings.NEWSROOM_SITE_NAME}: {clean(obj.name)}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def stories(self, obj):
        return Article.objects.live().filter(section=obj)

    def list_keys(self, obj):
        return [keys.listing("section", obj.pk), keys.record(obj)]


def atom(feed_class):
    """The Atom twin of an RSS feed class."""
    return type(f"Atom{feed_class.__name__}", (AtomMixin, feed_class), {})
