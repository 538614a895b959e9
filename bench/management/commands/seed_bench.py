"""Build the benchmark newsroom: many stories, fast, the same on every run.

    manage.py seed_bench --stories 100000 --authors 1000 --tags 5000 --sections 50

Everything is bulk-inserted in batches inside one transaction: sections,
authors (sharing a handful of pictures), tags, stories with ordered bylines,
tags, sources and a lead photo from a small shared pool, a few Top Stories
slots; then the full-text index is filled by `articles.search.index`. Text
comes from a fixed word list (bench/vocabulary.py) and a fixed random seed, so
two runs build the same newsroom.

Only for benchmarks and local experiments: it refuses a database that already
holds stories unless `--flush` is given (which deletes every story, author,
section, tag and photo first).
"""

import itertools
import os
import random
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag

import caching
import imaging
from articles import search
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
from bench.vocabulary import (
    COLORS,
    CONTENT_WORDS,
    FIRST_NAMES,
    FUNCTION_WORDS,
    JOB_TITLES,
    LAST_NAMES,
    PUBLISHERS,
    SECTION_NAMES,
    SYLLABLES,
)
from demo.images import portrait, scene

BATCH = 5_000
SEED = 20261128
PHOTO_POOL = 20
SENTENCE_POOL = 40_000
PORTRAITS = 8
TOP_SLOTS = 3
#: A word of the vocabulary that many stories contain; bench/run.py searches it.
SEARCH_WORD = "coalition"


def zipf_cum_weights(count, exponent):
    """Cumulative weights of a Zipf-like popularity curve over `count` ranks."""
    return list(
        itertools.accumulate(1 / rank**exponent for rank in range(1, count + 1))
    )


CITATION_FIELDS = ["article", "position", "publisher", "title", "url", "published_on"]


def insert_rows(model, fields, rows):
    """Insert plain tuples (values in `fields` order), fast.

    PostgreSQL gets COPY; SQLite gets executemany in batches. Table and column
    names come from the model's metadata, values are always parameters.
    """
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        placeholders = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


@contextmanager
def explicit_timestamps(model, *names):
    """Let bulk_create store given values in auto_now/auto_now_add fields."""
    fields = [model._meta.get_field(name) for name in names]
    saved = [(field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, (auto_now, auto_now_add) in zip(fields, saved, strict=True):
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class Command(BaseCommand):
    help = "Bulk-build a large, reproducible newsroom for benchmarks (bench/run.py)."

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=100_000)
        parser.add_argument("--authors", type=int, default=1_000)
        parser.add_argument("--tags", type=int, default=5_000)
        parser.add_argument("--sections", type=int, default=50)
        parser.add_argument(
            "--flush",
            action="store_true",
            help="Delete every story, author, section, tag and photo first.",
        )
        parser.add_argument(
            "--photo-width",
            type=int,
            default=1600,
            help="Width of the shared lead photos in pixels.",
        )
        parser.add_argument(
            "--seed", type=int, default=SEED, help="Random seed (same seed, same data)."
        )

    def handle(self, *args, **opts):
        self.verbosity = opts["verbosity"]
        for name in ["stories", "authors", "tags", "sections"]:
            if opts[name] < 1:
                raise CommandError(f"--{name} must be at least 1.")
        if opts["flush"]:
            self.flush()
        elif self.has_content():
            raise CommandError(
                "This database already holds newsroom content; seed_bench only "
                "fills an empty one. Pass --flush to delete it first."
            )
        started = time.perf_counter()
        self.rng = random.Random(opts["seed"])  # noqa: S311 - sample data
        self.now = timezone.now()
        self.vocabulary()
        with self.fast_sqlite():
            with transaction.atomic():
                sections = self.step("sections", self.make_sections, opts["sections"])
                authors = self.step("authors", self.make_authors, opts["authors"])
                tags = self.step("tags", self.make_tags, opts["tags"])
                photos = self.step(
                    "photos", self.make_photos, PHOTO_POOL, opts["photo_width"]
                )
                live_ids = self.step(
                    "stories",
                    self.make_stories,
                    opts["stories"],
                    sections,
                    authors,
                    tags,
                    photos,
                )
                self.step("top stories", self.make_top_stories, live_ids)
            self.step("search index", self.fill_search_index)
        self.step("analyze", self.analyze)
        caching.purge_all()  # pages cached before the seed are stale now
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {opts['stories']} stories, {len(authors)} authors, "
                f"{len(tags)} tags, {len(sections)} sections on "
                f"{connection.vendor} in {elapsed:.1f} s"
            )
        )

    # Bookkeeping -----------------------------------------------------------

    def step(self, label, function, *args):
        started = time.perf_counter()
        result = function(*args)
        if self.verbosity >= 1:
            self.stdout.write(f"  {label}: {time.perf_counter() - started:.1f} s")
        return result

    @staticmethod
    def content_tables():
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

    @staticmethod
    def has_content():
        return any(
            model.objects.exists() for model in [Article, Author, Section, Tag, Photo]
        )

    def flush(self):
        """Delete the content tables (and every table referencing them)."""
        statements = connection.ops.sql_flush(
            no_style(),
            self.content_tables(),
            reset_sequences=True,
            allow_cascade=True,
        )
        connection.ops.execute_sql_flush(statements)

    @contextmanager
    def fast_sqlite(self):
        """A bigger page cache while loading; SQLite's default is 2 MB."""
        if connection.vendor != "sqlite":
            yield
            return
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size = -2000")

    def analyze(self):
        """Planner statistics, as autovacuum (PostgreSQL) would soon gather."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                for table in self.content_tables():
                    cursor.execute(
                        f"VACUUM (ANALYZE) {connection.ops.quote_name(table)}"
                    )
            elif connection.vendor == "sqlite":
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # Text ------------------------------------------------------------------

    def vocabulary(self):
        """Real words first, then made-up ones, drawn on a Zipf curve."""
        rng = self.rng
        made_up = set()
        known = set(FUNCTION_WORDS) | set(CONTENT_WORDS)
        while len(made_up) < 4_000:
            word = "".join(rng.choices(SYLLABLES, k=rng.randint(2, 4)))
            if word not in known:
                made_up.add(word)
        self.words = [*FUNCTION_WORDS, *CONTENT_WORDS, *sorted(made_up)]
        weights = zipf_cum_weights(len(self.words), 1.0)
        self.sentences = [self.sentence(weights) for _ in range(SENTENCE_POOL)]

    def sentence(self, weights):
        rng = self.rng
        chosen = rng.choices(self.words, cum_weights=weights, k=rng.randint(7, 16))
        if len(chosen) > 9:
            chosen[rng.randint(3, len(chosen) - 4)] += ","
        text = " ".join(chosen)
        return text[0].upper() + text[1:] + "."

    def headline_words(self):
        return self.rng.sample(CONTENT_WORDS, self.rng.randint(5, 9))

    def body(self):
        rng = self.rng
        paragraphs = (
            " ".join(rng.choices(self.sentences, k=rng.randint(3, 5)))
            for _ in range(rng.randint(3, 6))
        )
        return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)

    # Rows ------------------------------------------------------------------

    def make_sections(self, count):
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

    def make_authors(self, count):
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

    def make_tags(self, count):
        names = list(CONTENT_WORDS)
        pairs = list(itertools.permutations(CONTENT_WORDS, 2))
        self.rng.shuffle(pairs)
        names += [f"{a} {b}" for a, b in pairs[: max(0, count - len(names))]]
        if count > len(names):
            raise CommandError(f"At most {len(names)} tags can be generated.")
        tags = [Tag(name=name, slug=name.replace(" ", "-")) for name in names[:count]]
        return Tag.objects.bulk_create(tags, batch_size=BATCH)

    def make_photos(self, count, width):
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

    def make_stories(self, count, sections, authors, tags, photos):
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
        headline = self.headline_words()
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
            dek=" ".join(rng.choices(self.sentences, k=rng.randint(1, 2)))[:400],
            body=self.body(),
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
                rng.choice(self.sentences)[:300],
                f"https://example.org/releases/{story.slug[:60]}-{position}",
                published_on,
            )
            for position in range(rng.randint(1, 2))
        ]

    def make_top_stories(self, live_ids):
        newest = sorted(live_ids)[-TOP_SLOTS * 3 :: 3]
        TopStory.objects.bulk_create(
            TopStory(article_id=pk, position=position)
            for position, pk in enumerate(reversed(newest))
        )

    # Full-text index -------------------------------------------------------

    def fill_search_index(self):
        """Index every story with articles.search.

        PostgreSQL's to_tsvector is the slowest step of the whole seed, so
        there one connection per CPU indexes a slice of the stories (they are
        committed by then, so every connection sees them).
        """
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Without statistics on the fresh tables the planner probes
                # every tag for every story: hours instead of a minute.
                for table in self.content_tables():
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
        pks = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        if connection.vendor != "postgresql":
            with transaction.atomic():
                search.rebuild()
            return
        workers = max(1, min(4, os.cpu_count() or 1))
        step = len(pks) // workers + 1
        with ThreadPoolExecutor(workers) as pool:
            list(
                pool.map(
                    index_slice, [pks[i : i + step] for i in range(0, len(pks), step)]
                )
            )


def index_slice(pks):
    """Index the stories `pks`, on this thread's own connection."""
    try:
        with transaction.atomic():
            search.index(pks)
    finally:
        connection.close()
