"""Rate limits count citizens, not the proxy in front of them."""

from __future__ import annotations

from django.test import RequestFactory

from govportal.core.cases.views import client_key


def request(remote: str, real: str = ""):
    extra = {"REMOTE_ADDR": remote}
    if real:
        extra["HTTP_X_REAL_IP"] = real
    return RequestFactory().get("/", **extra)


def test_behind_our_proxy_the_citizen_is_the_address_the_proxy_saw(settings):
    settings.GOVPORTAL_TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_key(request("127.0.0.1", "203.0.113.7")) == "203.0.113.7"
    assert client_key(request("127.0.0.1", "198.51.100.2")) == "198.51.100.2"  # two citizens, two keys
    assert client_key(request("127.0.0.1")) == "127.0.0.1"  # a local call without the header


def test_a_header_from_anyone_else_is_ignored(settings):
    settings.GOVPORTAL_TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_key(request("203.0.113.7", "10.0.0.1")) == "203.0.113.7"
    settings.GOVPORTAL_TRUSTED_PROXIES = []
    assert client_key(request("127.0.0.1", "203.0.113.7")) == "127.0.0.1"
