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

import time
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from taggit.models import Tag

import caching
from articles.models import Article, Author, Photo, Section
from bench.builder import PHOTO_POOL, SEED, Builder, content_tables
from bench.bulk import fill_search_index


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
        build = Builder(opts["seed"])
        with self.fast_sqlite():
            with transaction.atomic():
                sections = self.step("sections", build.sections, opts["sections"])
                authors = self.step("authors", build.authors, opts["authors"])
                tags = self.step("tags", build.tags, opts["tags"])
                photos = self.step(
                    "photos", build.photos, PHOTO_POOL, opts["photo_width"]
                )
                live_ids = self.step(
                    "stories",
                    build.stories,
                    opts["stories"],
                    sections,
                    authors,
                    tags,
                    photos,
                )
                self.step("top stories", build.top_stories, live_ids)
            self.step("search index", fill_search_index, content_tables())
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
    def has_content():
        return any(
            model.objects.exists() for model in [Article, Author, Section, Tag, Photo]
        )

    def flush(self):
        """Delete the content tables (and every table referencing them)."""
        statements = connection.ops.sql_flush(
            no_style(),
            content_tables(),
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
                for table in content_tables():
                    cursor.execute(
                        f"VACUUM (ANALYZE) {connection.ops.quote_name(table)}"
                    )
            elif connection.vendor == "sqlite":
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
