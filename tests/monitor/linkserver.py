"""A local HTTP server in a thread for the link checker's tests — nothing leaves the machine.

Paths: ``/ok`` 200, ``/missing`` 404, ``/error`` 500, ``/slow`` answers after 3 s, ``/nohead``
refuses HEAD with 405 and answers GET, ``/moved`` redirects to ``/ok``, ``/loop`` redirects to
itself, ``/toggle`` answers ``STATE["toggle"]``. ``SEEN`` records (method, path)."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SEEN: list[tuple[str, str]] = []
STATE = {"toggle": 404}


class Handler(BaseHTTPRequestHandler):
    def _answer(self, method: str) -> None:
        SEEN.append((method, self.path))
        status, headers = 200, {}
        if self.path == "/missing":
            status = 404
        elif self.path == "/error":
            status = 500
        elif self.path == "/slow":
            time.sleep(3)
        elif self.path == "/nohead" and method == "HEAD":
            status = 405
        elif self.path == "/moved":
            status, headers = 302, {"Location": "/ok"}
        elif self.path == "/loop":
            status, headers = 302, {"Location": "/loop"}
        elif self.path == "/toggle":
            status = STATE["toggle"]
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test)

    def do_HEAD(self):  # noqa: N802
        self._answer("HEAD")

    def do_GET(self):  # noqa: N802
        self._answer("GET")

    def log_message(self, *args):
        pass


def start() -> tuple[ThreadingHTTPServer, str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"
