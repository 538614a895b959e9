"""The breaking-news scenario of `make bench`: a Zipf-like read mix while an
editor changes stories through the real actions, with and without Varnish.

For each front (gunicorn alone with the Redis page cache; Varnish with
vmod-xkey in front of it, purged by `db_worker`) and each row of SCHEDULE
(0, 1 or 0.2 edits/s), wrk reads the mix for a fixed time while `manage.py
bench_edits` edits the newest stories and counts stale reads. The rows
without edits bracket those at 1 edit/s, and the means of each kind are
judged against each other. Reference rows: a bare Django view that skips
the page-cache lookup (the ceiling), a page answered from Django's cache,
and the same page answered by Varnish, each hit against a ceiling measured
right before it. With Varnish in front, the edge and the app tier run on
CPUs of their own (bench.cores).
"""

import json
import subprocess
import time
from dataclasses import dataclass, field

from bench import cores, cpu
from bench.harness import (
    DATA,
    PYTHON,
    ROOT,
    Gunicorn,
    Varnish,
    fetch,
    log,
    wrk,
)
from bench.mix import read_mix, write_lua, wrk_mix

#: The rows of each front, in order (edits/s). Rows without edits come
#: before, between and after the two at 1 edit/s: both kinds are centred on
#: the same moment, so a machine that speeds up or slows down during them
#: (20-second rows of one run have differed by a fifth here) moves their
#: means alike. The means are judged (`mean_row`); 0.2 edits/s comes last.
SCHEDULE = (0.0, 1.0, 0.0, 1.0, 0.0, 0.2)
JUDGED_RATE = 1.0
#: Targets (issues 10, 26): at 1 edit/s against no edits, and against the
#: ceiling; lists lag an edit by at most LAG_BOUND seconds (NEWSROOM_LAG_SECONDS).
THROUGHPUT_KEPT = {"django": 0.9, "varnish": 0.95}
P99_GROWTH = {"django": 2.0, "varnish": 5.0}
LAG_BOUND = 2.0
#: Requests slower than this are logged at Varnish to find readers' p99.
EDGE_THRESHOLD_S = 0.002
#: How long the Django front waits after a row with edits: the backstops of
#: their page-cache purges (caching.tasks.BACKSTOP_SECONDS later) run then,
#: not in the next row without edits.
SETTLE_SECONDS = 12
VARNISH_OVER_CEILING = 5.0
DJANGO_HIT_OVER_CEILING = 0.8
CEILING, CEILING_PATH = "ceiling (bare view)", "/bench/ceiling/"


@dataclass
class Row:
    front: str
    load: str
    rps: float | None = None
    p50: float | None = None
    p99: float | None = None
    hit_ratio: float | None = None
    edits: int | None = None
    stale_reads: int | None = None
    fresh_max_s: float | None = None
    lag_max_s: float | None = None
    lag_p99_s: float | None = None
    ack_p50_s: float | None = None
    #: Readers' own p99 (ms) as the edge timed each request, uncorrected
    #: (wrk's p99 adds samples for coordinated omission); None: not timed,
    #: 0.0: under EDGE_THRESHOLD_S.
    edge_p99: float | None = None
    #: CPU seconds by process group during the row (bench.cpu).
    cpu: dict | None = None
    #: The editor's edits: [started s, returned after s, acknowledged after s,
    #: [list lags s]] each (bench_edits), to find where a slow one came from.
    timeline: list | None = None
    target: str = "—"
    verdict: str = ""
    notes: list = field(default_factory=list)
    #: How many rows this one is the mean of (`mean_row`).
    rows: int = 1


def edits_process(env, rate, front, options):
    """The editor, set up and about to edit (it says "ready")."""
    if not rate:
        return None
    editor = subprocess.Popen(  # noqa: S603 - our own manage.py
        [
            PYTHON, "manage.py", "bench_edits", "--rate", str(rate),
            "--duration", str(options.breaking_duration - 2), "--front", front,
            "--linger",
        ],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,  # it exits once this closes (bench_edits)
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    editor.stdout.readline()  # "ready", or "" if it failed (reported later)
    return editor


def edge_p99(durations_us, total):
    """The p99 in ms of `total` requests of which `durations_us` are those
    slower than EDGE_THRESHOLD_S; 0.0 when fewer than 1% are."""
    slowest = sorted(durations_us, reverse=True)
    rank = total // 100
    return slowest[rank] / 1000 if rank < len(slowest) else 0.0


def run_mix(
    front_name,
    base,
    env,
    info,
    options,
    flush,
    meter,
    varnish=None,
    tiers=None,
    settle=0,
):
    """The rows of one front; `tiers`: (app CPUs, edge CPUs) to keep the
    editor and wrk on (bench.cores), or None; `settle`: seconds to wait
    after a row with edits."""
    app, edge = tiers or (None, None)
    rows = []
    mix = read_mix(info)
    lua = write_lua(mix)
    flush()
    started = time.perf_counter()
    for path, _ in mix:  # steady state: every page of the mix cached once
        fetch(base + path)
    took = time.perf_counter() - started
    log(f"    {front_name:8} warmed {len(mix)} pages in {took:.0f} s")
    for rate, label in labelled(SCHEDULE):
        editor = edits_process(env, rate, base, options)
        if editor is not None:
            cores.pin(editor.pid, app)
        # The editor's own start (Django, its queries) came before "ready".
        started = cpu.tree_seconds(editor.pid, cpu.processes()) if editor else 0
        slow = varnish.slow_requests(EDGE_THRESHOLD_S) if varnish else None
        before = meter.read()
        fetched = varnish.backend_fetches() if varnish else None
        rps, p50, p99, hits, notes = wrk_mix(base, lua, options, cpus=edge)
        after = meter.read()
        # Read while it waits to exit: its exit is not the edits' cost.
        edited = cpu.tree_seconds(editor.pid, cpu.processes()) if editor else 0
        row = Row(front_name, label, rps, p50, p99, hits, notes=notes)
        if tiers:
            notes.append(cores.describe(app, edge))
        if varnish:
            notes.append(f"{varnish.backend_fetches() - fetched} backend fetches")
            slow.terminate()
            durations = [int(line) for line in slow.communicate()[0].split()]
            total = round((rps or 0) * options.breaking_duration)
            row.edge_p99 = edge_p99(durations, total)
            over = sum(d > 100_000 for d in durations), sum(d > 1e6 for d in durations)
            shown = (
                f"{row.edge_p99:.1f} ms"
                if row.edge_p99
                else f"under {EDGE_THRESHOLD_S * 1000:g} ms"
            )
            notes.append(
                f"readers' p99 at the edge {shown}"
                f" ({over[0]} requests > 100 ms, {over[1]} > 1 s)"
            )
        row.cpu = cpu.spent(before, after)
        row.cpu["wrk"] = row.cpu.pop("children")
        if editor is not None:
            out, err = editor.communicate(timeout=120)
            row.cpu["editor"] = edited - started
            if editor.returncode:
                row.notes.append(f"edits failed: {err[-300:]}")
            else:
                summary = json.loads(out.strip().splitlines()[-1])
                row.edits = summary["edits"]
                row.stale_reads = summary["stale_reads"]
                row.timeline = summary["timeline"]
                row.fresh_max_s = summary["fresh_max_s"]
                row.lag_max_s = summary["list_lag_max_s"]
                row.lag_p99_s = summary["list_lag_p99_s"]
                if (late := summary["late_max_s"]) > 1 / rate:
                    row.notes.append(f"edits up to {late:.1f} s behind their rate")
                if never := summary["lists_never_fresh"]:
                    row.notes.append(f"{never} lists never fresh")
                row.ack_p50_s = summary["ack_p50_s"]
                if summary["ack_max_s"]:
                    row.notes.append(
                        f"purges acknowledged in {summary['ack_p50_s']:.2f} s"
                        f" (p50), {summary['ack_max_s']:.2f} s (max)"
                    )
                if summary.get("stale_pages"):
                    row.notes.append(f"stale: {summary['stale_pages']}")
                if summary["unacknowledged"]:
                    row.notes.append(f"{summary['unacknowledged']} purges not acked")
        else:
            row.edits, row.stale_reads = 0, 0
        if editor is not None and settle:
            time.sleep(settle)
        log(
            f"    {front_name:8} {label:15} {row.rps or 0:>9.1f} req/s"
            f"  p50 {row.p50 or 0:6.1f} ms  p99 {row.p99 or 0:6.1f} ms"
            f"  hits {row.hit_ratio or 0:.2f}  stale {row.stale_reads}"
            f"  lag max {row.lag_max_s or 0:.2f} s"
        )
        rows.append(row)
    for rate in sorted({rate for rate in SCHEDULE if SCHEDULE.count(rate) > 1}):
        same = [row for row in rows if row.load.startswith(f"{rate:g} edits/s #")]
        rows.append(mean_row(front_name, f"{rate:g} edits/s, mean", same))
    return rows


def labelled(schedule):
    """(rate, row label) of each row: "1 edits/s #2" for the second of
    several at a rate, "0.2 edits/s" for the only one."""
    seen = {}
    for rate in schedule:
        seen[rate] = seen.get(rate, 0) + 1
        label = f"{rate:g} edits/s"
        yield rate, f"{label} #{seen[rate]}" if schedule.count(rate) > 1 else label


def _mean(values):
    values = [value for value in values if value is not None]
    return sum(values) / len(values) if values else None


def _total(values):
    """The sum, or None when a row has none (its editor failed): a row that
    could not count cannot be added up as if it had counted nothing."""
    values = list(values)
    return None if None in values else sum(values)


def _max(values):
    values = [value for value in values if value is not None]
    return max(values) if values else None


def mean_row(front, load, rows):
    """One row for `rows` of the same rate: their mean requests/s,
    latencies and CPU seconds, their edits and stale reads added up, the
    longest lag of any (no count where a row has none)."""
    cpus = [row.cpu for row in rows if row.cpu is not None]
    cpu_mean = (
        {name: sum(c.get(name, 0.0) for c in cpus) / len(cpus) for name in cpus[0]}
        if cpus
        else None
    )
    return Row(
        front,
        load,
        rps=_mean(row.rps for row in rows),
        p50=_mean(row.p50 for row in rows),
        p99=_mean(row.p99 for row in rows),
        hit_ratio=_mean(row.hit_ratio for row in rows),
        edits=_total(row.edits for row in rows),
        stale_reads=_total(row.stale_reads for row in rows),
        fresh_max_s=_max(row.fresh_max_s for row in rows),
        lag_max_s=_max(row.lag_max_s for row in rows),
        lag_p99_s=_max(row.lag_p99_s for row in rows),
        ack_p50_s=_mean(row.ack_p50_s for row in rows),
        edge_p99=_mean(row.edge_p99 for row in rows),
        cpu=cpu_mean,
        notes=[f"mean of {len(rows)} rows ({', '.join(r.load for r in rows)})"],
        rows=len(rows),
    )


def reference(front, base, path, options, load="one page"):
    fetch(base + path)  # the warm-up that caches it
    rps, p50, p99, notes = wrk(
        base + path,
        program=options.wrk,
        connections=options.connections,
        duration=options.duration,
    )
    log(f"    {front:24} {rps or 0:>9.1f} req/s  p99 {p99 or 0:6.1f} ms")
    return Row(front, load, rps, p50, p99, notes=notes)


def scenario(env, info, options, redis_url, flush_redis):
    """All rows of the breaking-news scenario for one seeded database."""
    env = {**env, "NEWSROOM_PAGE_CACHE": "1", "REDIS_URL": redis_url}
    story = f"/articles/{info['recent'][30]}/"
    rows = []
    flush_redis()
    server = Gunicorn(env, DATA / "gunicorn-breaking.log")
    worker = None
    try:
        server.wait_ready()
        ceiling = reference(CEILING, server.base, CEILING_PATH, options)
        django_hit = reference("django page-cache hit", server.base, story, options)
        rows += [ceiling, django_hit]
        # The worker production runs beside the app: here it runs each
        # edit's backstop of its page-cache purge (caching.tasks).
        worker = task_worker(env, interval=0.5)
        meter = cpu.Meter(app=server.process.pid, worker=worker.pid)
        # The editor renews the edited story's page for the address readers
        # use (caching.renewal).
        editing = {**env, "NEWSROOM_SITE_URL": server.base}
        rows += run_mix(
            "django",
            server.base,
            editing,
            info,
            options,
            flush_redis,
            meter,
            settle=SETTLE_SECONDS,
        )
    finally:
        stop(worker)
        server.stop()
    worker = varnish = server = None
    try:
        server = Gunicorn(
            {**env, "NEWSROOM_HTTP_CACHE": "varnish"}, DATA / "gunicorn-varnish.log"
        )
        server.wait_ready()
        varnish = Varnish(server.port)
        varnish_env = {
            **env,
            "NEWSROOM_HTTP_CACHE": "varnish",
            "NEWSROOM_VARNISH_URLS": varnish.base,
            "NEWSROOM_VARNISH_PURGE_SECRET": varnish.SECRET,
        }
        worker = task_worker(varnish_env, interval=0.02)
        # Its own ceiling, right before it: minutes of rows came between.
        rows.append(
            reference(CEILING, server.base, CEILING_PATH, options, "before Varnish")
        )
        rows.append(reference("varnish hit", varnish.base, story, options))
        # From here on, the edge and the app tier have cores of their own.
        tiers = cores.split()
        cores.pin(varnish.process.pid, tiers[1])
        for process in (server.process, worker):
            cores.pin(process.pid, tiers[0])
        meter = cpu.Meter(
            app=server.process.pid, varnish=varnish.process.pid, worker=worker.pid
        )
        rows += run_mix(
            "varnish",
            varnish.base,
            varnish_env,
            info,
            options,
            flush_redis,
            meter,
            varnish,
            tiers,
        )
    finally:
        stop(worker)
        if varnish is not None:
            varnish.stop()
        if server is not None:
            server.stop()
    judge(rows)
    return rows


def task_worker(env, *, interval):
    """`db_worker` polling every `interval` seconds, as production runs it."""
    return subprocess.Popen(  # noqa: S603 - our own manage.py
        [
            PYTHON, "manage.py", "db_worker", "--interval", str(interval),
            "--no-reload", "--no-startup-delay",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip


def stop(worker):
    if worker is not None:
        worker.terminate()
        worker.wait(timeout=15)


def judge(rows):
    by = {(row.front, row.load): row for row in rows}
    ceiling = by[(CEILING, "one page")].rps or 0
    hit = by[("django page-cache hit", "one page")]
    hit.target = f"≥ {DJANGO_HIT_OVER_CEILING} x ceiling"
    if hit.rps and ceiling:
        hit.notes.insert(0, f"{hit.rps / ceiling:.2f} x ceiling")
        hit.verdict = "PASS" if hit.rps >= DJANGO_HIT_OVER_CEILING * ceiling else "MISS"
    varnish = by.get(("varnish hit", "one page"))
    if varnish is not None:
        ceiling = (by.get((CEILING, "before Varnish")) or by[(CEILING, "one page")]).rps
        varnish.target = f"≥ {VARNISH_OVER_CEILING:g} x ceiling"
        if varnish.rps and ceiling:
            varnish.notes.insert(0, f"{varnish.rps / ceiling:.1f} x ceiling")
            good = varnish.rps >= VARNISH_OVER_CEILING * ceiling
            varnish.verdict = "PASS" if good else "MISS"
    for front in ("django", "varnish"):
        quiet = by.get((front, "0 edits/s, mean"))
        busy = by.get((front, f"{JUDGED_RATE:g} edits/s, mean"))
        if quiet is None or busy is None or not quiet.rps or not busy.rps:
            continue
        busy.target = (
            f"≥ {THROUGHPUT_KEPT[front]} x req/s, ≤ {P99_GROWTH[front]:g} x p99 of "
            f"0 edits/s; 0 stale; lists lag ≤ {LAG_BOUND:g} s"
        )
        kept = busy.rps / quiet.rps
        growth = busy.p99 / quiet.p99 if quiet.p99 else None
        busy.notes.insert(0, f"{kept:.2f} x req/s, {growth or 0:.2f} x wrk's p99")
        if busy.edge_p99 is not None:
            # Judged on readers' own p99 at the edge: wrk's adds, for each
            # slow request, a sample per mean interval of its connection
            # (0.8 ms behind Varnish), as if its reader had kept asking.
            floor = EDGE_THRESHOLD_S * 1000
            growth = max(busy.edge_p99, floor) / max(quiet.edge_p99 or 0, floor)
            busy.notes.insert(1, f"{growth:.2f} x readers' p99 at the edge")
        good = (
            kept >= THROUGHPUT_KEPT[front]
            and growth is not None
            and growth <= P99_GROWTH[front]
            and busy.stale_reads == 0
            and (busy.lag_max_s or 0) <= LAG_BOUND
        )
        busy.verdict = "PASS" if good else "MISS"
    cpu_notes(rows)
    for row in rows:
        if row.stale_reads and not row.verdict:
            row.verdict = "MISS"
            row.target = "0 stale"


def cpu_notes(rows):
    """Each row's CPU seconds by process, and an edit row's CPU per edit over
    the mean of the same front's rows without edits: where an edit's cost
    goes."""
    quiet = {row.front: row for row in rows if row.load == "0 edits/s, mean"}
    for row in rows:
        if row.cpu is None:
            continue
        row.notes.append(f"CPU s: {cpu.describe(cpu.by_group(row.cpu))}")
        base = quiet.get(row.front)
        if row.edits and base is not None and base.cpu is not None:
            extra = cpu.per_edit(row.cpu, base.cpu, row.edits / row.rows)
            row.notes.append(f"CPU ms per edit: {cpu.describe(extra, 0)}")


def fmt(value, digits=1):
    return "—" if value is None else f"{value:,.{digits}f}"


def table(db, rows):
    lines = [
        f"#### {db}: breaking news",
        "",
        "| front | load | req/s | p50 ms | p99 ms | hit ratio | edits "
        "| stale reads (story pages) | list lag max s | list lag p99 s "
        "| target | result | notes |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| --- | --- | --- |",
    ]
    for row in rows:
        lines.append(
            f"| {row.front} | {row.load} | {fmt(row.rps)} | {fmt(row.p50)} | "
            f"{fmt(row.p99)} | {fmt(row.hit_ratio, 2)} | {fmt(row.edits, 0)} | "
            f"{fmt(row.stale_reads, 0)} | {fmt(row.lag_max_s, 2)} | "
            f"{fmt(row.lag_p99_s, 2)} | {row.target} | "
            f"{row.verdict} | {', '.join(row.notes)} |"
        )
    return "\n".join(lines)
