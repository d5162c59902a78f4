"""`govportal.core.linkcheck.check_url` against a local server: HEAD then GET, timeouts,
redirects (followed, limited), private addresses refused unless a setting allows the host,
the reserved ``.invalid`` domain refused without asking DNS."""

from __future__ import annotations

import pytest

from govportal.core import linkcheck
from tests.monitor import linkserver


@pytest.fixture(scope="module")
def server():
    httpd, url = linkserver.start()
    yield url
    httpd.shutdown()


@pytest.fixture
def allowed(settings):
    settings.GOVPORTAL_LINKCHECK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"]
    settings.GOVPORTAL_LINKCHECK_TIMEOUT = 1


def test_a_working_address_is_ok_after_head_alone(server, allowed):
    linkserver.SEEN.clear()
    assert linkcheck.check_url(f"{server}/ok") == linkcheck.LinkResult(ok=True, status=200)
    assert linkserver.SEEN == [("HEAD", "/ok")]


def test_head_refused_with_405_falls_back_to_get(server, allowed):
    linkserver.SEEN.clear()
    assert linkcheck.check_url(f"{server}/nohead").ok
    assert linkserver.SEEN == [("HEAD", "/nohead"), ("GET", "/nohead")]


def test_404_and_500_are_failures_with_their_status(server, allowed):
    assert linkcheck.check_url(f"{server}/missing") == linkcheck.LinkResult(ok=False, status=404, error="HTTP 404")
    assert linkcheck.check_url(f"{server}/error") == linkcheck.LinkResult(ok=False, status=500, error="HTTP 500")


def test_a_slow_server_times_out_without_a_second_wait(server, allowed):
    linkserver.SEEN.clear()
    result = linkcheck.check_url(f"{server}/slow")
    assert result == linkcheck.LinkResult(ok=False, error="连接超时")
    assert linkserver.SEEN == [("HEAD", "/slow")]  # no GET after a timeout


def test_redirects_are_followed_up_to_the_limit(server, allowed, settings):
    assert linkcheck.check_url(f"{server}/moved") == linkcheck.LinkResult(ok=True, status=200)
    settings.GOVPORTAL_LINKCHECK_MAX_REDIRECTS = 3
    linkserver.SEEN.clear()
    assert linkcheck.check_url(f"{server}/loop") == linkcheck.LinkResult(ok=False, error="重定向次数过多")
    assert linkserver.SEEN.count(("HEAD", "/loop")) == 4  # the first request and three redirects


def test_private_addresses_are_refused_unless_the_setting_allows_the_host(server, settings):
    settings.GOVPORTAL_LINKCHECK_ALLOW_PRIVATE_HOSTS = []
    linkserver.SEEN.clear()
    assert linkcheck.check_url(f"{server}/ok") == linkcheck.LinkResult(ok=False, error="网址指向内部网络")
    assert linkcheck.check_url("http://localhost/").error == "网址指向内部网络"
    assert linkserver.SEEN == []


def test_bad_and_reserved_addresses_are_refused_without_a_request(settings):
    assert linkcheck.check_url("ftp://example.com/").error == "网址无效"
    assert linkcheck.check_url("http:///nohost").error == "网址无效"
    assert linkcheck.check_url("http://old.shili.invalid/news/1.html").error == "域名不存在"
