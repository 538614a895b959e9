"""The breaking-news bench's own arithmetic: readers' p99 from the slow
requests the edge logged, CPU per edit by process, and the rows' means
that are judged."""

import os

from bench import cpu
from bench.breaking import (
    CEILING,
    JUDGED_RATE,
    SCHEDULE,
    SETTLE_SECONDS,
    Row,
    edge_p99,
    judge,
    labelled,
    mean_row,
)
from bench.management.commands.bench_edits import acknowledges
from caching import tasks
from caching.tasks import BACKSTOP_SECONDS


def test_edge_p99_is_the_slowest_one_percent_boundary():
    # 300 requests: 3 may be slower than the p99, the 4th slowest is it.
    assert edge_p99([900_000, 5_000, 4_000, 3_000, 2_500], 300) == 3.0
    # Fewer than 1% logged over the threshold: the p99 is under it.
    assert edge_p99([150_000], 1_000) == 0.0
    assert edge_p99([], 50) == 0.0


def test_cpu_per_edit_counts_what_no_group_named_as_other():
    quiet = {"app": 10.0, "children": 0.0, "machine": 12.0}
    busy = {"app": 12.0, "children": 1.0, "machine": 16.0}
    assert cpu.by_group(busy) == {"app": 12.0, "children": 1.0, "other": 3.0}
    extra = cpu.per_edit(busy, quiet, edits=4)
    assert extra == {"app": 500.0, "children": 250.0, "other": 250.0}


def test_a_process_tree_is_read_from_proc():
    table = cpu.processes()
    assert os.getpid() in table
    assert cpu.tree_seconds(os.getpid(), table) >= table[os.getpid()][2] > 0


def test_rows_of_a_rate_run_more_than_once_are_numbered():
    labels = list(labelled((0.0, 1.0, 0.0, 1.0, 0.0, 0.2)))
    assert labels == [
        (0.0, "0 edits/s #1"),
        (1.0, "1 edits/s #1"),
        (0.0, "0 edits/s #2"),
        (1.0, "1 edits/s #2"),
        (0.0, "0 edits/s #3"),
        (0.2, "0.2 edits/s"),
    ]


def test_the_judged_quiet_and_busy_rows_are_centred_on_the_same_moment():
    # Both kinds' positions in the schedule have the same mean, so a machine
    # drifting at a steady rate moves both means alike.
    quiet = [i for i, rate in enumerate(SCHEDULE) if rate == 0]
    busy = [i for i, rate in enumerate(SCHEDULE) if rate == JUDGED_RATE]
    assert len(quiet) >= 2 and len(busy) >= 2
    assert sum(quiet) / len(quiet) == sum(busy) / len(busy)


def test_a_mean_row_averages_rates_and_adds_up_what_went_wrong():
    first = Row("django", "1 edits/s #1", rps=900.0, p50=8.0, p99=20.0, edits=18)
    first.stale_reads, first.lag_max_s, first.lag_p99_s = 0, 0.08, 0.07
    first.cpu = {"app": 30.0, "machine": 40.0}
    second = Row("django", "1 edits/s #2", rps=1100.0, p50=6.0, p99=30.0, edits=19)
    second.stale_reads, second.lag_max_s, second.lag_p99_s = 1, 0.05, 0.05
    second.cpu = {"app": 32.0, "machine": 38.0}
    mean = mean_row("django", "1 edits/s, mean", [first, second])
    assert (mean.rps, mean.p50, mean.p99) == (1000.0, 7.0, 25.0)
    assert (mean.edits, mean.stale_reads, mean.rows) == (37, 1, 2)
    assert (mean.lag_max_s, mean.lag_p99_s) == (0.08, 0.07)
    assert mean.cpu == {"app": 31.0, "machine": 39.0}
    assert mean.edge_p99 is None  # no row was timed at the edge


def test_the_busy_mean_is_judged_against_the_quiet_mean():
    def row(load, rps, p99, **extra):
        return Row("django", load, rps=rps, p99=p99, **extra)

    quiet = [row("0 edits/s #1", 1000.0, 10.0), row("0 edits/s #2", 800.0, 10.0)]
    busy = [
        row("1 edits/s #1", 850.0, 18.0, edits=18, stale_reads=0, lag_max_s=0.1),
        row("1 edits/s #2", 810.0, 20.0, edits=18, stale_reads=0, lag_max_s=0.1),
    ]
    rows = [
        Row(CEILING, "one page", rps=2000.0),
        Row("django page-cache hit", "one page", rps=1700.0),
        *quiet,
        *busy,
        mean_row("django", "0 edits/s, mean", quiet),
        mean_row("django", "1 edits/s, mean", busy),
    ]
    judge(rows)
    judged = rows[-1]
    # 830 of 900: 0.92 kept (the first busy row alone, against the first
    # quiet row alone, would have kept 0.85).
    assert judged.notes[0].startswith("0.92 x req/s, 1.90 x")
    assert judged.verdict == "PASS"
    busy[1].stale_reads = 1
    rows[-1] = mean_row("django", "1 edits/s, mean", busy)
    judge(rows)
    assert rows[-1].verdict == "MISS"
    # A row whose editor failed counted nothing: the mean cannot pass.
    busy[1].edits = busy[1].stale_reads = None
    rows[-1] = mean_row("django", "1 edits/s, mean", busy)
    judge(rows)
    assert rows[-1].stale_reads is None and rows[-1].verdict == "MISS"


def test_the_django_front_waits_out_its_edits_backstops_after_a_busy_row():
    """Each edit's backstop runs caching.tasks.BACKSTOP_SECONDS after it:
    the wait after a busy row outlasts it (and the worker's poll), so none
    runs in the quiet row after."""
    assert SETTLE_SECONDS >= BACKSTOP_SECONDS + 1


def test_only_purge_tasks_acknowledge_an_edit(settings):
    """The editor reads the story's page once its purges are acknowledged:
    the page cache's backstop, queued for 10 s later, is none of them."""
    dummy = "django.tasks.backends.dummy.DummyBackend"
    settings.TASKS = {"default": {"BACKEND": dummy}}
    backstop = tasks.backstop_page_cache.enqueue(["story:1"], [], "token")
    purge = tasks.purge_http_cache.enqueue(["story:1"])
    assert not acknowledges(backstop)
    assert acknowledges(purge)
