"""What a save keeps from a story's body besides the text: which library
photos it shows and which of our stories it links to (articles.body), so a
photo's or a linked story's change renews it; a link to one of our stories
carries the story's id, so it outlives the story's slug."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve

from articles import body as elements
from articles.models import Article, Photo, SlugRedirect


def _our_hosts():
    hosts = {host.lower() for host in settings.ALLOWED_HOSTS if host not in ("*",)}
    if settings.NEWSROOM_SITE_URL:
        hosts.add(urlsplit(settings.NEWSROOM_SITE_URL).netloc.lower())
    return hosts


def _slug(href, hosts):
    """The story slug an address of ours names, or None."""
    try:
        parts = urlsplit(href or "")
    except ValueError:
        return None
    if parts.netloc and (
        parts.scheme not in ("http", "https") or parts.netloc.lower() not in hosts
    ):
        return None
    try:
        match = resolve(parts.path or "/")
    except Resolver404:
        return None
    return match.kwargs.get("slug") if match.view_name == "articles:detail" else None


def link_stories(body):
    """(the body with each link to one of our stories carrying its id and no
    other link carrying one, the ids linked to). The body is rewritten only
    when a link changes."""
    root, hosts, changed, linked = elements.parse(body), _our_hosts(), False, []
    anchors = root.xpath("//a[@href]|//a[@data-story]")
    slugs = {a: _slug(a.get("href"), hosts) for a in anchors}
    wanted = {slug for slug in slugs.values() if slug}
    ids = dict(Article.objects.filter(slug__in=wanted).values_list("slug", "pk"))
    ids.update(
        SlugRedirect.objects.filter(old_slug__in=wanted - ids.keys()).values_list(
            "old_slug", "article"
        )
    )
    for anchor, slug in slugs.items():
        story = str(ids[slug]) if slug in ids else None
        if story:
            linked.append(int(story))
        if anchor.get("data-story") != story:
            changed = True
            if story:
                anchor.set("data-story", story)
            else:
                anchor.attrib.pop("data-story", None)
    return (elements.serialize(root) if changed else body), list(dict.fromkeys(linked))


def keep_body_records(article):
    """After a save: links to stories by id, the photos and stories the body
    shows recorded on the story."""
    body, linked = link_stories(article.body)
    if body != article.body:
        Article.objects.filter(pk=article.pk).update(body=body)
        article.body = body
    article.inline_photos.set(Photo.objects.filter(pk__in=elements.photo_ids(body)))
    article.linked_stories.set(
        Article.objects.filter(pk__in=linked).exclude(pk=article.pk)
    )
