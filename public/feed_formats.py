"""The feeds' RSS and Atom: every author, the photo as media:content, the
whole story as content, and the WebSub hub of the feeds it is told of."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from articles import pings

MEDIA_NS = "http://search.yahoo.com/mrss/"
DC_NS = "http://purl.org/dc/elements/1.1/"
DCTERMS_NS = "http://purl.org/dc/terms/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"


class StoredEntries:
    """Entries written earlier (public.feed_entries), put in as they are
    after the feed's own items, and the latest time among them."""

    stored_entries = ()
    latest = None

    def write_items(self, handler):
        super().write_items(handler)
        for entry in self.stored_entries:
            handler.ignorableWhitespace(entry)  # written as it is, unescaped

    def latest_post_date(self):
        if self.latest is not None and not self.items:
            return self.latest
        return super().latest_post_date()


class NewsRssFeed(StoredEntries, Rss201rev2Feed):
    """RSS with every author as dc:creator and the photo as media:content."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:media": MEDIA_NS,
            "xmlns:dc": DC_NS,
            "xmlns:dcterms": DCTERMS_NS,
            "xmlns:content": CONTENT_NS,
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
        handler.addQuickElement("content:encoded", item["content"])
        _media_content(handler, item)


class NewsAtomFeed(StoredEntries, Atom1Feed):
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
        handler.addQuickElement("content", item["content"], {"type": "html"})
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
