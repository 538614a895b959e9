"""RSS 2.0 and Atom feeds: all stories, Top Stories, per tag, author, section.

Every feed starts from Article.objects.live() (directly or through the Top
Stories feed). Items carry every author, the tags as categories and the lead
photo (RSS enclosure plus Media RSS with caption and credit).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from taggit.models import Tag

import caching
import imaging
from articles import keys, pings
from articles.models import Article, Author, Section
from articles.text import strip_control_characters
from articles.top_stories import top_stories

FEED_LENGTH = 30
MEDIA_NS = "http://search.yahoo.com/mrss/"
DC_NS = "http://purl.org/dc/elements/1.1/"
DCTERMS_NS = "http://purl.org/dc/terms/"


class NewsRssFeed(Rss201rev2Feed):
    """RSS with every author as dc:creator and the photo as media:content."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:media": MEDIA_NS,
            "xmlns:dc": DC_NS,
            "xmlns:dcterms": DCTERMS_NS,
        }

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        if hub := _hub(self.feed):
            handler.addQuickElement("atom:link", None, {"rel": "hub", "href": hub})

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name in item["creators"]:
            handler.addQuickElement("dc:creator", name)
        # RSS 2.0 has no update time of its own; Dublin Core's is widely read.
        if item["updateddate"] is not None:
            handler.addQuickElement("dcterms:modified", item["updateddate"].isoformat())
        _media_content(handler, item)


class NewsAtomFeed(Atom1Feed):
    """Atom with one <author> per byline and the photo as media:content."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        if hub := _hub(self.feed):
            handler.addQuickElement("link", "", {"rel": "hub", "href": hub})

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, uri in item["author_links"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", uri)
            handler.endElement("author")
        _media_content(handler, item)


def _hub(feed):
    """The WebSub hub, for the feeds it is told of (articles.pings)."""
    hub = settings.NEWSROOM_WEBSUB_HUB
    path = urlsplit(feed.get("feed_url") or "").path
    if hub and path in {reverse(name) for name in pings.FEEDS}:
        return hub
    return None


def _media_content(handler, item):
    photo = item.get("photo")
    if not photo:
        return
    handler.startElement(
        "media:content",
        {
            "url": photo["url"],
            "medium": "image",
            "type": "image/jpeg",
            "width": str(photo["width"]),
            "height": str(photo["height"]),
        },
    )
    if photo["caption"]:
        handler.addQuickElement("media:description", photo["caption"])
    if photo["credit"]:
        handler.addQuickElement("media:credit", photo["credit"])
    handler.endElement("media:content")


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
            self.stories(obj).for_cards().order_by("-publish_at", "-pk")[:FEED_LENGTH]
        )
        return self.tagged(obj, items)

    def tagged(self, obj, items):
        """Record the keys of the feed's list and of each item it shows."""
        caching.shows(*self.list_keys(obj))
        keys.show_cards(items)
        for item in items:
            caching.shows(*(keys.record(tag) for tag in item.tags.all()))
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
        prefetch_related_objects(stories, "tags")  # categories
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
