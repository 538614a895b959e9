"""Real processes for tests that need them: gunicorn app servers, a private
redis-server, a TCP proxy that can cut a connection, management commands.

Faults are injected here, on servers the tests start themselves; the
machine's shared PostgreSQL and Redis are never stopped.
"""

import contextlib
import functools
import http.client
import http.cookiejar
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "newsroom-demo"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_env(**extra):
    """The environment of a server or command: nothing of the test run's own
    settings leaks in, only what is given."""
    kept = {
        key: os.environ[key] for key in ["PATH", "HOME", "LANG"] if key in os.environ
    }
    return {
        **kept,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": "live-tests-" + "x" * 50,
        "NEWSROOM_PAGE_CACHE": "1",
        # The demo's editors sign in by password (tests/test_two_factor.py
        # covers the second factor).
        "NEWSROOM_TWO_FACTOR_REQUIRED": "0",
        "NEWSROOM_DEMO": "1",  # the servers stand up the demo newsroom
        **extra,
    }


def manage(*args, env, timeout=180):
    done = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, f"manage.py {args}: {done.stdout}{done.stderr}"
    return done.stdout


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class FromAddress(urllib.request.HTTPHandler):
    """Connections from a chosen loopback address (127.0.0.2 is another
    client than 127.0.0.1)."""

    def __init__(self, source):
        super().__init__()
        self.source = source

    def http_open(self, req):
        connect = functools.partial(
            http.client.HTTPConnection, source_address=(self.source, 0)
        )
        return self.do_open(connect, req)


class Client:
    """A small HTTP client with its own cookies (a reader, or a signed-in
    editor); every request opens a new connection, from `source`."""

    def __init__(self, base, *, source="127.0.0.1"):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies),
            NoRedirect(),
            FromAddress(source),
        )

    def request(self, path, data=None, headers=None, timeout=15):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(  # noqa: S310 - loopback
            self.base + path, data=body, headers=headers or {}
        )
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return Response(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, error.headers, error.read())

    def get(self, path, **kwargs):
        return self.request(path, **kwargs)

    def post(self, path, data, headers=None):
        token = next(c.value for c in self.cookies if c.name == "csrftoken")
        return self.request(
            path,
            {**data, "csrfmiddlewaretoken": token},
            {"Referer": self.base + path, **(headers or {})},
        )

    def log_in(self, username, password=PASSWORD):
        self.get("/admin/login/")
        response = self.post(
            "/admin/login/?next=/admin/",
            {"username": username, "password": password},
        )
        assert response.status == 302, response.text[:500]
        return self


class Gunicorn:
    """`gunicorn newsroom.wsgi` with `workers` processes on a free port."""

    def __init__(self, env, *, workers=2, log=None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [
            sys.executable, "-m", "gunicorn", "newsroom.wsgi",
            "-w", str(workers), "-b", f"127.0.0.1:{self.port}", "--timeout", "60",
        ]  # fmt: skip
        self.log = open(log or os.devnull, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603 - fixed command
            command, cwd=ROOT, env=env, stdout=self.log, stderr=self.log
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)

    def client(self):
        return Client(self.base)

    def many(self, path, count=24):
        """`count` reads of `path` at once, spread over the workers."""
        with ThreadPoolExecutor(8) as pool:
            return list(pool.map(lambda _: self.client().get(path), range(count)))

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


class RedisServer:
    """A private redis-server on a free port, which a test may stop and start."""

    def __init__(self, tmp_path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.dir = tmp_path
        self.process = None
        self.start()

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - fixed command
            [
                shutil.which("redis-server"), "--port", str(self.port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--dir", str(self.dir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


class Proxy:
    """A TCP proxy to `target`; `cut()` drops every connection and refuses new
    ones until `restore()`."""

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open = True
        self.connections = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.open:
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.connections += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def cut(self):
        self.open = False
        with self.lock:
            for sock in self.connections:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                    sock.close()
            self.connections = []

    def restore(self):
        self.open = True

    def close(self):
        self.cut()
        self.listener.close()


@pytest.fixture
def embedded(tmp_path):
    """The embedded default, as `make run` sets it up: a fresh SQLite file
    with the demo loaded, no Redis; yields its environment."""
    env = clean_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    manage("migrate", "--noinput", env=env)
    manage("createcachetable", env=env)
    manage("load_demo", "--force", "--photo-width", "64", env=env)
    return env


@pytest.fixture
def servers():
    """Start app servers with `servers(env)`; all are stopped afterwards."""
    started = []

    def start(env, **kwargs):
        started.append(Gunicorn(env, **kwargs))
        return started[-1]

    yield start
    for server in started:
        server.stop()
