"""Related stories under a story: the editors' choices first, then live
stories sharing its tags and section, published within RELATED_MAX_AGE of
it, most shared tags first. Never a story the Top Stories feed on the same
page shows, and never the story itself.

The list is a shared fragment (articles.fragments): it changes whenever a
story joins its tags' or section's lists or the Top Stories move, and the
story page around it need not.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.template.loader import render_to_string

from articles import cards
from articles.caching import keys
from articles.models import Article, RelatedStory, TaggedArticle
from articles.top_stories import top_story_ids

#: How many related stories a page shows.
RELATED_COUNT = 4
#: How far apart in time a story and its related ones may be.
RELATED_MAX_AGE = timedelta(days=30)


def related_rows(pk):
    """(id, card_version) of the stories to show under live story `pk`, in
    order (four queries, and the Top Stories' ids); [] when it is not live.
    Records the keys it depends on."""
    story = (
        Article.objects.filter(pk=pk).live().values("publish_at", "section_id").first()
    )
    keys.tag(keys.story(pk))
    if story is None:
        return []
    tags = list(
        TaggedArticle.objects.filter(content_object=pk).values_list("tag", flat=True)
    )
    section = story["section_id"]
    keys.tag(*(keys.listing("tag", tag) for tag in tags))
    if section:
        keys.tag(keys.listing("section", section))
    hidden = {pk, *top_stories_shown_with(pk)}
    pinned = (
        RelatedStory.objects.filter(article=pk)
        .filter(related__in=Article.objects.live())
        .values_list("related", "related__card_version")
    )
    chosen = {row[0]: row for row in pinned if row[0] not in hidden}
    if len(chosen) < RELATED_COUNT and (tags or section):
        wanted = RELATED_COUNT + len(hidden) + len(chosen)
        for row in _sharing(pk, story["publish_at"], tags, section, wanted):
            if row[0] not in hidden:
                chosen.setdefault(row[0], row)
    return list(chosen.values())[:RELATED_COUNT]


def top_stories_shown_with(pk):
    """The Top Stories the page of story `pk` shows: the feed lists one story
    more, and the page hides itself in it, or else the last one (its CSS,
    articles/jinja2/articles/story.html)."""
    ids = top_story_ids(limit=settings.NEWSROOM_TOP_STORIES + 1)
    return [i for i in ids if i != pk] if pk in ids else ids[:-1]


def _sharing(pk, publish_at, tags, section, limit):
    """Live stories near `publish_at` sharing a tag or the section, by
    tags shared (each worth two), the section (worth one), then newest."""
    shares = Q(tagged_items__tag__in=tags) if tags else Q(pk__in=[])
    if section:
        shares |= Q(section_id=section)
    same_section = Case(
        When(section_id=section, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return list(
        Article.objects.live()
        .filter(
            publish_at__gte=publish_at - RELATED_MAX_AGE,
            publish_at__lte=publish_at + RELATED_MAX_AGE,
        )
        .exclude(pk=pk)
        .filter(shares)
        .annotate(
            shared=Count(
                "tagged_items",
                filter=Q(tagged_items__tag__in=tags or [0]),
                distinct=True,
            )
        )
        .annotate(score=F("shared") * 2 + same_section)
        .order_by("-score", "-publish_at", "-pk")
        .values_list("pk", "card_version")
        .distinct()[:limit]
    )


def related_feed(pk):
    """The related stories under story `pk`, as HTML ("" when none)."""
    rows = related_rows(pk)
    if not rows:
        return ""
    context = {"stories": cards.cards(rows, "compact")}
    return render_to_string("articles/includes/related.html", context)
