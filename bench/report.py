"""What `make bench` concludes: each row's ratio to its ceiling, its target
and verdict, and the Markdown report."""

import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field

from bench import breaking, newsletter
from bench.harness import ROOT

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
ADMIN_PAGE = ("admin changelist", "/admin/articles/article/")
CEILING_END = "ceiling (end)"
#: Uncached pages: least share of the ceiling's requests/s.
UNCACHED_RATIO = {
    "story": 0.10,
    "home": 0.08,
    "tag": 0.08,
    "two tags": 0.08,
    "author": 0.08,
    "section": 0.08,
    # Issue 26: search and feeds on a miss.
    "search": 0.05,
    "search, rare word": 0.05,
    "feed": 0.05,
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
        f"`{info['word']}` ({info['word_count']:,} matches) and "
        f"`{info.get('rare')}` ({info.get('rare_count', 0):,}).",
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
    lines += ["", drift(results, info.get("breaking", []))]
    if info.get("breaking"):
        lines += ["", breaking.table(info["db"], info["breaking"])]
    if info.get("newsletter"):
        lines += ["", newsletter.table(info["newsletter"])]
    return "\n".join(lines)


def drift(results, breaking_rows):
    """How far the machine's speed moved: every ceiling measured (the rows
    and the probes before each page), first against last."""
    measured = []
    for r in results:
        if r.ceiling:
            measured.append(r.ceiling)
        if r.page in ("ceiling", CEILING_END) and r.rps:
            measured.append(r.rps)
    measured += [
        row.rps for row in breaking_rows if row.front.startswith("ceiling") and row.rps
    ]
    if len(measured) < 2:
        return "Ceiling drift: fewer than two ceilings measured."
    first, last = measured[0], measured[-1]
    return (
        f"Ceiling drift: {len(measured)} ceilings measured, first "
        f"{first:,.0f} req/s, last {last:,.0f} req/s ({last / first - 1:+.0%}); "
        f"lowest {min(measured):,.0f}, highest {max(measured):,.0f} "
        f"({max(measured) / min(measured) - 1:.0%} apart)."
    )


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
