"""The periodic check of enterprises' websites against a local test server (never the
internet): HEAD then GET, a timeout, polite pauses per host; a link broken twice in a row is
hidden with a notice to the enterprise through the outbox, and shown again when it answers."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from govportal.core.outbox.models import OutboxMessage
from govportal.enterprise import actions, linkcheck
from govportal.enterprise.models import Enterprise, EnterpriseState
from tests.enterprise.conftest import OTHER_CODE, VALID_CODE

pytestmark = pytest.mark.django_db
SEEN: list[tuple[str, str]] = []
STATE = {"broken": 404}


class Handler(BaseHTTPRequestHandler):
    def _answer(self, method):
        SEEN.append((method, self.path))
        if self.path == "/nohead" and method == "HEAD":
            self.send_response(405)
        elif self.path == "/broken":
            self.send_response(STATE["broken"])
        else:
            self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):  # noqa: N802
        self._answer("HEAD")

    def do_GET(self):  # noqa: N802
        self._answer("GET")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _enterprise(world, code, website, email=""):
    return Enterprise.objects.create(
        agency=world["bureau"],
        name=f"企业{code[-4:]}",
        credit_code=code,
        kind="sme",
        industry="other",
        township="青山镇",
        profile="简介。",
        contact_name="李明",
        contact_phone="13812345678",
        email=email,
        website=website,
        state=EnterpriseState.APPROVED,
    )


def test_broken_links_are_hidden_with_a_notice_and_restored(world, server, settings):
    settings.GOVPORTAL_ENTERPRISE_LINK_FAILURES = 2
    settings.GOVPORTAL_ENTERPRISE_LINK_HOST_DELAY = 5
    ok = _enterprise(world, VALID_CODE, f"{server}/nohead")
    broken = _enterprise(world, OTHER_CODE, f"{server}/broken", email="tea@example.com")
    SEEN.clear()
    pauses: list[float] = []
    assert linkcheck.check_links(allow_private=True, sleep=pauses.append, clock=lambda: 0.0) == 2
    assert ("HEAD", "/nohead") in SEEN and ("GET", "/nohead") in SEEN  # GET after a refused HEAD
    assert ("HEAD", "/broken") in SEEN
    assert pauses == [5]  # the second request to the same host waited
    ok.refresh_from_db(), broken.refresh_from_db()
    assert ok.link_ok and broken.link_ok and broken.link_failures == 1  # one failure: still shown
    linkcheck.check_links(allow_private=True, sleep=pauses.append, clock=lambda: 0.0)
    broken.refresh_from_db()
    assert not broken.link_ok and broken.public_website == "" and broken.link_error == "HTTP 404"
    notices = OutboxMessage.objects.filter(recipient__in=["13812345678", "tea@example.com"])
    assert notices.count() == 2 and "已暂时隐藏" in notices.get(channel="email").body
    linkcheck.check_links(allow_private=True, sleep=pauses.append, clock=lambda: 0.0)
    assert notices.count() == 2  # told once
    STATE["broken"] = 200
    linkcheck.check_links(allow_private=True, sleep=pauses.append, clock=lambda: 0.0)
    broken.refresh_from_db()
    assert broken.link_ok and broken.link_failures == 0
    STATE["broken"] = 404


def test_internal_addresses_and_bad_urls_are_never_requested(world, server):
    SEEN.clear()
    assert linkcheck.check_url(f"{server}/ok") == (False, "网址指向内部网络")
    assert linkcheck.check_url("ftp://example.com/") == (False, "网址无效")
    assert SEEN == []
    assert linkcheck.check_url(f"{server}/ok", allow_private=True) == (True, "")
    assert linkcheck.check_url("http://127.0.0.1:1/", allow_private=True, timeout=1)[0] is False


def test_a_link_check_of_a_deleted_enterprise_does_nothing(world):
    assert actions.enterprise_link_checked(enterprise_id=10**9, ok=False, error="x") is None
