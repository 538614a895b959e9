"""Run by bench/run.py inside Django, against the freshly seeded bench database.

Makes (or resets) the editor account the admin runs log in with, and picks the
pages to load: a recent story, the most used tag and the tag most often found
with it, the author with the most stories, the biggest section, and the
search word seed_bench plants in many stories. Prints them as JSON.

    DATABASE_URL=... .venv/bin/python bench/prepare.py USERNAME PASSWORD
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()


def make_editor(username, password):
    from django.contrib.auth.models import Group, User

    user = User.objects.filter(username=username).first() or User(username=username)
    user.is_staff = True
    user.is_active = True
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name="Editor"))


def most_used(queryset, field):
    """The most frequent value of `field` in `queryset`, with its count."""
    from django.db.models import Count

    row = queryset.values(field).annotate(n=Count("pk")).order_by("-n", field).first()
    return (row[field], row["n"]) if row else (None, 0)


def search_matches(word):
    """How many stories the index finds for `word` (prefix match, as /search/)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM articles_search WHERE articles_search MATCH %s",
                [f'"{word}"*'],
            )
        else:
            cursor.execute(
                "SELECT count(*) FROM articles_search "
                "WHERE document @@ to_tsquery('english', %s)",
                [f"{word}:*"],
            )
        return cursor.fetchone()[0]


def pick_pages():
    from articles.management.commands.seed_bench import SEARCH_WORD
    from articles.models import Article, Byline, TaggedArticle

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
        "word_count": search_matches(SEARCH_WORD),
    }


def main():
    username, password = sys.argv[1:3]
    setup_django()
    make_editor(username, password)
    print(json.dumps(pick_pages()))


if __name__ == "__main__":
    main()
