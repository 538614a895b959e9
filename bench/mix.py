"""The breaking-news read mix: which pages readers ask for and how often
(Zipf-like), and wrk reading them through a Lua script."""

import os
import subprocess

from bench.harness import DATA, parse_wrk

ZIPF_EXPONENT = 1.0


def read_mix(info):
    """(path, weight) by popularity: the front page, the newest stories, the
    busiest sections and tags, then the rest of the recent stories."""
    stories = [f"/articles/{slug}/" for slug in info["recent"]]
    ranked = [
        "/",
        "/articles/",
        *stories[:10],
        *(f"/sections/{slug}/" for slug in info["sections"]),
        *(f"/tags/{slug}/" for slug in info["tags"]),
        *stories[10:],
        "/articles/?page=2",
        "/feeds/",
        "/authors/",
    ]
    return [(path, 1 / rank**ZIPF_EXPONENT) for rank, path in enumerate(ranked, 1)]


LUA = """
local paths = {%(paths)s}
local cum = {%(cum)s}
local total = cum[#cum]
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  hits = 0
  responses = 0
end

function request()
  local r = math.random() * total
  local lo, hi = 1, #cum
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cum[mid] < r then lo = mid + 1 else hi = mid end
  end
  return wrk.format("GET", paths[lo])
end

function response(status, headers, body)
  responses = responses + 1
  local seen = headers["X-Cache"] or headers["X-Page-Cache"]
  if seen == "hit" then hits = hits + 1 end
end

function done(summary, latency, requests)
  local h, n = 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("hits")
    n = n + thread:get("responses")
  end
  io.write(string.format("HITS %%d %%d\\n", h, n))
end
"""


def write_lua(mix):
    total, cum = 0.0, []
    for _, weight in mix:
        total += weight
        cum.append(f"{total:.6f}")
    script = LUA % {
        "paths": ", ".join(f'"{path}"' for path, _ in mix),
        "cum": ", ".join(cum),
    }
    path = DATA / "zipf.lua"
    path.write_text(script)
    return path


def wrk_mix(base, lua, options, cpus=None):
    """wrk reading the mix; on `cpus` only, when given (bench.cores)."""
    done = subprocess.run(  # noqa: S603 - wrk, fixed arguments
        [
            options.wrk, "-t2", f"-c{options.connections}",
            f"-d{options.breaking_duration}s", "--latency", "--timeout", "30s",
            "-s", str(lua), base,
        ],
        capture_output=True,
        text=True,
        timeout=options.breaking_duration + 60,
        check=False,
        preexec_fn=(lambda: os.sched_setaffinity(0, cpus)) if cpus else None,
    )  # fmt: skip
    output = done.stdout + done.stderr
    rps, p50, p99, notes = parse_wrk(output)
    hits = None
    for line in output.splitlines():
        if line.startswith("HITS "):
            found, total = map(int, line.split()[1:3])
            hits = found / total if total else None
    return rps, p50, p99, hits, notes
