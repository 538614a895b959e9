"""Where a page's milliseconds go: each bench page rendered in-process.

Runs against the database `make bench` seeded (bench/.data), with the page
cache off, and prints per page: the mean time of a whole request through the
middleware, the time spent in SQL and the number of queries, the time spent
rendering templates, and, with --top N, the N functions that cost most.
A last row renders the story page as its first reader after an edit does
(a new version of the story before each request, untimed).

With --breaking it profiles the breaking-news read mix instead, through the
page cache on Redis (database 15): the mix's pages are read in their
Zipf-like proportions, first without edits, then with a headline edit (the
real SaveEdit, timed apart) every --every requests, and prints what a
request cost in each case and, with --top, where the time went.

    .venv/bin/python -m bench.profile [--db sqlite|postgresql] [--runs 50] [--top 15]
    .venv/bin/python -m bench.profile --breaking [--runs 5000] [--every 1000]
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from contextlib import contextmanager

from bench.harness import ROOT, manage
from bench.run import EDITOR, PAGES, base_env


class Timer:
    """Sums the wall time of SQL statements and of template rendering."""

    def __init__(self):
        self.sql = 0.0
        self.queries = 0
        self.templates = 0.0
        self.sql_in_templates = 0.0
        self.in_template = False
        self.counting = True

    def __call__(self, execute, sql, params, many, context):
        if not self.counting:
            return execute(sql, params, many, context)
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.perf_counter() - started
            self.sql += spent
            self.queries += 1
            if self.in_template:
                self.sql_in_templates += spent

    @contextmanager
    def templates_timed(self):
        """Time the outermost template render of each response."""
        from django.template.response import SimpleTemplateResponse

        original = SimpleTemplateResponse.rendered_content.fget
        timer = self

        def timed(response):
            started = time.perf_counter()
            timer.in_template = True
            try:
                return original(response)
            finally:
                timer.in_template = False
                timer.templates += time.perf_counter() - started

        SimpleTemplateResponse.rendered_content = property(timed)
        try:
            yield
        finally:
            SimpleTemplateResponse.rendered_content = property(original)


def profile_page(client, path, runs, top, before=None):
    """Time `runs` requests of `path`; `before()`, if given, runs untimed
    ahead of each (to change what the request will find)."""
    from django.db import connection

    client.get(path)  # warm-up: imports, template loading, process caches
    timer = Timer()
    profiler = cProfile.Profile() if top else None
    total = 0.0
    with connection.execute_wrapper(timer), timer.templates_timed():
        for _ in range(runs):
            if before:
                timer.counting = False
                before()
                timer.counting = True
            started = time.perf_counter()
            if profiler:
                profiler.enable()
            response = client.get(path)
            if profiler:
                profiler.disable()
            total += time.perf_counter() - started
    if response.status_code != 200:
        return {"path": path, "status": response.status_code}
    row = {
        "path": path,
        "ms": 1000 * total / runs,
        "sql_ms": 1000 * timer.sql / runs,
        "queries": timer.queries / runs,
        # Templates without the SQL that lazy querysets run inside them.
        "template_ms": 1000 * (timer.templates - timer.sql_in_templates) / runs,
        "bytes": len(response.content),
    }
    if profiler:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(top)
        row["profile"] = out.getvalue()
    return row


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--top", type=int, default=0)
    parser.add_argument("--page", action="append", help="Only these pages (names).")
    parser.add_argument("--breaking", action="store_true", help="The read mix.")
    parser.add_argument("--every", type=int, default=1000, help="Requests per edit.")
    options = parser.parse_args(argv)

    env = base_env(options.db)
    env["NEWSROOM_PAGE_CACHE"] = "0"
    if options.breaking:
        env["NEWSROOM_PAGE_CACHE"] = "1"
        env["REDIS_URL"] = "redis://127.0.0.1:6379/15"
    output, _ = manage("bench_prepare", *EDITOR, env=env)
    info = json.loads(output.strip().splitlines()[-1])
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    if options.breaking:
        return breaking(client, info, options)
    print("| page | ms | SQL ms | queries | templates ms | other ms | KB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    profiles = []
    for name, template, before in [*((n, t, None) for n, t in PAGES), edited(info)]:
        if options.page and name not in options.page:
            continue
        path = template.format(**info)
        row = profile_page(client, path, options.runs, options.top, before)
        if "ms" not in row:
            print(f"| {name} | HTTP {row['status']} | | | | | |")
            continue
        other = row["ms"] - row["sql_ms"] - row["template_ms"]
        print(
            f"| {name} | {row['ms']:.2f} | {row['sql_ms']:.2f} | {row['queries']:.0f}"
            f" | {row['template_ms']:.2f} | {other:.2f} | {row['bytes'] / 1024:.0f} |"
        )
        if "profile" in row:
            profiles.append((name, row["profile"]))
    for name, text in profiles:
        print(f"\n## {name}\n{text}")


def breaking(client, info, options):
    """The read mix without edits, then with an edit every `options.every`
    requests: ms per request, and where it went."""
    import random

    from django.contrib.auth.models import User
    from django.core.cache import cache

    from articles import actions
    from articles.models import Article
    from bench.mix import read_mix

    cache.clear()
    mix = read_mix(info)
    paths = [path for path, _ in mix]
    weights = [weight for _, weight in mix]
    for path in paths:  # steady state: every page cached once
        client.get(path)
    editor = User.objects.get(username=EDITOR[0])
    newest = list(
        Article.objects.live()
        .order_by("-publish_at", "-pk")
        .values_list("pk", flat=True)
    )[:20]
    rng = random.Random(1)  # noqa: S311 - a repeatable mix, not a secret
    chosen = rng.choices(paths, weights, k=options.runs)
    for every in (0, options.every):
        profiler = cProfile.Profile() if options.top else None
        reading = editing = 0.0
        edits, served = 0, {}
        for number, path in enumerate(chosen):
            if every and number % every == every // 2:
                started = time.perf_counter()
                story = Article.objects.get(pk=newest[edits % len(newest)])
                story.headline = f"{story.headline.split(' update ')[0]} update {edits}"
                actions.SaveEdit(story, base_version=story.version).execute(by=editor)
                editing += time.perf_counter() - started
                edits += 1
            started = time.perf_counter()
            if profiler:
                profiler.enable()
            response = client.get(path)
            if profiler:
                profiler.disable()
            reading += time.perf_counter() - started
            state = response.get("X-Page-Cache", "none")
            served[state] = served.get(state, 0) + 1
        print(
            f"edit every {every or 'never'}: {1000 * reading / len(chosen):.3f} ms "
            f"per request over {len(chosen)} ({served}); {edits} edits, "
            f"{1000 * editing / max(edits, 1):.1f} ms each"
        )
        if profiler:
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats(os.environ.get("PROFILE_SORT", "cumulative"))
            stats.print_stats(options.top)
            if callees := os.environ.get("PROFILE_CALLEES"):
                stats.print_callees(callees)
            print(out.getvalue())


def edited(info):
    """The story page as the first reader after an edit finds it: each
    request comes after a new version of the story (nothing of its own page
    is stored yet; its card and the rest of the site are)."""
    from django.db.models import F

    from articles.models import Article

    story = Article.objects.filter(slug=info["story"])

    def edit():
        story.update(version=F("version") + 1)

    return "story, first view after an edit", "/articles/{story}/", edit


if __name__ == "__main__":
    main()
