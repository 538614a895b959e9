"""What seed_bench builds: sections, authors, tags, photos, stories with
their bylines, tags and sources, Top Stories slots and the search index, all
from one random seed (see the command's docstring)."""

import itertools
import random
from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone
from taggit.models import Tag

import imaging
from articles.models import (
    Article,
    Author,
    Byline,
    Citation,
    Photo,
    Section,
    TaggedArticle,
    TopStory,
)
from bench.bulk import BATCH, explicit_timestamps, insert_rows, zipf_cum_weights
from bench.vocabulary import (
    COLORS,
    CONTENT_WORDS,
    FIRST_NAMES,
    JOB_TITLES,
    LAST_NAMES,
    PUBLISHERS,
    SECTION_NAMES,
    Prose,
)
from demo.images import portrait, scene

SEED = 20261128
PHOTO_POOL = 20
PORTRAITS = 8
TOP_SLOTS = 3
#: A word of the vocabulary that many stories contain; bench/run.py searches it.
SEARCH_WORD = "coalition"


CITATION_FIELDS = ["article", "position", "publisher", "title", "url", "published_on"]


def content_tables():
    """The tables the benchmark newsroom fills."""
    models = [
        Article,
        Author,
        Section,
        Photo,
        Tag,
        Byline,
        TaggedArticle,
        Citation,
        TopStory,
    ]
    return [model._meta.db_table for model in models] + ["articles_search"]


class Builder:
    """Bulk-builds one benchmark newsroom; the same seed builds the same one."""

    def __init__(self, seed):
        self.rng = random.Random(seed)  # noqa: S311 - sample data
        self.now = timezone.now()
        self.prose = Prose(self.rng)

    # Rows ------------------------------------------------------------------

    def sections(self, count):
        names = SECTION_NAMES[:count] + [
            f"Desk {n}" for n in range(len(SECTION_NAMES) + 1, count + 1)
        ]
        sections = [
            Section(
                name=name,
                slug=name.lower().replace(" ", "-"),
                description=f"Stories from the {name} desk.",
                position=position,
            )
            for position, name in enumerate(names)
        ]
        return Section.objects.bulk_create(sections, batch_size=BATCH)

    def authors(self, count):
        rng = self.rng
        pictures = []
        for n in range(PORTRAITS):
            holder = Author(name=f"Portrait {n}")
            name = default_storage.save(
                f"authors/bench-portrait-{n}.jpg",
                portrait(f"{FIRST_NAMES[n]} {LAST_NAMES[n]}", COLORS[n % len(COLORS)]),
            )
            holder.picture = name
            pictures.append(
                {
                    "picture": name,
                    "picture_width": holder.picture.width,
                    "picture_height": holder.picture.height,
                    "picture_renditions": imaging.make_renditions(holder.picture),
                }
            )
        pairs = list(itertools.product(FIRST_NAMES, LAST_NAMES))
        rng.shuffle(pairs)
        authors = []
        for n in range(count):
            first, last = pairs[n % len(pairs)]
            suffix = f" {n // len(pairs) + 1}" if n >= len(pairs) else ""
            name = f"{first} {last}{suffix}"
            authors.append(
                Author(
                    name=name,
                    slug=name.lower().replace(" ", "-"),
                    job_title=rng.choice(JOB_TITLES),
                    bio=f"{name} covers {rng.choice(CONTENT_WORDS)} and "
                    f"{rng.choice(CONTENT_WORDS)} for the newsroom.",
                    **pictures[n % len(pictures)],
                )
            )
        return Author.objects.bulk_create(authors, batch_size=BATCH)

    def tags(self, count):
        names = list(CONTENT_WORDS)
        pairs = list(itertools.permutations(CONTENT_WORDS, 2))
        self.rng.shuffle(pairs)
        names += [f"{a} {b}" for a, b in pairs[: max(0, count - len(names))]]
        if count > len(names):
            raise CommandError(f"At most {len(names)} tags can be generated.")
        tags = [Tag(name=name, slug=name.replace(" ", "-")) for name in names[:count]]
        return Tag.objects.bulk_create(tags, batch_size=BATCH)

    def photos(self, count, width):
        photos = []
        for n in range(count):
            photo = Photo(
                alt_text=f"Hills under a summer sky, view {n + 1}",
                caption=f"The valley seen from the north ridge, view {n + 1}.",
                credit="Newsroom photo / Bench Desk",
                license="All rights reserved",
            )
            photo.image.save(
                f"bench-{n}.jpg",
                scene(n, COLORS[n % len(COLORS)], width, width * 5 // 8),
                save=False,
            )
            photo.save()
            imaging.refresh_renditions(photo, "image", "renditions")
            photos.append(photo)
        return photos

    def stories(self, count, sections, authors, tags, photos):
        """Insert the stories oldest first; return the ids of the live ones.

        Stories go through bulk_create (it returns their ids); their bylines,
        tags and sources are plain rows for executemany, which is several
        times faster than building 100,000s of model instances.
        """
        rng = self.rng
        span = timedelta(days=730).total_seconds()
        offsets = sorted(rng.uniform(60, span) for _ in range(count))
        section_weights = zipf_cum_weights(len(sections), 1.0)
        author_ids = [author.pk for author in authors]
        author_weights = zipf_cum_weights(len(authors), 0.5)
        tag_ids = [tag.pk for tag in tags]
        tag_weights = zipf_cum_weights(len(tags), 0.8)
        live_ids = []
        with explicit_timestamps(Article, "created_at", "modified_at"):
            for start in range(0, count, BATCH):
                stories = [
                    self.story(n, self.now - timedelta(seconds=offsets[-1 - n]))
                    for n in range(start, min(count, start + BATCH))
                ]
                for story in stories:
                    (story.section,) = rng.choices(
                        sections, cum_weights=section_weights
                    )
                    if rng.random() < 0.9:
                        story.lead_photo = rng.choice(photos)
                Article.objects.bulk_create(stories, batch_size=BATCH)
                bylines, tagged, citations = [], [], []
                for story in stories:
                    chosen = self.distinct(author_ids, author_weights, 1, 2)
                    bylines += [
                        (story.pk, author, position, story.publish_at)
                        for position, author in enumerate(chosen)
                    ]
                    chosen = self.distinct(tag_ids, tag_weights, 3, 5)
                    tagged += [(story.pk, tag, story.publish_at) for tag in chosen]
                    citations += self.citations(story)
                    if story.is_live:
                        live_ids.append(story.pk)
                # The rows keep their story's publish_at (Article.copy_publish_at).
                insert_rows(
                    Byline, ["article", "author", "position", "publish_at"], bylines
                )
                insert_rows(
                    TaggedArticle, ["content_object", "tag", "publish_at"], tagged
                )
                insert_rows(Citation, CITATION_FIELDS, citations)
        return live_ids

    def story(self, n, publish_at):
        """One story; about 1 in 100 is a draft, in review, scheduled or withdrawn."""
        rng = self.rng
        headline = self.prose.headline_words()
        status = Article.Status.PUBLISHED
        first_published_at = publish_at
        roll = rng.random()
        if roll < 0.004:
            status, publish_at, first_published_at = Article.Status.DRAFT, None, None
        elif roll < 0.006:
            status, publish_at, first_published_at = (
                Article.Status.IN_REVIEW,
                None,
                None,
            )
        elif roll < 0.008:
            publish_at = self.now + timedelta(hours=rng.uniform(1, 14 * 24))
            first_published_at = None
        elif roll < 0.01:
            status = Article.Status.WITHDRAWN
        created_at = min(publish_at or self.now, self.now) - timedelta(
            hours=rng.uniform(1, 48)
        )
        return Article(
            headline=" ".join(headline).capitalize(),
            slug="-".join(headline)[:180] + f"-{n + 1}",
            dek=" ".join(rng.choices(self.prose.sentences, k=rng.randint(1, 2)))[:400],
            body=self.prose.body(),
            status=status,
            publish_at=publish_at,
            first_published_at=first_published_at,
            created_at=created_at,
            modified_at=first_published_at or created_at,
        )

    def distinct(self, population, cum_weights, low, high):
        """Between `low` and `high` different items, popular ones more often."""
        count = self.rng.randint(low, high)
        chosen = {}
        while len(chosen) < count:
            chosen[self.rng.choices(population, cum_weights=cum_weights)[0]] = None
        return list(chosen)

    def citations(self, story):
        rng = self.rng
        if rng.random() < 0.5:
            return []
        published_on = connection.ops.adapt_datefield_value(
            (story.publish_at or self.now).date() - timedelta(days=rng.randint(0, 3))
        )
        return [
            (
                story.pk,
                position,
                rng.choice(PUBLISHERS),
                rng.choice(self.prose.sentences)[:300],
                f"https://example.org/releases/{story.slug[:60]}-{position}",
                published_on,
            )
            for position in range(rng.randint(1, 2))
        ]

    def top_stories(self, live_ids):
        newest = sorted(live_ids)[-TOP_SLOTS * 3 :: 3]
        TopStory.objects.bulk_create(
            TopStory(article_id=pk, position=position)
            for position, pk in enumerate(reversed(newest))
        )
