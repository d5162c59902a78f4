"""The periodic check of enterprises' own website links (企业网站链接检查).

For each published enterprise with a website: a HEAD request, and a GET when HEAD is
refused (405/501 or an error) — many small sites answer HEAD badly. A link is fine when
the final answer (redirects followed) is below 400. Politeness: requests to one host are
at least `settings.GOVPORTAL_ENTERPRISE_LINK_HOST_DELAY` seconds apart (hosts are taken in
turn, so the pause costs little), each with `GOVPORTAL_ENTERPRISE_LINK_TIMEOUT` seconds.
Addresses inside private, loopback or link-local networks are never requested from the
server (the submitted URL must not reach internal services) unless ``allow_private``
(the tests' local server).

The result of each check goes to `actions.enterprise_link_checked` (hiding after repeated
failures, with a notice to the enterprise; showing again when it answers).
"""

from __future__ import annotations

import ipaddress
import socket
import time
import urllib.error
import urllib.request
from collections import OrderedDict
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings

from govportal.enterprise import actions
from govportal.enterprise.selectors import enterprises_with_websites

USER_AGENT = "GovPortal-LinkCheck/1.0 (+government portal link check)"


def _private(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        return False  # unresolvable: the request fails by itself
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast:
            return True
    return False


def _request(url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http/https only)
        if method == "GET":
            response.read(1024)
        return response.status


def check_url(url: str, *, timeout: float | None = None, allow_private: bool = False) -> tuple[bool, str]:
    """(ok, a short reason when not ok)."""
    timeout = timeout if timeout is not None else settings.GOVPORTAL_ENTERPRISE_LINK_TIMEOUT
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False, "网址无效"
    if not allow_private and _private(parts.hostname):
        return False, "网址指向内部网络"
    try:
        status = _request(url, "HEAD", timeout)
    except urllib.error.HTTPError as exc:
        if exc.code < 400:
            return True, ""
        if exc.code not in (403, 405, 501):
            return False, f"HTTP {exc.code}"
        status = None
    except (urllib.error.URLError, OSError, ValueError):
        status = None
    if status is not None and status < 400:
        return True, ""
    try:
        status = _request(url, "GET", timeout)
    except urllib.error.HTTPError as exc:
        return False, f"HTTP {exc.code}"
    except TimeoutError:
        return False, "连接超时"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return False, "连接超时" if isinstance(reason, TimeoutError | socket.timeout) else "无法连接"
    return (status < 400), ("" if status < 400 else f"HTTP {status}")


def check_links(
    *,
    allow_private: bool = False,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> int:
    """Check every published enterprise's website once; returns the number checked."""
    by_host: OrderedDict[str, list[tuple[int, str]]] = OrderedDict()
    for pk, url in enterprises_with_websites():
        by_host.setdefault((urlsplit(url).hostname or "").lower(), []).append((pk, url))
    delay = settings.GOVPORTAL_ENTERPRISE_LINK_HOST_DELAY
    last: dict[str, float] = {}
    checked = 0
    while by_host:
        for host in list(by_host):
            pk, url = by_host[host].pop(0)
            if not by_host[host]:
                del by_host[host]
            if host in last:
                wait = delay - (clock() - last[host])
                if wait > 0:
                    sleep(wait)
            ok, error = check_url(url, allow_private=allow_private)
            last[host] = clock()
            actions.enterprise_link_checked(enterprise_id=pk, ok=ok, error=error)
            checked += 1
    return checked
