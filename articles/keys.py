"""The newsroom's content keys: names for what a page shows, so that a change
purges only the pages showing what it changed (caching.keys says how the
page cache collects and purges them).

- `story:<id>`   a story's own page (and everything on it about the story)
- `entry:<id>`   the story as a feed's entry shows it: purged with its
                 `story:` key, but lagging an ordinary edit as lists do
- `card:<id>`    the story's card wherever it is listed (headline, dek, time,
                 byline names, section, photo)
- `placed:<id>`  where the story stands: live or not, its time, section,
                 tags, bylines and the related stories its editors pinned
                 (what chooses the stories related to it); purged with its
                 lists, not by an edit of its text
- `tag:<id>`, `author:<id>`, `section:<id>`, `photo:<id>`
                 a library record as pages show it (a name, a picture)
- `list:…`       the lists a story can be on: `list:home`, `list:stories`,
                 `list:top`, `list:authors`, `list:tag:<id>`,
                 `list:author:<id>`, `list:section:<id>`
- `nav`, `search`, `sitemaps`, and the cache's own `all`, `missing` (cached
  404s) and `schedule` (the next scheduled moment).

`StoryState` and `story_change_keys` work out which keys a change of one
story touches; the commit step (articles.actions.commit) purges them.
"""

from dataclasses import dataclass

import caching
from caching.keys import MISSING, SCHEDULE

NAV = "nav"
SEARCH = "search"
SITEMAPS = "sitemaps"

HOME = "list:home"
STORIES = "list:stories"
TOP = "list:top"
AUTHORS = "list:authors"


def story(pk):
    return f"story:{pk}"


def card(pk):
    return f"card:{pk}"


def entry(pk):
    return f"entry:{pk}"


def placed(pk):
    return f"placed:{pk}"


def entries(keys):
    """The feed-entry keys of the stories whose `story:` key is in `keys`."""
    return {entry(key.removeprefix("story:")) for key in keys if key[:6] == "story:"}


def record(instance):
    """The key of a tag, author, section or photo as pages show it."""
    return f"{instance._meta.model_name}:{instance.pk}"


def listing(kind, pk):
    """The key of the list of stories of one tag, author or section."""
    return f"list:{kind}:{pk}"


def card_keys(article):
    """What a story card shows: the story, its section, photo and bylines
    (read from prefetched bylines when there are some)."""
    keys = [card(article.pk)]
    if article.section_id:
        keys.append(f"section:{article.section_id}")
    if article.lead_photo_id:
        keys.append(f"photo:{article.lead_photo_id}")
    keys.extend(f"author:{byline.author_id}" for byline in article.bylines.all())
    return keys


def show_cards(articles):
    """Record that the page being rendered shows these stories' cards."""
    for article in articles:
        caching.shows(*card_keys(article))


@dataclass(frozen=True)
class StoryState:
    """What decides which lists a story is on, at one moment."""

    pk: int
    #: Where it answers: the stories linking to it show this address.
    slug: str
    public: bool
    #: Public now or once: its address answers (200, 410 or 301) for readers.
    seen: bool
    publish_at: object
    unpublish_at: object
    section: int | None
    tags: frozenset
    authors: frozenset
    #: (author, role) of each credited profile: a person's page lists their
    #: credits by role, so a role changing moves the story between lists.
    credits: frozenset
    #: The related stories its editors pinned, in order.
    pinned: tuple

    @classmethod
    def of(cls, article):
        """The state of `article` as stored (four queries: tags, bylines,
        credits, pinned related stories)."""
        public = article.is_live or article.is_scheduled
        return cls(
            pk=article.pk,
            slug=article.slug,
            # Live or scheduled: a scheduled story's lists are kept no longer
            # than its moment, so they must be purged when it is scheduled.
            public=public,
            seen=public or article.first_published_at is not None,
            publish_at=article.publish_at,
            unpublish_at=article.unpublish_at,
            section=article.section_id,
            tags=frozenset(article.tags.values_list("pk", flat=True)),
            authors=frozenset(article.bylines.values_list("author", flat=True)),
            credits=frozenset(
                article.credits.filter(author__isnull=False).values_list(
                    "author", "role"
                )
            ),
            pinned=tuple(article.pinned_related.values_list("related", flat=True)),
        )

    def lists(self):
        if not self.public:
            return set()
        keys = {HOME, STORIES, TOP, AUTHORS, SCHEDULE}
        if self.section:
            keys.add(listing("section", self.section))
        keys.update(listing("tag", pk) for pk in self.tags)
        keys.update(listing("author", pk) for pk in self.authors)
        keys.update(listing("author", pk) for pk, _ in self.credits)
        return keys


def story_change_keys(before, after):
    """The keys a change of one story touches, from its states before and
    after (None: it did not exist). A story no reader ever saw, before or
    after, touches nothing; one whose state did not change (an edit of its
    text) touches only its page, its card, search and the sitemaps."""
    keys = set()
    for state in (before, after):
        if state is not None and state.seen:
            keys.update({story(state.pk), card(state.pk), SEARCH, SITEMAPS, MISSING})
    if before != after:
        for state in (before, after):
            if state is not None:
                keys.update(state.lists())
                keys.add(placed(state.pk))
    return keys
