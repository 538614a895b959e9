"""The databases and settings each benchmark run starts from: a fresh
SQLite file or PostgreSQL database, production settings with the bench app,
and an empty Redis database for the cached rows."""

import os

from bench.harness import DATA
from bench.report import REDIS_URL

POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench"
)


def database_url(db):
    if db == "sqlite":
        return f"sqlite:///{DATA / 'bench.sqlite3'}"
    return POSTGRES_URL


def fresh_database(db):
    if db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            (DATA / f"bench.sqlite3{suffix}").unlink(missing_ok=True)
        return
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict

    params = conninfo_to_dict(POSTGRES_URL)
    name = params.pop("dbname")
    with psycopg.connect(**params, dbname="postgres", autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)
            )
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def base_env(db):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "NEWSROOM_PAGE_CACHE", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DATABASE_URL=database_url(db),
        MEDIA_ROOT=str(DATA / f"media-{db}"),
        STATIC_ROOT=str(DATA / "static"),
        STATIC_MANIFEST="1",
        DEBUG="0",
        SECRET_KEY="bench",  # noqa: S106 - a throwaway local server
        ALLOWED_HOSTS="127.0.0.1",
        NEWSROOM_BENCH="1",
        LOG_LEVEL="WARNING",
        # The bench's editor signs in by password: it measures the changelist,
        # not the second step of signing in.
        NEWSROOM_TWO_FACTOR_REQUIRED="0",
    )
    return env


def flush_redis():
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.flushdb()
    finally:
        client.close()
