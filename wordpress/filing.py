"""Where an imported post is filed: its author's profile, its section and its
tags, made here when missing."""

import hashlib
from html import unescape

from django.utils.text import slugify

from articles import actions
from articles.models import Author, Section

#: Posts filed under no category at all go to this section, and are tagged
#: with it, so that a published archive arrives published (a story needs a
#: section and a tag); editors refile them from the report.
ARCHIVE = ("archive", "Archive")
#: WordPress's default category: no one chose it, so it tags nothing.
UNCATEGORIZED = "uncategorized"


def slug_of(*candidates, length, fallback):
    """The first candidate that makes an ASCII slug, else one made from
    `fallback` (names in other scripts), cut to the column's length."""
    for candidate in candidates:
        slug = slugify(unescape(candidate or ""))[:length].strip("-")
        if slug:
            return slug
    digest = hashlib.sha256(fallback.encode()).hexdigest()[:10]
    return f"wp-{digest}"


def author(export, login, by):
    person = export.people.get(login)
    display = (person.name if person else login) or "Staff"
    name = unescape(display).strip()[:120]
    slug = slug_of(display, login, length=120, fallback=display)
    author = Author.objects.filter(slug=slug).first()
    if author is None:
        author = Author(name=name, slug=slug)
        actions.SaveAuthor(author).execute(by=by)
    return author


def section(post, by):
    """The first category's section (or "Archive" for a post without one):
    found by its slug or its name, made if neither is here."""
    nicename, label = post.categories[0] if post.categories else ARCHIVE
    name = unescape(label or nicename).strip()[:80]
    slug = slug_of(nicename, name, length=80, fallback=name or nicename)
    section = (
        Section.objects.filter(slug=slug).first()
        or Section.objects.filter(name__iexact=name).first()
    )
    if section is None:
        section = Section(slug=slug, name=name or slug)
        actions.SaveSection(section).execute(by=by)
    return section


def tags(post):
    """The post's tags; a post without any takes its categories' names
    (WordPress's "Uncategorized" aside), or else "Archive"."""
    names = [unescape(name)[:100] for _, name in post.tags if name]
    if names:
        return names, ""
    names = [
        unescape(name or slug)[:100]
        for slug, name in post.categories
        if slug != UNCATEGORIZED and (name or slug)
    ]
    if names:
        return names, f"no tags: tagged with its categories ({', '.join(names)})"
    return [ARCHIVE[1]], f"no tags nor categories: filed and tagged “{ARCHIVE[1]}”"
