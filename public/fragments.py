"""Shared fragments: parts of many pages rendered once and cached on their own
keys, so a change to them does not renew every page that shows them.

The Top Stories feed under every story is one: the newest stories change by
the second when news breaks, and the story pages around the feed need not.
A page rendered for the page cache holds a placeholder where the fragment
goes; the page cache puts the fragment in as it answers, or, for an HTTP cache
that speaks ESI (Varnish), an <esi:include> of the fragment's own address.

The feed lists one story more than it shows; each story page hides itself, or
else the extra story, with a line of CSS, so one fragment serves every page.
The related stories under a story are another ("related-<story id>",
public.related): they move with their tags' lists and the Top Stories.
"""

import re
from functools import partial

from django.conf import settings
from django.db import Error as DatabaseFailure
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

import caching
from articles.top_stories import top_story_ids
from public import cards
from public.related import related_feed

#: Where a fragment goes: its name, signed with the site's key, so that no
#: text an editor types (nor an import brings) can stand for one.
PLACEHOLDER = re.compile(rb"<!--newsroom:fragment:([a-z0-9-]{1,60}):([0-9a-f]{20})-->")
SALT = "public.fragments.placeholder"
#: A fragment's name: its kind, and for some kinds a record's id.
NAME = re.compile(r"([a-z]+(?:-[a-z]+)*)(?:-([0-9]{1,10}))?")


def top_stories_feed():
    """The Top Stories feed, one story longer than pages show."""
    rows = cards.current(top_story_ids(limit=settings.NEWSROOM_TOP_STORIES + 1))
    if not rows:
        return ""
    context = {"stories": cards.cards(rows, "compact")}
    return render_to_string("articles/includes/top_stories.html", context)


RENDERERS = {"top-stories": top_stories_feed}
#: Fragments of one record each, named "<kind>-<id>".
RECORD_RENDERERS = {"related": related_feed}


def renderer(name):
    """What renders fragment `name`, or None when there is no such one."""
    match = NAME.fullmatch(name)
    if match is None:
        return None
    kind, pk = match.groups()
    if pk is None:
        return RENDERERS.get(kind)
    if kind in RECORD_RENDERERS:
        return partial(RECORD_RENDERERS[kind], int(pk))
    return None


def _signature(name):
    return salted_hmac(SALT, name, algorithm="sha256").hexdigest()[:20]


def placeholder(name):
    """Where fragment `name` goes in a page kept by the page cache."""
    return f"<!--newsroom:fragment:{name}:{_signature(name)}-->"


def html(name):
    """The fragment, from the cache (or rendered and kept on its keys). While
    the database fails, the last copy kept, whatever its keys say."""
    try:
        return caching.remember(f"fragment:{name}", renderer(name))
    except DatabaseFailure:
        return caching.remembered(f"fragment:{name}", default="")


def url(name):
    return reverse("articles:fragment", args=[name])


def split(content, content_type=""):
    """`content` (bytes) as a list of its text (bytes) and the names (str)
    of the fragments that go between, in order; [content] when it holds
    none. Only HTML pages hold fragments: JSON, feeds and sitemaps are
    left as they are, whatever their text says."""
    if not content_type.startswith("text/html"):
        return [content]
    if b"<!--newsroom:fragment:" not in content:
        return [content]
    pieces, last = [], 0
    for match in PLACEHOLDER.finditer(content):
        name = match.group(1).decode()
        if not constant_time_compare(match.group(2).decode(), _signature(name)):
            continue  # not ours: leave the text as it is
        pieces.append(content[last : match.start()])
        last = match.end()
        if renderer(name) is not None:
            pieces.append(name)
    pieces.append(content[last:])
    return pieces


def fill(name, *, esi=False):
    """What goes where fragment `name` was: its HTML, or an ESI include of
    its address for an HTTP cache that assembles."""
    if esi:
        return f'<esi:include src="{url(name)}"/>'.encode()
    return html(name).encode()


def assemble(content, *, esi=False, content_type=""):
    """`content` (bytes) with its placeholders replaced (see `split`)."""
    pieces = split(content, content_type)
    if len(pieces) == 1:
        return pieces[0]
    return b"".join(
        fill(piece, esi=esi) if isinstance(piece, str) else piece for piece in pieces
    )
