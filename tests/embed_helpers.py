"""Quoted posts in their tests: a local, fake oEmbed provider (the
`provider` fixture in conftest.py starts one) and what the tests do with it."""

import io
import json
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.core.management import call_command
from PIL import Image

from articles import actions

VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
POST = "https://x.com/SecBlinken/status/1783000000000000000"


def jpeg_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (480, 360), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


class FakeProvider:
    """An oEmbed endpoint on 127.0.0.1: answers per post address, records
    every request, and can fail or stall."""

    def __init__(self):
        self.requests, self.answers, self.status, self.delay = [], {}, 200, 0
        self.redirect, self.trickle = "", 0
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                provider.requests.append(self.path)
                time.sleep(provider.delay)
                if self.path.startswith("/oembed") and provider.redirect:
                    self.send_response(302)
                    self.send_header("Location", provider.redirect)
                    self.end_headers()
                    return
                if provider.trickle:
                    self.send_response(200)
                    self.end_headers()
                    for _ in range(50):
                        self.wfile.write(b" ")
                        self.wfile.flush()
                        time.sleep(provider.trickle)
                    return
                if self.path == "/thumb.jpg":
                    body, kind = jpeg_bytes(), "image/jpeg"
                else:
                    query = urllib.parse.parse_qs(
                        urllib.parse.urlsplit(self.path).query
                    )
                    answer = provider.answers.get(query["url"][0])
                    body, kind = json.dumps(answer).encode(), "application/json"
                    if answer is None:
                        self.send_response(404)
                        self.end_headers()
                        return
                self.send_response(provider.status)
                self.send_header("Content-Type", kind)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")


def save_body(desk, story, body):
    story.refresh_from_db()
    story.body = body
    actions.SaveEdit(story, base_version=story.version).execute(by=desk.editor)


def third_party(html, client_host="testserver"):
    """Addresses the browser would load by itself (src and srcset)."""
    loaded = re.findall(r'\s(?:src|srcset)="([^"]+)"', html)
    return [
        url
        for value in loaded
        for url in re.findall(r"(https?://[^\s,]+)", value)
        if client_host not in url
    ]
