"""Related stories under a story: the editors' choices first, then live
stories sharing its tags, published within RELATED_MAX_AGE of it, most
shared tags first, the same section next. Never a story the Top Stories feed on the same
page shows, and never the story itself.

The list is a shared fragment (public.fragments): it changes whenever a
story joins its tags' or section's lists or the Top Stories move, and the
story page around it need not.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Q,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.template.loader import render_to_string

import caching
from articles import keys
from articles.models import Article, RelatedStory, TaggedArticle
from articles.top_stories import top_story_ids
from public import cards

#: How many related stories a page shows.
RELATED_COUNT = 4
#: How far apart in time a story and its related ones may be.
RELATED_MAX_AGE = timedelta(days=30)
#: The newest stories of each of its tags in that time that are weighed:
#: the work is bounded however large the archive.
CANDIDATES = 50


def related_rows(pk):
    """(id, card_version) of the stories to show under live story `pk`, in
    order (six queries, and the Top Stories' ids); [] when it is not live.
    Records the keys it depends on: where the story stands (not its text,
    which an edit changes far more often), its tags' lists and the Top
    Stories."""
    story = (
        Article.objects.filter(pk=pk).live().values("publish_at", "section_id").first()
    )
    caching.shows(keys.placed(pk))
    if story is None:
        return []
    tags = list(
        TaggedArticle.objects.filter(content_object=pk).values_list("tag", flat=True)
    )
    caching.shows(*(keys.listing("tag", tag) for tag in tags))
    pinned = list(
        RelatedStory.objects.filter(article=pk).values_list("related", flat=True)
    )
    sharing = _sharing(pk, story["publish_at"], tags, story["section_id"])
    # The Top Stories' key is on the list now: any publication renews it, so a
    # pinned story that goes live later joins then.
    hidden = {pk, *top_stories_shown_with(pk)}
    wanted = [i for i in dict.fromkeys(pinned + sharing) if i not in hidden]
    # Checked by the live rule, as a kept list is (public.cards.current).
    return cards.current(wanted)[:RELATED_COUNT]


def top_stories_shown_with(pk):
    """The Top Stories the page of story `pk` shows: the feed lists one story
    more, and the page hides itself in it, or else the last one (its CSS,
    public/jinja2/articles/story.html)."""
    ids = top_story_ids(limit=settings.NEWSROOM_TOP_STORIES + 1)
    return [i for i in ids if i != pk] if pk in ids else ids[:-1]


def _sharing(pk, publish_at, tags, section):
    """Ids of stories near `publish_at` sharing a tag with story `pk`, by
    tags shared (each worth two), the same section (worth one), then newest.

    Two queries, whatever the archive's size: the candidates are the newest
    CANDIDATES of each tag within the window, read from the tag table's
    index (as a tag page is); only they are scored, found by their ids. (A
    query joining the two, or checking the live rule, the database answers
    by walking every live story; the caller checks it on the few chosen.)"""
    if not tags:
        return []
    newest_of_each_tag = (
        TaggedArticle.objects.filter(
            tag__in=tags,
            publish_at__gte=publish_at - RELATED_MAX_AGE,
            publish_at__lte=publish_at + RELATED_MAX_AGE,
        )
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("tag"),
                order_by=[F("publish_at").desc(), F("content_object").desc()],
            )
        )
        .filter(rank__lte=CANDIDATES)
        .values_list("content_object", flat=True)
    )
    candidates = set(newest_of_each_tag) - {pk}
    if not candidates:
        return []
    same_section = Case(
        When(section_id=section, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return list(
        Article.objects.filter(pk__in=candidates)
        .annotate(
            shared=Count(
                "tagged_items",
                filter=Q(tagged_items__tag__in=tags),
                distinct=True,
            )
        )
        .annotate(score=F("shared") * 2 + same_section)
        .order_by("-score", "-publish_at", "-pk")
        .values_list("pk", flat=True)
    )


def related_ids(pk):
    """The ids `related_rows` chooses, kept until where the story stands,
    its tags' lists or the Top Stories move: an edit of the story's text,
    or of a story in the list (its card), does not change which stories are
    chosen (the six queries are not run again; the live rule is checked on
    each read, as a kept list's is)."""
    return caching.remember(
        f"related-ids:{pk}", lambda: [row[0] for row in related_rows(pk)], shown=True
    )


def related_feed(pk):
    """The related stories under story `pk`, as HTML ("" when none)."""
    caching.shows(keys.story(pk))
    rows = cards.current(related_ids(pk))
    if not rows:
        return ""
    context = {"stories": cards.cards(rows, "compact")}
    return render_to_string("articles/includes/related.html", context)
