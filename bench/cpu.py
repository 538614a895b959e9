"""Where the CPU goes during a breaking-news row: seconds of CPU by process,
read from /proc (Linux) before and after the row.

Long-running processes (gunicorn, varnishd, db_worker, and the machine's
Redis and PostgreSQL) are read live, each with its descendants; short ones
this process runs and waits for (wrk, the editor) through
`getrusage(RUSAGE_CHILDREN)`, which counts a child once it has been reaped.
`machine` is every core's busy time (/proc/stat), so what no group names
(the kernel's own work, other programs) shows as `other`.
"""

import os
import resource
from pathlib import Path

PROC = Path("/proc")
TICK = os.sysconf("SC_CLK_TCK")
#: The machine's own services, by process name.
SERVICES = {"redis": ("redis-server",), "postgres": ("postgres",)}


def processes():
    """{pid: (parent pid, name, CPU seconds)} of every process now running."""
    found = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # it ended meanwhile
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        # fields[1] is the parent pid; [11] and [12] utime and stime in ticks.
        found[int(entry.name)] = (
            int(fields[1]),
            name,
            (int(fields[11]) + int(fields[12])) / TICK,
        )
    return found


def tree_seconds(root, table):
    """CPU seconds of `root` and everything it started, still running."""
    total, pids = 0.0, {root}
    for pid in sorted(table):  # parents before children, as a rule
        parent, _, seconds = table[pid]
        if pid == root or parent in pids:
            pids.add(pid)
            total += seconds
    return total


def machine_seconds():
    """Busy CPU seconds of all cores since boot (everything but idle/iowait)."""
    values = [int(v) for v in (PROC / "stat").read_text().split("\n")[0].split()[1:]]
    idle = values[3] + values[4]
    return (sum(values[:8]) - idle) / TICK


def children_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Meter:
    """CPU seconds per group: `trees` maps a name to a root pid."""

    def __init__(self, **trees):
        self.trees = trees

    def read(self):
        table = processes()
        reading = {name: tree_seconds(pid, table) for name, pid in self.trees.items()}
        for name, names in SERVICES.items():
            reading[name] = sum(s for _, n, s in table.values() if n in names)
        reading["children"] = children_seconds()
        reading["machine"] = machine_seconds()
        return reading


def spent(before, after):
    """Seconds spent per group between two readings."""
    return {name: after[name] - before[name] for name in before}


def by_group(seconds):
    """The groups' seconds, with `machine` turned into what no group named."""
    named = sum(v for k, v in seconds.items() if k != "machine")
    parts = {k: v for k, v in seconds.items() if k != "machine"}
    parts["other"] = seconds["machine"] - named
    return parts


def per_edit(busy, quiet, edits):
    """CPU milliseconds per edit that each group spent over a row without
    edits (negative: less, as fewer reads were served)."""
    busy, quiet = by_group(busy), by_group(quiet)
    return {k: (v - quiet.get(k, 0.0)) * 1000 / edits for k, v in busy.items()}


def describe(values, digits=1):
    return ", ".join(f"{name} {value:.{digits}f}" for name, value in values.items())
