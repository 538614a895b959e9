"""The breaking-news bench's own arithmetic: readers' p99 from the slow
requests the edge logged, and CPU per edit by process."""

import os

from bench import cpu
from bench.breaking import edge_p99


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
