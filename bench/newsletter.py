"""The newsletter row of `make bench`: one digest to 100,000 confirmed
subscribers, sent by the real task worker through Django's SMTP backend to
a local SMTP sink (aiosmtpd's Sink handler), against a bare smtplib loop
sending the same message to the same sink in the same run.

The worker's rate counts everything it does for the issue: making the
100,000 copies' rows, filling in each copy's links, building each MIME
message, sending it and recording it. The bare loop sends one prebuilt
message to BARE_MESSAGES recipients over one connection.
"""

import email.policy
import json
import smtplib
import subprocess
import time
from email.message import EmailMessage

from bench.harness import PYTHON, free_port, log, manage

BARE_MESSAGES = 20_000


def sink():
    """aiosmtpd's Sink (it accepts and drops every message) on a free port.
    Started outside the project folder: its `public` module is not ours."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [
            PYTHON,
            "-m",
            "aiosmtpd",
            "-n",
            "-c",
            "aiosmtpd.handlers.Sink",
            "-l",
            f"127.0.0.1:{port}",
        ],
        cwd="/tmp",  # noqa: S108 - only the working folder
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            smtplib.SMTP("127.0.0.1", port, timeout=1).quit()
            return process, port
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the SMTP sink did not start")


def bare_loop(port, html, text, count=BARE_MESSAGES):
    message = EmailMessage()
    message["From"] = "news@bench.example.org"
    message["Subject"] = "Bench digest"
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    data = message.as_bytes(policy=email.policy.SMTP)
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        started = time.perf_counter()
        for n in range(count):
            smtp.sendmail(message["From"], [f"reader{n:06d}@bench.example.org"], data)
        return count / (time.perf_counter() - started)


def scenario(env, subscribers):
    """Seed, send through the worker, and compare; returns the row's figures."""
    process, port = sink()
    try:
        output, _ = manage("bench_newsletter", f"--seed={subscribers}", env=env)
        seeded = json.loads(output.strip().splitlines()[-1])
        bare = bare_loop(port, seeded["html"], seeded["text"])
        log(f"    newsletter bare smtplib loop: {bare:,.0f} msg/s")
        mail_env = {
            **env,
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(port),
        }
        output, _ = manage("bench_newsletter", "--send", env=mail_env)
        sent = json.loads(output.strip().splitlines()[-1])
    finally:
        process.kill()
        process.wait()
    rate = sent["states"].get("sent", 0) / sent["wall_s"]
    row = {
        "subscribers": subscribers,
        "sent": sent["states"].get("sent", 0),
        "failed": sent["states"].get("failed", 0),
        "worker_msg_s": rate,
        "bare_msg_s": bare,
        "ratio": rate / bare,
        "peak_rss_mb": sent["peak_rss_mb"],
        "wall_s": sent["wall_s"],
    }
    log(
        f"    newsletter worker: {rate:,.0f} msg/s ({row['ratio']:.2f} of bare), "
        f"peak {row['peak_rss_mb']:.0f} MB"
    )
    return row


def table(row):
    verdict = "met" if row["ratio"] >= 0.5 else "missed"
    return "\n".join(
        [
            "| newsletter | subscribers | sent | failed | worker msg/s | bare smtplib "
            "msg/s | ratio | target | result | worker peak RSS |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: |",
            f"| one digest | {row['subscribers']:,} | {row['sent']:,} | "
            f"{row['failed']:,} | {row['worker_msg_s']:,.0f} | "
            f"{row['bare_msg_s']:,.0f} | {row['ratio']:.2f} | ≥ 0.5 | {verdict} | "
            f"{row['peak_rss_mb']:.0f} MB |",
        ]
    )
