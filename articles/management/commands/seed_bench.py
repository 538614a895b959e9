"""Build the benchmark newsroom: many stories, fast, the same on every run.

    manage.py seed_bench --stories 100000 --authors 1000 --tags 5000 --sections 50

Everything is bulk-inserted in batches inside one transaction: sections,
authors (sharing a handful of pictures), tags, stories with ordered bylines,
tags, sources and a lead photo from a small shared pool, a few Top Stories
slots; then the full-text index is filled set-wise in SQL, with the same
expressions as `articles.search.index_article`. Text comes from a fixed word
list and a fixed random seed, so two runs build the same newsroom.

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
from django.db.models import Max, Min
from django.utils import timezone
from taggit.models import Tag

from articles import caching, media, search
from articles.demo_images import portrait, scene
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

BATCH = 5_000
SEED = 20261128
PHOTO_POOL = 20
SENTENCE_POOL = 40_000
PORTRAITS = 8
TOP_SLOTS = 3
#: A word of the vocabulary that many stories contain; bench/run.py searches it.
SEARCH_WORD = "coalition"


def words(text, sep=None):
    """A word list written as one string (easier to read and extend)."""
    return text.split(sep)


FUNCTION_WORDS = words(
    "the of and to in a on for that with was said is by at as from it has be "
    "have will its are were an after which their more but this not they who "
    "over had been would than about also into while when where could some "
    "other most before during since under between against"
)

CONTENT_WORDS = words(
    "government minister president city council police court report market "
    "health school budget state officials people year week country water "
    "energy prices workers company plan public federal national local police "
    "vote law bill tax housing transport hospital union trade deal talks "
    "policy leaders party opposition campaign voters district mayor governor "
    "senate congress parliament judge trial investigation agency program "
    "funding crisis security border migrants climate storm flood fire "
    "drought heat season team game coach players league championship "
    "stadium fans museum festival film music theater artist book author "
    "science research study university students teachers parents children "
    "doctors patients vaccine virus disease treatment data technology "
    "software internet platform network bank interest inflation economy "
    "growth jobs industry factory farmers harvest food restaurant travel "
    "airport flights railway highway bridge project construction street "
    "neighborhood residents community church history anniversary memorial "
    "veterans military army defense war peace treaty summit embassy "
    "sanctions protest strike rally march demonstrators arrest charges "
    "prosecutors lawyers ruling appeal verdict sentence prison reform "
    "commission committee hearing testimony witness statement spokesman "
    "spokeswoman director chief executive board shareholders profits losses "
    "revenue quarter forecast analysts investors stocks shares bonds "
    "currency exports imports tariffs supply shortage demand consumers "
    "retail sales online digital privacy cyber attack hackers satellite "
    "space mission launch rocket ocean coast island river mountain forest "
    "wildlife species conservation pollution emissions electricity solar "
    "wind nuclear coal gas oil pipeline refinery region province capital "
    "village town county election ballot turnout candidate debate poll "
    "results coalition cabinet resignation scandal inquiry audit"
)
CONTENT_WORDS = list(dict.fromkeys(CONTENT_WORDS))

SYLLABLES = words(
    "ka lo mi ter ran sel vo dun pri gal tes ni bor quel fa zin mor lu cet "
    "har po len da rik su mav tor bel ce nod ul fen gri sa pe tam vin os"
)

FIRST_NAMES = words(
    "Ana Ben Carla David Elena Farid Grace Hugo Ines James Kira Leo Maya Nadia "
    "Omar Paula Quinn Rosa Samuel Tara Umar Vera Will Ximena Yusuf Zoe Aaron "
    "Bianca Chen Dana Emil Fatima Gabriel Hana Ivan Julia Kwame Lina Marco "
    "Nora Oscar Priya Rafael Sofia Tomas Uma Victor Wendy Yara Zeke"
)
LAST_NAMES = words(
    "Adams Baker Costa Diaz Evans Fischer Garcia Hughes Ito Jensen Khan Lopez "
    "Moreau Novak Okafor Park Quint Rossi Sato Tanaka Usman Vargas Weber Xu "
    "Young Zhang Ahmed Brooks Cruz Dubois Ellis Ferreira Gomez Haddad Ivanova "
    "Jones Kim Larsen Murphy Nguyen Olsen Patel Reyes Silva Torres Ueda Volkov "
    "Walsh Yilmaz Ziegler"
)
JOB_TITLES = [
    "Staff writer",
    "Reporter",
    "Correspondent",
    "Senior editor",
    "Photographer",
    "Columnist",
    "Data reporter",
    "Wire service",
]
SECTION_NAMES = words(
    "World, Politics, Business, Technology, Science, Health, Sports, Culture, "
    "Opinion, Climate, Education, Local, National, Economy, Travel, Food, Books, "
    "Arts, Media, Law, Energy, Transport, Housing, Weather, Obituaries, Religion, "
    "Defense, Immigration, Labor, Markets, Personal Finance, Real Estate, Style, "
    "Music, Film, Television, Theater, Games, Autos, Agriculture, Environment, "
    "Space, Elections, Crime, Courts, Cities, Africa, Asia, Europe, Americas",
    sep=", ",
)
PUBLISHERS = [
    "U.S. Department of State",
    "World Health Organization",
    "Associated Press",
    "Reuters",
    "City Council",
    "Bureau of Labor Statistics",
    "European Commission",
    "National Weather Service",
]
COLORS = ["#2f6690", "#3a7ca5", "#81c3d7", "#d9a441", "#b5523b", "#5b8e7d"]


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
            self.check_search_index(live_ids)
        self.step("analyze", self.analyze)
        caching.bump()  # pages cached before the seed are stale now
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
                    "picture_renditions": media.make_renditions(holder.picture),
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
            media.refresh_renditions(photo, "image", "renditions")
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
                        (story.pk, author, position)
                        for position, author in enumerate(chosen)
                    ]
                    chosen = self.distinct(tag_ids, tag_weights, 3, 5)
                    tagged += [(story.pk, tag) for tag in chosen]
                    citations += self.citations(story)
                    if story.is_live:
                        live_ids.append(story.pk)
                insert_rows(Byline, ["article", "author", "position"], bylines)
                insert_rows(TaggedArticle, ["content_object", "tag"], tagged)
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
        """Every story's searchable text, set-wise in SQL.

        The same columns and expressions as `articles.search.index_article`;
        the generated bodies hold <p> tags only, which is all the SQL strips.
        PostgreSQL's to_tsvector is the slowest step of the whole seed, so
        there one connection per CPU fills a slice of the stories (the stories
        are committed by then, so every connection sees them).
        """
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM articles_search")
            if connection.vendor == "postgresql":
                # Without statistics on the fresh tables the planner probes
                # every tag for every story: hours instead of a minute.
                for table in self.content_tables():
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
        bounds = Article.objects.aggregate(low=Min("pk"), high=Max("pk"))
        if bounds["low"] is None:
            return
        if connection.vendor == "sqlite":
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(SQLITE_FILL_INDEX, [bounds["low"], bounds["high"]])
        elif connection.vendor == "postgresql":
            workers = max(1, min(4, os.cpu_count() or 1))
            step = (bounds["high"] - bounds["low"]) // workers + 1
            slices = [
                (low, low + step - 1)
                for low in range(bounds["low"], bounds["high"] + 1, step)
            ]
            with ThreadPoolExecutor(workers) as pool:
                list(pool.map(fill_postgres_slice, slices))
        else:
            raise CommandError(f"No search index for {connection.vendor}.")

    def check_search_index(self, live_ids):
        """Re-index a few stories with index_article: the rows must not change."""
        sample = self.rng.sample(live_ids, min(3, len(live_ids)))
        query = {
            "sqlite": "SELECT headline, dek, body, length(tags), length(authors) "
            "FROM articles_search WHERE rowid = %s",
            "postgresql": "SELECT strip(document)::text, length(document) "
            "FROM articles_search WHERE article_id = %s",
        }[connection.vendor]
        with connection.cursor() as cursor:
            for article in Article.objects.filter(pk__in=sample):
                cursor.execute(query, [article.pk])
                bulk = cursor.fetchone()
                search.index_article(article)
                cursor.execute(query, [article.pk])
                if cursor.fetchone() != bulk:
                    raise CommandError(
                        "The bulk search index differs from index_article's for "
                        f"story {article.pk}; update seed_bench's SQL to match."
                    )


def fill_postgres_slice(bounds):
    """Index the stories with ids in `bounds`, on this thread's own connection."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(POSTGRES_FILL_INDEX, list(bounds))
    finally:
        connection.close()


SQLITE_FILL_INDEX = """
INSERT INTO articles_search (rowid, headline, dek, body, tags, authors)
SELECT a.id, a.headline, a.dek,
       replace(replace(a.body, '<p>', ''), '</p>', ''),
       coalesce((SELECT group_concat(t.name, ' ')
                   FROM articles_taggedarticle ta
                   JOIN taggit_tag t ON t.id = ta.tag_id
                  WHERE ta.content_object_id = a.id), ''),
       coalesce((SELECT group_concat(name, ' ') FROM (
                    SELECT au.name FROM articles_byline b
                      JOIN articles_author au ON au.id = b.author_id
                     WHERE b.article_id = a.id
                     ORDER BY b.position, b.id)), '')
  FROM articles_article a
 WHERE a.id BETWEEN %s AND %s
 ORDER BY a.id
"""

POSTGRES_FILL_INDEX = """
INSERT INTO articles_search (article_id, document)
SELECT a.id,
       setweight(to_tsvector('english', a.headline), 'A')
       || setweight(to_tsvector('english',
              coalesce(t.names, '') || ' ' || coalesce(b.names, '')), 'B')
       || setweight(to_tsvector('english', a.dek), 'B')
       || setweight(to_tsvector('english',
              replace(replace(a.body, '<p>', ''), '</p>', '')), 'C')
  FROM articles_article a
  LEFT JOIN LATERAL (
       SELECT string_agg(t.name, ' ') AS names
         FROM articles_taggedarticle ta
         JOIN taggit_tag t ON t.id = ta.tag_id
        WHERE ta.content_object_id = a.id) t ON true
  LEFT JOIN LATERAL (
       SELECT string_agg(au.name, ' ' ORDER BY b.position, b.id) AS names
         FROM articles_byline b
         JOIN articles_author au ON au.id = b.author_id
        WHERE b.article_id = a.id) b ON true
 WHERE a.id BETWEEN %s AND %s
 ORDER BY a.id
"""
