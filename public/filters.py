"""Reader filters for story lists: ?tag=a&tag=b&author=slug&section=slug,
and &role=photos for the stories an author is credited on in that role.

Parsing never raises: a malformed or unknown value becomes a labelled problem
the page shows (and answers 404 for), so a bad query string cannot cause a 500.
"""

import hashlib
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.cache import caches
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from taggit.models import Tag

import caching
from articles import keys as content
from articles.models import Article, Author, Byline, Credit, Section, TaggedArticle
from articles.models.queries import LIST_ORDER_TABLES

SLUG = re.compile(r"^[-\w]{1,100}$")
MAX_TAGS = 5
#: How long a process trusts its count of a tag's or author's stories.
SIZE_TIMEOUT = 600


def public_tags(slugs):
    """The tags among `slugs` readers can see, by slug: a tag only drafts
    carry stays unknown. Kept until a story carrying one of them changes
    lists or the tag changes, or, if one is unknown, any list or tag changes."""
    digest = hashlib.sha256("\n".join(sorted(slugs)).encode()).hexdigest()
    return caching.remember(f"public-tags:{digest}", lambda: _public_tags(slugs))


def _public_tags(slugs):
    on_live_story = Article.objects.live().filter(tagged_items__tag=OuterRef("pk"))
    found = Tag.objects.filter(slug__in=slugs).filter(Exists(on_live_story))
    found = {tag.slug: tag for tag in found}
    for tag in found.values():
        caching.shows(content.listing("tag", tag.pk), content.record(tag))
    if len(found) < len(set(slugs)):
        # An unknown tag becomes public when a story's lists or a tag change.
        caching.shows(content.STORIES, caching.MISSING)
    return found


def credited_roles(author):
    """{role: number of live stories} of the roles `author` is credited in,
    kept until their list changes."""
    return caching.remember(
        f"credited-roles:{author.pk}",
        lambda: _credited_roles(author),
        [content.listing("author", author.pk)],
    )


def _credited_roles(author):
    live = Article.objects.live().filter(pk=OuterRef("article"))
    rows = (
        Credit.objects.filter(author=author)
        .filter(Exists(live))
        .values_list("role")
        .annotate(stories=Count("article", distinct=True))
        .order_by()
    )
    found = dict(rows)
    return {role: found[role] for role in Credit.Role.values if role in found}


def _size(model, lookups):
    """About how many stories the rows matching `lookups` are on: counted now
    and then, it only decides which filter leads."""
    named = ":".join(f"{k}={getattr(v, 'pk', v)}" for k, v in sorted(lookups.items()))
    key = f"size:{model._meta.model_name}:{named}"
    size = caches["local"].get(key)
    if size is None:
        size = model.objects.filter(**lookups).count()
        caches["local"].set(key, size, SIZE_TIMEOUT)
    return size


def _older(after, id_field):
    """Rows after (publish_at, id) in newest-first order."""
    at, pk = after
    return Q(publish_at__lt=at) | Q(publish_at=at, **{f"{id_field}__lt": pk})


@dataclass
class StoryFilters:
    tags: list[Tag] = field(default_factory=list)
    author: Author | None = None
    section: Section | None = None
    #: A Credit.Role: the author's credits in it instead of their bylines.
    role: str = ""
    problems: list[str] = field(default_factory=list)

    def content_keys(self):
        """The keys of the lists and names these filters show."""
        keys = []
        for kind, records in [
            ("tag", self.tags),
            ("author", [self.author] if self.author else []),
            ("section", [self.section] if self.section else []),
        ]:
            for record in records:
                keys += [content.listing(kind, record.pk), content.record(record)]
        return keys

    @classmethod
    def from_query(cls, query):
        """Resolve the filters in `query` (a QueryDict) with one query each."""
        filters = cls()
        tag_slugs = list(dict.fromkeys(query.getlist("tag")))
        if len(tag_slugs) > MAX_TAGS:
            filters.problems.append(f"At most {MAX_TAGS} tags can be combined.")
            tag_slugs = tag_slugs[:MAX_TAGS]
        valid = [slug for slug in tag_slugs if SLUG.match(slug)]
        found = public_tags(valid) if valid else {}
        for slug in tag_slugs:
            if slug in found:
                filters.tags.append(found[slug])
            else:
                filters.problems.append(f"No tag named “{slug[:100]}”.")
        filters.author = cls._one(query, "author", Author, filters.problems)
        filters.section = cls._one(query, "section", Section, filters.problems)
        filters.role = cls.role_from(query, filters.author, filters.problems)
        return filters

    @staticmethod
    def role_from(query, author, problems):
        """The credit role ?role= names, or "" (and a problem noted)."""
        role = query.get("role")
        if role is None:
            return ""
        if role not in Credit.Role.values:
            problems.append(f"No credit role named “{role[:100]}”.")
            return ""
        if author is None:
            problems.append("A credit role narrows one author's stories: name one.")
            return ""
        return role

    @staticmethod
    def _one(query, key, model, problems):
        slug = query.get(key)
        if slug is None:
            return None
        instance = model.objects.filter(slug=slug).first() if SLUG.match(slug) else None
        if instance is None:
            problems.append(f"No {key} named “{slug[:100]}”.")
        return instance

    def rows(self, after=None):
        """(id, card_version) of the live stories these filters select, newest
        first, in an order one index serves, so the database stops as soon
        as the page is full; only those after the (publish_at, id) `after`
        when given (a cursor: the read API's pages).

        With tags or an author, the one on the fewest stories leads: the
        query walks its rows of the tag or byline table, which keep their
        story's publish_at (index tag/author, -publish_at, -story), and checks
        each row's story (live, in the section, carrying the other tags and
        author) by its id. Without them, the story table's own indexes
        serve: by section, or all live stories.
        """
        live = Article.objects.live()
        if self.section:
            live = live.filter(section=self.section)
        narrowing = [(TaggedArticle, {"tag": tag}) for tag in self.tags]
        if self.author and self.role:
            narrowing.append((Credit, {"author": self.author, "role": self.role}))
        elif self.author:
            narrowing.append((Byline, {"author": self.author}))
        if not narrowing:
            if after:
                live = live.filter(_older(after, "pk"))
            return live.order_by("-publish_at", "-pk").values_list("pk", "card_version")
        lead = narrowing[0]
        if len(narrowing) > 1:
            lead = min(narrowing, key=lambda entry: _size(*entry))
        for model, lookups in narrowing:
            if lookups is not lead[1]:
                rows = model.objects.filter(**lookups)
                story = {LIST_ORDER_TABLES[model.__name__]: OuterRef("pk")}
                live = live.filter(Exists(rows.filter(**story)))
        model, lookups = lead
        story_id = f"{LIST_ORDER_TABLES[model.__name__]}_id"
        card_version = Article.objects.filter(pk=OuterRef(story_id)).order_by()
        led = model.objects.filter(**lookups)
        if after:
            led = led.filter(_older(after, story_id))
        return (
            led.filter(Exists(live.filter(pk=OuterRef(story_id))))
            .order_by("-publish_at", f"-{story_id}")
            .values_list(story_id, Subquery(card_version.values("card_version")))
        )

    def params(self):
        """The filters as ordered query parameters (tags sorted): canonical form."""
        params = [("tag", slug) for slug in sorted(tag.slug for tag in self.tags)]
        if self.author:
            params.append(("author", self.author.slug))
        if self.role:
            params.append(("role", self.role))
        if self.section:
            params.append(("section", self.section.slug))
        return params

    def query_string(self, without=None):
        dropped = {without}
        if without and without[0] == "author":
            dropped.add(("role", self.role))  # a role narrows the author's list
        return urlencode([param for param in self.params() if param not in dropped])

    def active(self):
        """Each active filter with a label and the query string that removes it."""
        chips = [("Tag", tag.name, ("tag", tag.slug)) for tag in self.tags]
        if self.author:
            chips.append(("Author", self.author.name, ("author", self.author.slug)))
        if self.role:
            label = Credit.Role(self.role).label
            chips.append(("Credited for", label, ("role", self.role)))
        if self.section:
            chips.append(("Section", self.section.name, ("section", self.section.slug)))
        return [
            {"kind": kind, "label": label, "remove": self.query_string(without=param)}
            for kind, label, param in chips
        ]
