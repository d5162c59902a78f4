"""The periodic check of enterprises' own website links (企业网站链接检查).

For each published enterprise with a website: `govportal.core.linkcheck.check_url` (HEAD,
then GET when HEAD is refused; redirects followed; fine below 400). Politeness: requests to one host are
at least `settings.GOVPORTAL_ENTERPRISE_LINK_HOST_DELAY` seconds apart (hosts are taken in
turn, so the pause costs little), each with `GOVPORTAL_ENTERPRISE_LINK_TIMEOUT` seconds.
Addresses inside private, loopback or link-local networks are never requested from the
server (the submitted URL must not reach internal services) unless ``allow_private``
(the tests' local server).

The result of each check goes to `actions.enterprise_link_checked` (hiding after repeated
failures, with a notice to the enterprise; showing again when it answers).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings

from govportal.core import linkcheck
from govportal.enterprise import actions
from govportal.enterprise.selectors import enterprises_with_websites


def check_url(url: str, *, timeout: float | None = None, allow_private: bool = False) -> tuple[bool, str]:
    """(ok, a short reason when not ok) — `govportal.core.linkcheck.check_url` with this
    area's timeout."""
    timeout = timeout if timeout is not None else settings.GOVPORTAL_ENTERPRISE_LINK_TIMEOUT
    result = linkcheck.check_url(url, timeout=timeout, allow_private=allow_private)
    return result.ok, result.error


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
