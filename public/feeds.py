"""RSS 2.0 and Atom feeds: all stories, Top Stories, per tag, author, section.

Every feed starts from Article.objects.live() (directly or through the Top
Stories feed). Items carry every author, the tags as categories and the lead
photo (RSS enclosure plus Media RSS with caption and credit). A feed reads
which stories it lists and their versions in one query; each item is
written once per version and kept (public.feed_entries).
"""

import io

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Enclosure
from taggit.models import Tag

import caching
import imaging
from articles import keys
from articles.models import Article, Author, Section
from articles.text import strip_control_characters
from articles.top_stories import top_story_ids
from public import body, feed_entries
from public.feed_formats import NewsAtomFeed, NewsRssFeed

FEED_LENGTH = 30


def clean(text):
    return strip_control_characters(text or "")


class StoryFeed(Feed):
    """All live stories, newest first (RSS)."""

    feed_type = NewsRssFeed
    kind = "rss"
    description_template = None
    #: The stories being written as items (see `get_feed`).
    writing = ()

    def __call__(self, request, *args, **kwargs):
        # A fresh instance per request (see `view`), so this is not shared.
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_feed(self, obj, request):
        """The feed with its entries from the store, writing the missing."""
        rows = self.rows(obj)
        base = request.build_absolute_uri("/")
        names = {row[0]: feed_entries.name(self.kind, base, *row[:3]) for row in rows}
        found = feed_entries.stored(list(names.values()))
        missing = [pk for pk, stored in names.items() if stored not in found]
        written = self.write_entries(obj, request, base, missing)
        caching.shows(*self.list_keys(obj))
        entries = []
        for pk, stored in names.items():
            xml, entry_keys = found.get(stored) or written.get(pk) or (None, ())
            if xml is not None:
                caching.shows(*entry_keys)
                entries.append(xml)
        feed = super().get_feed(obj, request)
        feed.stored_entries = entries
        # As an item's own time: updated after publication, else published.
        dates = [max(filter(None, row[3:])) for row in rows if row[3]]
        feed.latest = max(dates, default=None)
        return feed

    def rows(self, obj):
        """(pk, version, card_version, publish_at, updated_at) of the stories
        the feed lists, in order."""
        return list(
            self.stories(obj)
            .order_by("-publish_at", "-pk")
            .values_list(*feed_entries.FIELDS)[:FEED_LENGTH]
        )

    def write_entries(self, obj, request, base, pks):
        """Write and keep the entries of the stories `pks`: {pk: (xml, keys)}."""
        if not pks:
            return {}
        stories = list(
            Article.objects.filter(pk__in=pks)
            .for_cards()
            .prefetch_related(*body.PREFETCH)
            .order_by("-publish_at", "-pk")
        )
        self.writing = stories
        try:
            out = io.StringIO()
            super().get_feed(obj, request).write(out, "utf-8")
        finally:
            self.writing = ()
        written, kept = {}, {}
        split = feed_entries.split(self.kind, out.getvalue())
        for story, xml in zip(stories, split, strict=True):
            value = (xml, tuple(entry_keys(story)))
            # Under the versions just read: never an older entry under newer ones.
            version = (story.version, story.card_version)
            kept[feed_entries.name(self.kind, base, story.pk, *version)] = value
            written[story.pk] = value
        feed_entries.keep(kept)
        return written

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
        return self.writing

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


def entry_keys(item):
    """The content keys of what an item shows: its card, its tags, and the
    whole story (its edits, its inline photos: as an entry, which lags an
    ordinary edit as the feed's list does)."""
    yield from keys.card_keys(item)
    yield from (keys.record(tag) for tag in item.tags.all())
    yield keys.entry(item.pk)
    yield from (keys.record(photo) for photo in item.inline_photos.all())


class AtomMixin:
    feed_type = NewsAtomFeed
    kind = "atom"
    subtitle = StoryFeed.description

    def item_author_name(self, item):
        return None  # each author is written out by NewsAtomFeed


class TopStoriesFeed(StoryFeed):
    def title(self, obj=None):
        return f"{settings.NEWSROOM_SITE_NAME}: Top Stories"

    def link(self, obj=None):
        return reverse("articles:home")

    def rows(self, obj):
        ids = top_story_ids(limit=FEED_LENGTH)
        found = Article.objects.live().filter(pk__in=ids).order_by()
        rows = {row[0]: row for row in found.values_list(*feed_entries.FIELDS)}
        return [rows[pk] for pk in ids if pk in rows]

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
