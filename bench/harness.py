"""What the benchmarks share: processes (manage.py, gunicorn), HTTP and wrk."""

import contextlib
import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


def log(message):
    print(message, file=sys.stderr, flush=True)


# --- processes ----------------------------------------------------------------


def run(command, env, **kwargs):
    """Run a command from the project root; raise with its output on failure."""
    started = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - fixed commands, no shell
        command, cwd=ROOT, env=env, capture_output=True, text=True, **kwargs
    )
    if done.returncode:
        raise SystemExit(
            f"error: {' '.join(map(str, command))} failed ({done.returncode}):\n"
            f"{done.stdout[-3000:]}{done.stderr[-3000:]}"
        )
    return done.stdout, time.perf_counter() - started


def manage(*args, env):
    return run([PYTHON, "manage.py", *args], env)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn in its own process group, stopped (group and all) on exit."""

    def __init__(self, env, log_path, workers=2):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        command = [
            GUNICORN,
            "newsroom.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--timeout",
            "120",
            "--log-level",
            "warning",
            "--error-logfile",
            str(log_path),
        ]
        self.process = subprocess.Popen(  # noqa: S603 - fixed command, no shell
            command,
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"error: gunicorn exited:\n{self.log_tail()}")
            with contextlib.suppress(OSError):
                fetch(self.base + "/robots.txt", timeout=5)
                return
            time.sleep(0.3)
        raise SystemExit(f"error: gunicorn not answering after {timeout}s")

    def log_tail(self):
        with contextlib.suppress(OSError):
            return self.log_path.read_text()[-3000:]
        return ""

    def stop(self):
        if self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)


# --- HTTP -----------------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, *, opener=None, data=None, headers=None, timeout=60):
    """(status, body) of one request to the local server; redirects not followed."""
    opener = opener or urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def admin_cookie(base, username, password):
    """Log in through the admin's login form; return the Cookie header value."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar), NoRedirect
    )
    status, page = fetch(f"{base}/admin/login/?next=/admin/", opener=opener)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or not token:
        raise SystemExit(f"error: admin login page answered {status}")
    form = urllib.parse.urlencode(
        {
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": token.group(1),
            "next": "/admin/",
        }
    ).encode()
    status, _ = fetch(f"{base}/admin/login/?next=/admin/", opener=opener, data=form)
    cookies = {cookie.name: cookie.value for cookie in jar}
    if status != 302 or "sessionid" not in cookies:
        raise SystemExit(f"error: admin login failed (HTTP {status})")
    return "; ".join(f"{name}={value}" for name, value in sorted(cookies.items()))


# --- wrk ------------------------------------------------------------------------

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def parse_wrk(output):
    """Requests/s, p50 and p99 (ms) and any errors from `wrk --latency` output."""

    def number(pattern):
        found = re.search(pattern, output, re.MULTILINE)
        return found.groups() if found else None

    rps = number(r"^Requests/sec:\s+([\d.]+)")
    latencies = {}
    for percentile in (50, 99):
        found = number(rf"^\s+{percentile}(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\s*$")
        if found:
            latencies[percentile] = float(found[0]) * UNITS_MS[found[1]]
    notes = []
    non_2xx = number(r"Non-2xx or 3xx responses: (\d+)")
    if non_2xx:
        notes.append(f"{non_2xx[0]} non-2xx")
    errors = number(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"
    )
    if errors:
        kinds = zip(("connect", "read", "write", "timeout"), errors, strict=True)
        notes += [f"{count} {kind} errors" for kind, count in kinds if int(count)]
    total = number(r"(\d+) requests in")
    if total:
        notes.append(f"{total[0]} requests")
    return (
        float(rps[0]) if rps else None,
        latencies.get(50),
        latencies.get(99),
        notes,
    )


def wrk(url, *, program, connections, duration, cookie=None):
    threads = min(2, connections)
    command = [
        program,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--latency",
        "--timeout",
        "30s",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    done = subprocess.run(  # noqa: S603 - fixed command, no shell
        [*command, url],
        capture_output=True,
        text=True,
        timeout=duration + 60,
        check=False,
    )
    return parse_wrk(done.stdout + done.stderr)


class Varnish:
    """varnishd with deploy/varnish's VCL, its backend pointed at `port` and
    its purge secret set to SECRET (the app servers send it)."""

    SECRET = "bench-purge-secret"  # noqa: S105 - a throwaway local cache

    def __init__(self, backend_port):
        self.dir = DATA / "varnish"
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        vcl = ROOT / "deploy" / "varnish"
        shutil.copy(vcl / "default.vcl", self.dir / "default.vcl")
        backend = (vcl / "backend.vcl").read_text()
        (self.dir / "backend.vcl").write_text(
            backend.replace('"8000"', f'"{backend_port}"')
        )
        purge = (vcl / "purge.vcl").read_text()
        (self.dir / "purge.vcl").write_text(
            purge.replace('secret = "";', f'secret = "{self.SECRET}";')
        )
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(  # noqa: S603 - fixed command
            [
                shutil.which("varnishd") or "/usr/sbin/varnishd", "-F", "-j", "none",
                "-a", f"127.0.0.1:{self.port}", "-f", str(self.dir / "default.vcl"),
                "-p", f"vcl_path={self.dir}", "-n", str(self.dir / "work"),
                "-s", "malloc,256m",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(OSError):
                if fetch(self.base + "/healthz", timeout=5)[0] == 200:
                    return
            if time.monotonic() > deadline:
                self.stop()
                raise SystemExit("error: varnishd did not become healthy")
            time.sleep(0.3)

    def backend_fetches(self):
        """How many requests Varnish has sent the app so far."""
        done = subprocess.run(  # noqa: S603 - fixed command
            [
                shutil.which("varnishstat") or "/usr/bin/varnishstat",
                "-n", str(self.dir / "work"), "-1", "-f", "MAIN.backend_req",
            ],
            capture_output=True, text=True, timeout=30, check=False,
        )  # fmt: skip
        fields = done.stdout.split()
        return int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else 0

    def slow_requests(self, threshold_s):
        """Start logging readers' requests (not ESI includes) slower than
        `threshold_s` as Varnish timed them, in microseconds, one a line;
        `terminate()` and read stdout when done."""
        log = subprocess.Popen(  # noqa: S603 - fixed command
            [
                shutil.which("varnishncsa") or "/usr/bin/varnishncsa",
                "-n", str(self.dir / "work"), "-F", "%D",
                "-q", f'Begin[3] eq "rxreq" and Timestamp:Resp[2] > {threshold_s}',
            ],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        time.sleep(0.5)  # attached before the load starts
        return log

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=15)
