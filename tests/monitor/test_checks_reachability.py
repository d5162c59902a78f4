"""网站可用性: probes against a local HTTP server only (http.server in a thread) — answers,
5xx, timeouts, refused connections, the probe base URL with the site's Host header — and the
indicator over a week of stored probes, in frozen time."""

from __future__ import annotations

import socket
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from govportal.monitor import actions, checks, probes
from govportal.monitor.indicators import State
from govportal.monitor.models import ReachabilityProbe
from govportal.monitor.probes import ProbeResult
from govportal.monitor.veto import measure_reachability
from tests.monitor.conftest import T0, at


class _Handler(BaseHTTPRequestHandler):
    seen: list[tuple[str, str]] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        type(self).seen.append((self.headers.get("Host", ""), self.path))
        if self.path.startswith("/slow"):
            time.sleep(2.5)
        status = {"/boom": 503, "/missing": 404, "/moved": 302}.get(self.path, 200)
        try:
            self.send_response(status)
            if status == 302:
                self.send_header("Location", "http://elsewhere.invalid/")
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write("<p>示例</p>".encode())
        except (BrokenPipeError, ConnectionResetError):
            pass  # the probe gave up (the timeout test)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    _Handler.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_probe_fails_on_5xx_timeout_and_refused_connection_only(server, settings):
    settings.GOVPORTAL_MONITOR_PROBE_TIMEOUT = 1
    ok = probes.probe(f"{server}/", now=T0)
    moved = probes.probe(f"{server}/moved", now=T0)
    missing = probes.probe(f"{server}/missing", now=T0)
    boom = probes.probe(f"{server}/boom", now=T0)
    slow = probes.probe(f"{server}/slow", now=T0)
    refused = probes.probe(f"http://127.0.0.1:{_closed_port()}/", now=T0)

    assert (ok.ok, ok.status_code) == (True, 200)
    assert (moved.ok, moved.status_code) == (True, 302)  # answered; not followed off-site
    assert (missing.ok, missing.status_code) == (True, 404)
    assert (boom.ok, boom.status_code, boom.error) == (False, 503, "HTTP 503")
    assert (slow.ok, slow.error) == (False, "超时（1 秒）")
    assert slow.elapsed_ms >= 900
    assert not refused.ok and refused.error.startswith("连接失败")
    assert all("elsewhere" not in host for host, _path in _Handler.seen)


def test_probe_base_url_sends_the_sites_host_name(cluster, server, settings):
    settings.GOVPORTAL_MONITOR_PROBE_BASE_URL = server
    edu = cluster["homes"]["edu"]

    stored = checks.probe_site_id(edu.pk, now=T0)

    assert stored == ReachabilityProbe.objects.filter(site=edu).count() >= 4
    assert {host for host, _path in _Handler.seen} == {"jyj.localhost"}
    paths = [path for _host, path in _Handler.seen]
    assert paths[0] == "/" and "/gzdt/" in paths and "/tzgg/" in paths
    assert ReachabilityProbe.objects.filter(site=edu, ok=True).count() == stored


def test_a_sub_site_is_probed_under_the_portals_host(cluster, server, settings):
    settings.GOVPORTAL_MONITOR_PROBE_BASE_URL = server
    checks.probe_site_id(cluster["homes"]["town"].pk, now=T0)
    assert _Handler.seen[0] == ("localhost", "/qsz/")


def test_village_pages_are_not_probed(cluster, server, settings):
    settings.GOVPORTAL_MONITOR_PROBE_BASE_URL = server
    assert checks.probe_site_id(cluster["homes"]["village"].pk, now=T0) == 0
    assert _Handler.seen == []


def _record(site, *, ok: int, failed: int, when):
    results = [ProbeResult(f"http://jyj.localhost/{n}", True, 200, 30, "", when) for n in range(ok)]
    results += [ProbeResult("http://jyj.localhost/", False, None, 15000, "超时（15 秒）", when) for _ in range(failed)]
    actions.probes_record(site=site, results=results)


@pytest.mark.parametrize(
    ("failed", "state"),
    [(2, State.OK), (3, State.ALARM), (4, State.ALARM), (5, State.VETO)],
)
def test_reachability_alarms_at_3_percent_and_vetoes_at_5_percent_of_a_week(cluster, failed, state):
    edu = cluster["homes"]["edu"]
    _record(edu, ok=100 - failed, failed=failed, when=at(1))
    _record(edu, ok=0, failed=30, when=at(-7))  # more than a week before the check: not counted

    measured = measure_reachability(edu, at(7, hours=23))

    assert measured.state == state
    assert measured.value == failed / 100 or float(measured.value) == failed / 100
    assert f"失败 {failed} 次" in measured.summary


def test_too_few_probes_are_not_judged(cluster):
    edu = cluster["homes"]["edu"]
    _record(edu, ok=10, failed=9, when=at(1))
    measured = measure_reachability(edu, at(2))
    assert measured.state == State.UNKNOWN
    assert "不足 20 次" in measured.summary


def test_old_probes_are_pruned_after_the_retention(cluster, settings):
    settings.GOVPORTAL_MONITOR_PROBE_RETENTION_DAYS = 30
    edu = cluster["homes"]["edu"]
    _record(edu, ok=2, failed=0, when=at(0))
    _record(edu, ok=3, failed=0, when=at(31))

    assert actions.probes_prune(now=at(31) - timedelta(hours=1)) == 2
    assert ReachabilityProbe.objects.count() == 3
