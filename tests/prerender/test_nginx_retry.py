"""nginx with the repo's config retries a GET that an app server dropped on the next one, and
never a POST: a letter whose worker died after it committed must not be written twice.

The app servers here are two small sockets on loopback — one that reads each request and then
drops the connection without an answer (what nginx sees when a gunicorn worker is killed
mid-request), one that answers 200 — so the test is about nginx's configuration alone."""

from __future__ import annotations

import http.client
import os
import socket
import struct
import subprocess
import threading
from collections import Counter

import pytest

from govportal.prerender import nginx
from tests.prerender.nginx_helpers import NGINX, wait_for_port

pytestmark = pytest.mark.skipif(NGINX is None, reason="nginx is not installed (bin/test installs it)")


class Upstream:
    """mode "ok": answers 200; "drop": reads the request and resets the connection; "503":
    answers 503 (an app server not ready, or overloaded)."""

    def __init__(self, mode: str):
        self.mode = mode
        self.seen: Counter[str] = Counter()
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.closed = False
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self.closed:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                head, _, body = data.partition(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                while len(body) < length:
                    body += conn.recv(65536)
                self.seen[head.split(b" ", 1)[0].decode()] += 1
                if self.mode == "drop":
                    # Reset, as the kernel does for a killed worker's socket: no answer at all.
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    continue
                status = b"503 Service Unavailable" if self.mode == "503" else b"200 OK"
                conn.sendall(b"HTTP/1.1 " + status + b"\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")

    def close(self) -> None:
        self.closed = True
        self.sock.close()


@pytest.fixture(params=["drop", "503"])
def front(request, tmp_path):
    dropping, healthy = Upstream(request.param), Upstream("ok")
    port = _free_port()
    conf = nginx.write(
        tmp_path / "nginx",
        listen=f"127.0.0.1:{port}",
        upstreams=[f"127.0.0.1:{dropping.port} max_fails=0", f"127.0.0.1:{healthy.port} max_fails=0"],
        prerender_dir=tmp_path / "prerender",
        static_root=tmp_path / "static",
        media_root=tmp_path / "media",
        worker_processes="1",
        user="root" if os.geteuid() == 0 else None,
    )
    proc = subprocess.Popen(
        [NGINX, "-p", str(conf.parent), "-c", str(conf), "-e", str(conf.parent / "error.log"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port, 15, proc)
        yield port, dropping, healthy
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        dropping.close()
        healthy.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _request(port: int, method: str, path: str, body: bytes | None = None) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": "localhost", "Content-Type": "application/json"}
    conn.request(method, path, body=body, headers=headers)
    status = conn.getresponse().status
    conn.close()
    return status


def test_a_get_dropped_by_one_app_server_is_answered_by_the_next(front):
    port, dropping, healthy = front
    statuses = [_request(port, "GET", "/api/v1/mailboxes") for _ in range(6)]
    assert statuses == [200] * 6
    assert dropping.seen["GET"] >= 1  # some went to the dropping server first …
    assert healthy.seen["GET"] == 6  # … and every one was answered by the healthy one
    assert _request(port, "GET", "/healthz") == 200


def test_a_post_dropped_by_an_app_server_is_not_sent_again(front):
    port, dropping, healthy = front
    body = b'{"mailbox": "szxx", "title": "x"}'
    statuses = [_request(port, "POST", "/api/v1/letters", body) for _ in range(6)]
    assert dropping.seen["POST"] >= 1
    # Each POST reached exactly one app server: the dropped ones got 502 (or the 503), not a
    # second try.
    assert dropping.seen["POST"] + healthy.seen["POST"] == 6
    assert statuses.count(502 if dropping.mode == "drop" else 503) == dropping.seen["POST"]
    assert statuses.count(200) == healthy.seen["POST"]
