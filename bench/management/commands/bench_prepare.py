"""Run by bench/run.py against the freshly seeded bench database.

Makes (or resets) the editor account the admin runs log in with, and picks the
pages to load: a recent story, the most used tag and the tag most often found
with it, the author with the most stories, the biggest section, and the
search word seed_bench plants in many stories. Prints them as JSON.
"""

import json

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from django.db.models import Count

from articles import search
from articles.models import Article, Byline, TaggedArticle
from bench import vocabulary
from bench.builder import SEARCH_WORD


def make_editor(username, password):
    user = User.objects.filter(username=username).first() or User(username=username)
    user.is_staff = True
    user.is_active = True
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name="Editor"))


def most_used(queryset, field):
    """The most frequent value of `field` in `queryset`, with its count."""
    row = queryset.values(field).annotate(n=Count("pk")).order_by("-n", field).first()
    return (row[field], row["n"]) if row else (None, 0)


def rare_word(engine, target=100):
    """A word of the vocabulary found in about `target` stories: a search
    that matches few, to compare with one that matches many."""
    best = (None, 0)
    for word in [*vocabulary.LAST_NAMES, *vocabulary.CONTENT_WORDS]:
        word = word.casefold()
        count = len(engine.newest([word], offset=0, limit=3 * target))
        if (count and abs(count - target) < abs(best[1] - target)) or best[0] is None:
            best = (word, count)
    return best


def pick_pages():
    live = Article.objects.live()
    story = live.order_by("-publish_at", "-pk").values_list("slug", flat=True)[10]
    live_tags = TaggedArticle.objects.filter(content_object__in=live)
    tag, tag_count = most_used(live_tags, "tag__slug")
    with_tag = live.filter(tagged_items__tag__slug=tag)
    tag2, both_count = most_used(
        TaggedArticle.objects.filter(content_object__in=with_tag).exclude(
            tag__slug=tag
        ),
        "tag__slug",
    )
    author, author_count = most_used(
        Byline.objects.filter(article__in=live), "author__slug"
    )
    section, section_count = most_used(live, "section__slug")
    engine = search.backend()
    matches = engine.newest([SEARCH_WORD], offset=0, limit=10**9)
    rare, rare_count = rare_word(engine)
    newest = live.order_by("-publish_at", "-pk")
    return {
        "stories": Article.objects.count(),
        "live": live.count(),
        "story": story,
        "tag": tag,
        "tag_count": tag_count,
        "tag2": tag2,
        "both_count": both_count,
        "author": author,
        "author_count": author_count,
        "section": section,
        "section_count": section_count,
        "word": SEARCH_WORD,
        "word_count": len(matches),
        "rare": rare,
        "rare_count": rare_count,
        # For the breaking-news read mix: what readers open most.
        "recent": list(newest.values_list("slug", flat=True)[:200]),
        "sections": [
            row["section__slug"]
            for row in live.values("section__slug")
            .annotate(n=Count("pk"))
            .order_by("-n", "section__slug")[:10]
        ],
        "tags": [
            row["tag__slug"]
            for row in live_tags.values("tag__slug")
            .annotate(n=Count("pk"))
            .order_by("-n", "tag__slug")[:20]
        ],
    }


class Command(BaseCommand):
    help = "Make the bench editor account and print the pages to load, as JSON."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("password")

    def handle(self, *args, username, password, **options):
        make_editor(username, password)
        self.stdout.write(json.dumps(pick_pages()))
