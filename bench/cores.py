"""The cores each tier of the Varnish front runs on in the breaking-news rows.

In production Varnish (or a CDN) and the app servers are separate machines,
and readers are elsewhere on the Internet. On the bench's one machine they
would all share every core: the edge's threads and wrk's outnumber the app
tier's, so an edit's save, renders and purges queue behind readers' hits
for seconds. The rows with Varnish in front therefore give the edge (Varnish
and wrk) half of the CPUs and the app tier (gunicorn, the purge worker, the
editor) the other half. The shared Redis and PostgreSQL servers are the
machine's own and are left where the kernel puts them.
"""

import contextlib
import os
from pathlib import Path


def split():
    """(app CPUs, edge CPUs), or (None, None) on a single CPU."""
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2:
        return None, None
    half = len(cpus) // 2
    return set(cpus[:half]), set(cpus[half:])


def pin(pid, cpus):
    """Move every thread of process `pid` and of its descendants to `cpus`;
    threads and processes they start later inherit it."""
    if not cpus:
        return
    tasks = Path(f"/proc/{pid}/task")
    for task in sorted(tasks.iterdir()) if tasks.exists() else ():
        with contextlib.suppress(OSError):  # a thread that just ended
            os.sched_setaffinity(int(task.name), cpus)
            for child in (task / "children").read_text().split():
                pin(int(child), cpus)


def describe(app, edge):
    if not app:
        return "one CPU shared by every tier"
    return (
        f"edge (Varnish, wrk) on CPU {_cpus(edge)}, app tier (gunicorn, "
        f"db_worker, editor) on CPU {_cpus(app)}"
    )


def _cpus(cpus):
    return ",".join(map(str, sorted(cpus)))
