"""Writing many rows fast (and indexing them), and the popularity curve
rows are drawn from."""

import itertools
import os
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from django.db import connection, transaction

from articles import search
from articles.models import Article

BATCH = 5_000


def zipf_cum_weights(count, exponent):
    """Cumulative weights of a Zipf-like popularity curve over `count` ranks."""
    return list(
        itertools.accumulate(1 / rank**exponent for rank in range(1, count + 1))
    )


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


def fill_search_index(tables):
    """Index every story with articles.search.

    PostgreSQL's to_tsvector is the slowest step of the whole seed, so
    there one connection per CPU indexes a slice of the stories (they are
    committed by then, so every connection sees them).
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Without statistics on the fresh tables the planner probes
            # every tag for every story: hours instead of a minute.
            for table in tables:
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
            pool.map(index_slice, [pks[i : i + step] for i in range(0, len(pks), step)])
        )


def index_slice(pks):
    """Index the stories `pks`, on this thread's own connection."""
    try:
        with transaction.atomic():
            search.index(pks)
    finally:
        connection.close()
