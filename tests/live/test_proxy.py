"""A real nginx (Debian's nginx-light) in front of gunicorn, as the README's
deployment documents it, with TRUSTED_PROXY_COUNT=1: a forged
X-Forwarded-For sent through it changes nothing, and two clients (two
loopback addresses) get two API buckets, two sign-in lockouts and their own
addresses in the audit log.

Without nginx this test skips, unless NEWSROOM_REQUIRE_NGINX is set (CI
sets it); `make tools` installs it.
"""

import os
import shutil
import sqlite3
import subprocess
import time

import pytest

from tests.live.conftest import Client, free_port

#: The proxy block the README documents for one proxy in front.
SITE = """
worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://127.0.0.1:{backend};
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
    }}
}}
"""


@pytest.fixture
def nginx(tmp_path):
    """Start nginx on a free port in front of `backend`."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(binary):
        reason = "nginx is not installed (make tools)"
        if os.environ.get("NEWSROOM_REQUIRE_NGINX"):
            pytest.fail(reason + "; NEWSROOM_REQUIRE_NGINX is set")
        pytest.skip(reason)
    started = []

    def start(backend):
        port, prefix = free_port(), tmp_path / "nginx"
        prefix.mkdir()
        config = prefix / "nginx.conf"
        config.write_text(SITE.format(prefix=prefix, port=port, backend=backend))
        process = subprocess.Popen(  # noqa: S603 - fixed command
            [binary, "-p", str(prefix), "-c", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(process)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 15
        while True:
            try:
                if Client(base).get("/healthz").status == 200:
                    return base
            except OSError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError((prefix / "error.log").read_text())
            time.sleep(0.2)

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=10)


def forged(n):
    return {"X-Forwarded-For": f"198.51.100.{n}"}


def test_forged_forwarded_for_changes_nothing_and_clients_are_told_apart(
    embedded, servers, nginx
):
    env = {
        **embedded,
        "TRUSTED_PROXY_COUNT": "1",
        "NEWSROOM_API_RATE": "3/min",
        "LOGIN_FAILURE_LIMIT": "3",
    }
    base = nginx(servers(env).port)
    first, second = Client(base), Client(base, source="127.0.0.2")

    # The API: a fresh forged address per request buys no fresh allowance,
    # and the other client has a bucket of its own.
    statuses = [
        first.get("/api/v1/sections/", headers=forged(n)).status for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    assert second.get("/api/v1/sections/").status == 200

    # Signing in: wrong passwords under forged addresses lock the editor
    # out for the first client only.
    first.get("/admin/login/")
    statuses = [
        first.post(
            "/admin/login/", {"username": "editor", "password": "wrong"}, forged(n)
        ).status
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]  # the third failure locks (all four logged)
    locked = first.post(
        "/admin/login/", {"username": "editor", "password": "newsroom-demo"}, forged(9)
    )
    assert locked.status == 429
    second.log_in("editor")

    # The audit log names the real addresses, never a forged one.
    database = embedded["DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(database) as db:
        rows = db.execute(
            "SELECT action, address FROM articles_auditentry "
            "WHERE action IN ('sign_in_failed', 'sign_in')"
        ).fetchall()
    assert (
        sorted(rows)
        == [("sign_in", "127.0.0.2")] + [("sign_in_failed", "127.0.0.1")] * 4
    )
