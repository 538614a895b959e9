"""Sitemaps validate against the protocol's schema and list live stories only."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from lxml import etree

from public import sitemaps
from tests.factories import make_article, make_author

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "schemas"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def schema(name):
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def fetch(client, url, xsd):
    response = client.get(url)
    assert response.status_code == 200, url
    document = etree.fromstring(response.content)
    validator = schema(xsd)
    assert validator.validate(document), validator.error_log
    return document


def test_index_and_every_section_validate(client):
    """The sitemap index lists four child sitemaps; each validates and lists URLs."""
    make_article(tags=["ports"], authors=[make_author(slug="olga")])
    index = fetch(client, "/sitemap.xml", "siteindex.xsd")
    locations = index.xpath("//s:sitemap/s:loc/text()", namespaces=NS)
    assert {loc.split("/")[-1].split("?")[0] for loc in locations} == {
        "sitemap-stories.xml",
        "sitemap-tags.xml",
        "sitemap-authors.xml",
        "sitemap-sections.xml",
    }
    for loc in locations:
        urls = fetch(client, loc.replace("http://testserver", ""), "sitemap.xsd")
        assert urls.xpath("//s:url/s:loc", namespaces=NS)


def test_no_child_sitemap_holds_more_than_the_limit(client, monkeypatch):
    """Story sitemaps are split at the limit, which is 50,000 URLs."""
    monkeypatch.setattr(sitemaps.StorySitemap, "limit", 2)
    for _ in range(5):
        make_article()
    index = fetch(client, "/sitemap.xml", "siteindex.xsd")
    pages = [
        loc
        for loc in index.xpath("//s:sitemap/s:loc/text()", namespaces=NS)
        if "stories" in loc
    ]
    assert len(pages) == 3
    counts = [
        len(fetch(client, loc.replace("http://testserver", ""), "sitemap.xsd"))
        for loc in pages
    ]
    assert counts == [2, 2, 1]
    assert sitemaps.MAX_URLS == 50_000


def test_news_sitemap_lists_the_last_48_hours(client):
    """The news sitemap lists stories from the last 48 hours, with titles."""
    now = timezone.now()
    recent = make_article(headline="Fresh & new", publish_at=now - timedelta(hours=3))
    old = make_article(headline="Old news", publish_at=now - timedelta(hours=49))
    document = fetch(client, "/news-sitemap.xml", "news-sitemap.xsd")
    locations = document.xpath("//s:url/s:loc/text()", namespaces=NS)
    assert locations == [f"http://testserver{recent.get_absolute_url()}"]
    assert old.get_absolute_url() not in etree.tostring(document).decode()
    title = document.xpath(
        "//n:title/text()",
        namespaces={"n": "http://www.google.com/schemas/sitemap-news/0.9"},
    )
    assert title == ["Fresh & new"]


def test_robots_points_to_sitemaps_and_keeps_crawlers_out(client):
    """robots.txt names both sitemaps and disallows /admin/ and /preview/."""
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Sitemap: http://testserver/news-sitemap.xml" in body
    assert "Disallow: /admin/" in body
    assert "Disallow: /preview/" in body
