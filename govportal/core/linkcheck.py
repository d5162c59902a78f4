"""Check that one web address answers — the generic part of every link check of the platform
(the enterprises' websites, the monitor's cluster-wide link checker).

``check_url(url)``: a HEAD request, and a GET when HEAD is refused (403/405/501 or an error) —
many small sites answer HEAD badly. Redirects are followed up to
``GOVPORTAL_LINKCHECK_MAX_REDIRECTS``; a link is fine when the final answer is below 400. Each
request waits at most ``timeout`` seconds (``GOVPORTAL_LINKCHECK_TIMEOUT`` by default).

The server never requests an address inside a private, loopback, link-local or reserved network
(a link in a page must not make the server probe internal services), at the start or after a
redirect, unless the host is listed in ``GOVPORTAL_LINKCHECK_ALLOW_PRIVATE_HOSTS`` (the tests'
local server, ``127.0.0.1``) or the caller passes ``allow_private``. Names under the reserved
``.invalid`` top-level domain (RFC 2606, RFC 6761 §6.4: resolvers answer "no such name") are
refused without asking DNS. Politeness (pauses per host) is the caller's: this module checks
one address.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings

USER_AGENT = "GovPortal-LinkCheck/1.0 (+government portal link check)"

INVALID_URL = "网址无效"
PRIVATE = "网址指向内部网络"
NO_SUCH_HOST = "域名不存在"
TIMEOUT = "连接超时"
UNREACHABLE = "无法连接"
TOO_MANY_REDIRECTS = "重定向次数过多"


@dataclass(frozen=True)
class LinkResult:
    ok: bool
    status: int | None = None  # the final HTTP status, when there was an answer
    error: str = ""  # a short reason in Chinese when not ok
    # Whether a request went out (a refused address never reaches the host: no pause owed).
    requested: bool = field(default=True, compare=False)


class _Refused(Exception):
    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


def is_private(host: str) -> bool:
    """Whether ``host`` resolves into a network the server must not probe."""
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        return False  # unresolvable: the request fails by itself
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast:
            return True
    return False


def _vet(url: str, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _Refused(INVALID_URL)
    host = parts.hostname.lower().rstrip(".")
    if host == "invalid" or host.endswith(".invalid"):
        raise _Refused(NO_SUCH_HOST)
    allowed = allow_private or host in {h.lower() for h in settings.GOVPORTAL_LINKCHECK_ALLOW_PRIVATE_HOSTS}
    if not allowed and is_private(host):
        raise _Refused(PRIVATE)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most ``limit`` redirects, each to an address the check may request."""

    def __init__(self, limit: int, allow_private: bool) -> None:
        self.limit = limit
        self.allow_private = allow_private
        self.followed = 0

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        self.followed += 1
        if self.followed > self.limit:
            raise _Refused(TOO_MANY_REDIRECTS)
        _vet(newurl, self.allow_private)
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and req.get_method() == "HEAD":
            new.method = "HEAD"  # urllib would follow with a GET
        return new


def _request(url: str, method: str, timeout: float, max_redirects: int, allow_private: bool) -> int:
    opener = urllib.request.build_opener(_Redirects(max_redirects, allow_private))
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    with opener.open(request, timeout=timeout) as response:  # http/https only (_vet)
        if method == "GET":
            response.read(1024)
        return response.status


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, _Refused):
        return reason.error
    if isinstance(reason, TimeoutError | socket.timeout):
        return TIMEOUT
    if isinstance(reason, socket.gaierror):
        return NO_SUCH_HOST
    return UNREACHABLE


def check_url(
    url: str, *, timeout: float | None = None, allow_private: bool = False, max_redirects: int | None = None
) -> LinkResult:
    """Request ``url`` as described above; never raises for a bad or failing address."""
    timeout = timeout if timeout is not None else settings.GOVPORTAL_LINKCHECK_TIMEOUT
    limit = max_redirects if max_redirects is not None else settings.GOVPORTAL_LINKCHECK_MAX_REDIRECTS
    try:
        _vet(url, allow_private)
    except _Refused as refused:
        return LinkResult(ok=False, error=refused.error, requested=False)
    try:
        status = _request(url, "HEAD", timeout, limit, allow_private)
    except _Refused as refused:
        return LinkResult(ok=False, error=refused.error)
    except urllib.error.HTTPError as exc:
        if exc.code < 400:
            return LinkResult(ok=True, status=exc.code)
        if exc.code not in (403, 405, 501):
            return LinkResult(ok=False, status=exc.code, error=f"HTTP {exc.code}")
        status = None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        if _reason(exc) in (PRIVATE, NO_SUCH_HOST, TOO_MANY_REDIRECTS, TIMEOUT):
            return LinkResult(ok=False, error=_reason(exc))  # a GET would wait or fail the same way
        status = None
    if status is not None and status < 400:
        return LinkResult(ok=True, status=status)
    try:
        status = _request(url, "GET", timeout, limit, allow_private)
    except _Refused as refused:
        return LinkResult(ok=False, error=refused.error)
    except urllib.error.HTTPError as exc:
        return LinkResult(ok=exc.code < 400, status=exc.code, error="" if exc.code < 400 else f"HTTP {exc.code}")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return LinkResult(ok=False, error=_reason(exc))
    return LinkResult(ok=status < 400, status=status, error="" if status < 400 else f"HTTP {status}")
