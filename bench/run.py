"""`make bench`: load-test the public site and the admin on SQLite and PostgreSQL.

For each database: a fresh database, `migrate`, `seed_bench` (100,000 stories
by default), then gunicorn (2 sync workers, production settings) measured with
wrk, page by page, once with the page cache off ("uncached") and once with
Redis and the page cache on ("cached"). Prints a Markdown table per database
and writes them to bench/.data/last-run.md (and the raw numbers to
last-run.json). See bench/README.md.

    .venv/bin/python -m bench.run [--db sqlite|postgresql] [--stories N] ...
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench import breaking
from bench.harness import (
    DATA,
    GUNICORN,
    ROOT,
    Gunicorn,
    admin_cookie,
    fetch,
    log,
    manage,
    wrk,
)

DATABASES = ("sqlite", "postgresql")
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
EDITOR = ("bench-editor", "bench-editor-password-1")

#: (name, path template) in table order; values come from `manage.py bench_prepare`.
PAGES = [
    ("ceiling", "/bench/ceiling/"),
    ("home", "/"),
    ("story", "/articles/{story}/"),
    ("tag", "/articles/?tag={tag}"),
    ("two tags", "/articles/?tag={tag}&tag={tag2}"),
    ("author", "/authors/{author}/"),
    ("section", "/sections/{section}/"),
    ("feed", "/feeds/"),
    ("search", "/search/?q={word}"),
]
ADMIN_PAGE = ("admin changelist", "/admin/articles/article/")
CEILING_END = "ceiling (end)"
#: Pages whose requests/s are compared with the ceiling's.
RATIO_PAGES = {name for name, _ in PAGES[1:]}
#: Uncached pages: least share of the ceiling's requests/s.
UNCACHED_RATIO = {
    "story": 0.10,
    "home": 0.08,
    "tag": 0.08,
    "two tags": 0.08,
    "author": 0.08,
    "section": 0.08,
}
CACHED_RATIO = 0.8
SEARCH_P99_MS = 150
ADMIN_P50_MS = 300


@dataclass
class Result:
    page: str
    mode: str
    connections: int
    path: str
    rps: float | None = None
    p50: float | None = None
    p99: float | None = None
    ceiling: float | None = None  # the ceiling probed just before this row
    ratio: float | None = None
    target: str = "—"
    verdict: str = ""
    notes: list[str] = field(default_factory=list)


def measure(server, result, options, *, cookie=None):
    """Check the page answers 200 (this is also its warm-up), then load it."""
    url = server.base + result.path
    headers = {"Cookie": cookie} if cookie else {}
    status, _ = fetch(url, headers=headers)
    if status != 200:
        result.notes.append(f"HTTP {status}, not measured")
        log(f"    {result.page:17} {result.mode:8} HTTP {status}: skipped")
        return result
    if (
        options.probe
        and result.page in RATIO_PAGES
        and result.connections == options.connections
    ):
        # The machine's speed drifts (other work, thermal limits): compare each
        # page with the ceiling measured right before it, not minutes earlier.
        result.ceiling, *_ = wrk(
            server.base + PAGES[0][1],
            program=options.wrk,
            connections=result.connections,
            duration=options.probe,
        )
    result.rps, result.p50, result.p99, notes = wrk(
        url,
        program=options.wrk,
        connections=result.connections,
        duration=options.duration,
        cookie=cookie,
    )
    result.notes += notes
    log(
        f"    {result.page:17} {result.mode:8} c{result.connections:<3}"
        f"{fmt(result.rps, 1):>9} req/s  p50 {fmt(result.p50, 1):>8} ms"
        f"  p99 {fmt(result.p99, 1):>8} ms"
    )
    return result


# --- one database -----------------------------------------------------------------


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


def bench_database(db, options):
    """Seed one database and measure every page; return (info, results)."""
    started = time.perf_counter()
    env = base_env(db)
    info = {"db": db}
    if options.reuse:
        log(f"[{db}] reusing the seeded database")
    else:
        log(f"[{db}] fresh database, migrate")
        fresh_database(db)
        shutil.rmtree(DATA / f"media-{db}", ignore_errors=True)
        _, info["migrate_s"] = manage("migrate", "--noinput", "-v0", env=env)
        manage("createcachetable", env=env)
        log(f"[{db}] seed_bench --stories {options.stories}")
        output, info["seed_wall_s"] = manage(
            "seed_bench",
            f"--stories={options.stories}",
            f"--authors={options.authors}",
            f"--tags={options.tags}",
            f"--sections={options.sections}",
            env=env,
        )
        found = re.search(r" in ([\d.]+) s", output)
        info["seed_s"] = float(found.group(1)) if found else None
        log(output.rstrip())
    output, _ = manage("bench_prepare", *EDITOR, env=env)
    info.update(json.loads(output.strip().splitlines()[-1]))
    results = []
    for mode in () if options.breaking_only else ("uncached", "cached"):
        mode_env = {**env, "NEWSROOM_PAGE_CACHE": "1" if mode == "cached" else "0"}
        if mode == "cached":
            flush_redis()
            mode_env["REDIS_URL"] = REDIS_URL
        log(f"[{db}] {mode}: gunicorn -w 2")
        server = Gunicorn(mode_env, DATA / f"gunicorn-{db}-{mode}.log")
        try:
            server.wait_ready()
            for page, template in PAGES:
                path = template.format(**info)
                result = Result(page, mode, options.connections, path)
                results.append(measure(server, result, options))
            if mode == "uncached":
                results += measure_latency_and_admin(server, options, info)
            # The ceiling again: how much the machine drifted during the rows.
            result = Result(CEILING_END, mode, options.connections, PAGES[0][1])
            results.append(measure(server, result, options))
        finally:
            server.stop()
    judge(results)
    if options.breaking_duration:
        log(f"[{db}] breaking news: a read mix while stories are edited")
        info["breaking"] = breaking.scenario(env, info, options, REDIS_URL, flush_redis)
    info["wall_s"] = time.perf_counter() - started
    return info, results


def measure_latency_and_admin(server, options, info):
    """Search and the admin once more with one connection per worker.

    With 16 connections on 2 sync workers a request mostly waits in the queue
    (p50 is about 8 service times), so the latency targets are judged here.
    """
    search_path = dict(PAGES)["search"].format(**info)
    cookie = admin_cookie(server.base, *EDITOR)
    page, path = ADMIN_PAGE
    low = options.latency_connections
    return [
        measure(server, Result("search", "uncached", low, search_path), options),
        measure(
            server,
            Result(page, "editor", options.connections, path),
            options,
            cookie=cookie,
        ),
        measure(server, Result(page, "editor", low, path), options, cookie=cookie),
    ]


def judge(results):
    """Fill in ratio to the ceiling (same mode), target and PASS/MISS.

    A page's ceiling is the one probed right before it (`--probe`), else the
    mean of the mode's ceiling rows, measured at its start and at its end.
    """
    if not results:
        return
    ceilings = {}
    for r in results:
        if r.page in ("ceiling", CEILING_END) and r.rps is not None:
            ceilings.setdefault(r.mode, []).append(r.rps)
    for r in results:
        if r.page == CEILING_END and len(ceilings.get(r.mode, [])) == 2:
            start, end = ceilings[r.mode]
            r.notes.insert(0, f"{end / start - 1:+.0%} vs start")
    ceilings = {mode: sum(rps) / len(rps) for mode, rps in ceilings.items()}
    low = min(r.connections for r in results)
    high = max(r.connections for r in results)
    for r in results:
        ceiling = r.ceiling or ceilings.get(r.mode)
        if r.rps is not None and ceiling and r.connections == high:
            r.ratio = r.rps / ceiling
        check = None
        if r.page in ("ceiling", CEILING_END):
            r.target = "reference"
        elif r.mode == "cached":
            r.target = f"ratio ≥ {CACHED_RATIO:.2f}"
            check = r.ratio is not None and r.ratio >= CACHED_RATIO
        elif r.page in UNCACHED_RATIO and r.connections > low:
            goal = UNCACHED_RATIO[r.page]
            r.target = f"ratio ≥ {goal:.2f}"
            check = r.ratio is not None and r.ratio >= goal
        elif r.page == "search" and r.connections == low:
            r.target = f"p99 < {SEARCH_P99_MS} ms"
            check = r.p99 is not None and r.p99 < SEARCH_P99_MS
        elif r.page == ADMIN_PAGE[0] and r.connections == low:
            r.target = f"p50 < {ADMIN_P50_MS} ms"
            check = r.p50 is not None and r.p50 < ADMIN_P50_MS
        if check is not None:
            r.verdict = "PASS" if check else "MISS"


# --- report -----------------------------------------------------------------------


def fmt(value, digits=1):
    return "—" if value is None else f"{value:,.{digits}f}"


def table(info, results, options):
    title = f"{info['db']}: {info['stories']:,} stories ({info['live']:,} live)"
    seeded = (
        f"seeded in {info['seed_s']:.0f} s (migrate {info['migrate_s']:.0f} s)"
        if info.get("seed_s")
        else "reused an existing seed"
    )
    lines = [
        f"### {title}",
        "",
        f"{seeded}; this database's part of the run took {info['wall_s']:.0f} s. "
        f"Story `{info['story']}`; tag `{info['tag']}` ({info['tag_count']:,} "
        f"stories), with `{info['tag2']}` ({info['both_count']:,}); author "
        f"`{info['author']}` ({info['author_count']:,}); section "
        f"`{info['section']}` ({info['section_count']:,}); search "
        f"`{info['word']}` ({info['word_count']:,} matches).",
        "",
        "| page | mode | conns | req/s | p50 ms | p99 ms | ceiling req/s | ratio "
        "| target | result | notes |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |",
    ]
    for r in results:
        lines.append(
            f"| {r.page} | {r.mode} | {r.connections} | {fmt(r.rps)} | "
            f"{fmt(r.p50)} | {fmt(r.p99)} | {fmt(r.ceiling)} | {fmt(r.ratio, 3)} | "
            f"{r.target} | {r.verdict} | {', '.join(r.notes)} |"
        )
    if info.get("breaking"):
        lines += ["", breaking.table(info["db"], info["breaking"])]
    return "\n".join(lines)


def code_version():
    """The commit measured, and whether the work tree differed from it."""
    git = shutil.which("git")
    if not git:
        return "unknown"
    head = subprocess.run(  # noqa: S603 - read-only git commands
        [git, "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    dirty = subprocess.run(  # noqa: S603
        [git, "diff", "--quiet", "HEAD", "--"], cwd=ROOT, capture_output=True
    )
    version = head.stdout.strip() or "unknown"
    return f"{version} + uncommitted changes" if dirty.returncode else version


def report(runs, options, wall, version):
    header = (
        f"## make bench — {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, "
        f"code {version}\n\n"
        f"gunicorn newsroom.wsgi -w 2 (sync), DEBUG=0, STATIC_MANIFEST=1; "
        f"`wrk -t2 -c{options.connections} -d{options.duration}s --latency "
        f"--timeout 30s` per row (`-c{options.latency_connections}` rows: one "
        f"connection per worker, for latency). uncached: NEWSROOM_PAGE_CACHE=0, "
        f"no Redis; cached: REDIS_URL={REDIS_URL}, NEWSROOM_PAGE_CACHE=1, one "
        f"warm-up request. editor: logged in as an Editor (never page-cached). "
        f"ratio: the page's requests/s over the ceiling's, "
        + (
            f"probed for {options.probe} s right before the page. "
            if options.probe
            else "mean of the mode's two ceiling rows. "
        )
        + f"Whole run: {wall:.0f} s."
    )
    body = "\n\n".join(table(info, results, options) for info, results in runs)
    return f"{header}\n\n{body}\n"


# --- main -------------------------------------------------------------------------


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=[*DATABASES, "both"], default="both")
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--authors", type=int, default=1_000)
    parser.add_argument("--tags", type=int, default=5_000)
    parser.add_argument("--sections", type=int, default=50)
    parser.add_argument(
        "--duration", type=int, default=8, help="Seconds of load per row (wrk -d)."
    )
    parser.add_argument("--connections", type=int, default=16, help="wrk -c")
    parser.add_argument(
        "--probe",
        type=int,
        default=2,
        help="Seconds of ceiling load right before each page (0: use the mode's "
        "ceiling rows instead).",
    )
    parser.add_argument(
        "--latency-connections",
        type=int,
        default=2,
        help="wrk -c for the latency rows (search p99, admin p50).",
    )
    parser.add_argument(
        "--breaking-duration",
        type=int,
        default=20,
        help="Seconds of each breaking-news row (0 skips the scenario).",
    )
    parser.add_argument(
        "--breaking-only",
        action="store_true",
        help="Run only the breaking-news scenario (with --reuse, after a seed).",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="Measure the database seeded by the previous run (no migrate/seed).",
    )
    return parser.parse_args(argv)


def find_wrk():
    found = shutil.which("wrk") or shutil.which("/usr/bin/wrk")
    if not found:
        raise SystemExit(
            "error: wrk is not installed. Install it with `apt-get install -y wrk` "
            "(Debian/Ubuntu) and run `make bench` again."
        )
    return found


def main(argv=None):
    options = parse_args(argv)
    options.wrk = find_wrk()
    if not Path(GUNICORN).exists():
        raise SystemExit(
            f"error: {GUNICORN} missing; install the project (`pip install -e .`)."
        )
    DATA.mkdir(parents=True, exist_ok=True)
    # A SIGTERM (make interrupted, CI timeout) unwinds through the finally blocks.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.perf_counter()
    version = code_version()
    dbs = DATABASES if options.db == "both" else (options.db,)
    log("collectstatic (STATIC_MANIFEST=1)")
    manage("collectstatic", "--noinput", "-v0", env=base_env(dbs[0]))
    runs = []
    for db in dbs:
        runs.append(bench_database(db, options))
    text = report(runs, options, time.perf_counter() - started, version)
    (DATA / "last-run.md").write_text(text)
    (DATA / "last-run.json").write_text(
        json.dumps(
            [
                {
                    "info": {
                        **info,
                        "breaking": [asdict(r) for r in info.get("breaking", [])],
                    },
                    "results": [asdict(r) for r in results],
                }
                for info, results in runs
            ],
            indent=2,
        )
    )
    print(text)


if __name__ == "__main__":
    main()
