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
import re
import shutil
import signal
import sys
import time
from dataclasses import asdict
from pathlib import Path

from bench import breaking, newsletter
from bench.environment import base_env, flush_redis, fresh_database
from bench.harness import (
    DATA,
    GUNICORN,
    Gunicorn,
    admin_cookie,
    fetch,
    log,
    manage,
    wrk,
)
from bench.report import (
    ADMIN_PAGE,
    CEILING_END,
    REDIS_URL,
    Result,
    code_version,
    fmt,
    judge,
    report,
)

DATABASES = ("sqlite", "postgresql")
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
    ("search, rare word", "/search/?q={rare}"),
]
#: Pages whose requests/s are compared with the ceiling's.
RATIO_PAGES = {name for name, _ in PAGES[1:]}


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
    skip_pages = options.breaking_only or options.newsletter_only
    for mode in () if skip_pages else ("uncached", "cached"):
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
    if options.breaking_duration and not options.newsletter_only:
        log(f"[{db}] breaking news: a read mix while stories are edited")
        info["breaking"] = breaking.scenario(env, info, options, REDIS_URL, flush_redis)
    if options.newsletter_subscribers:
        log(f"[{db}] newsletter: one digest to {options.newsletter_subscribers:,}")
        info["newsletter"] = newsletter.scenario(env, options.newsletter_subscribers)
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
        "--newsletter-subscribers",
        type=int,
        default=100_000,
        help="Subscribers the newsletter row sends one digest to (0 skips it).",
    )
    parser.add_argument(
        "--newsletter-only",
        action="store_true",
        help="Run only the newsletter row (after the seed, or with --reuse).",
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
