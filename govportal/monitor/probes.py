"""Reachability probes (网站可用性): an HTTP GET of a site's home page and its top-level column
pages from the server, as a reader's browser would ask for them.

The address probed is the page's public URL (its Wagtail Site's hostname and port; a
sub-site or village page under the portal's). With ``MONITOR_PROBE_BASE_URL`` set (e.g.
``http://127.0.0.1``: the front nginx on this machine) the request goes to that address
instead with the public host name in the ``Host`` header — the same virtual host, without
depending on the server's own DNS. A probe fails on a timeout (``MONITOR_PROBE_TIMEOUT``, 15
s by the national rule), a connection error or a 5xx answer; a redirect or a 4xx is an answer
(the site is up). Redirects are not followed: the site answered.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

from govportal.cluster.models import ColumnLayout, ColumnPage, SiteHomePage

USER_AGENT = "GovPortal-monitor/1 (+reachability probe)"


@dataclass(frozen=True)
class ProbeResult:
    url: str
    ok: bool
    status_code: int | None
    elapsed_ms: int
    error: str
    at: datetime


def probe_targets(site: SiteHomePage) -> list[str]:
    """The home page and its live top-level columns (no external links), at most
    ``MONITOR_PROBE_MAX_PAGES`` addresses."""
    urls = [site.get_full_url()]
    columns = ColumnPage.objects.child_of(site).live().public().exclude(layout=ColumnLayout.LINK).order_by("path")
    urls += [c.get_full_url() for c in columns]
    return [u for u in urls if u][: settings.GOVPORTAL_MONITOR_PROBE_MAX_PAGES]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # answered with a redirect: that is an answer


_OPENER = urllib.request.build_opener(_NoRedirect)


def _request(url: str) -> urllib.request.Request:
    base = settings.GOVPORTAL_MONITOR_PROBE_BASE_URL
    headers = {"User-Agent": USER_AGENT}
    if not base:
        return urllib.request.Request(url, headers=headers)
    public, via = urlsplit(url), urlsplit(base)
    target = urlunsplit((via.scheme, via.netloc, public.path or "/", public.query, ""))
    headers["Host"] = public.netloc
    return urllib.request.Request(target, headers=headers)


def probe(url: str, *, now: datetime) -> ProbeResult:
    timeout = settings.GOVPORTAL_MONITOR_PROBE_TIMEOUT
    started = time.monotonic()
    status, error = None, ""
    try:
        with _OPENER.open(_request(url), timeout=timeout) as response:  # noqa: S310 — our own sites' URLs
            status = response.status
            response.read(64 * 1024)  # the first bytes come, not only the headers
    except urllib.error.HTTPError as exc:
        status = exc.code
        if exc.code >= 500:
            error = f"HTTP {exc.code}"
    except TimeoutError:
        error = f"超时（{timeout} 秒）"
    except urllib.error.URLError as exc:
        reason = exc.reason
        error = f"超时（{timeout} 秒）" if isinstance(reason, TimeoutError) else f"连接失败：{reason}"
    except (OSError, ValueError, http.client.HTTPException) as exc:  # reset connection, bad status line
        error = f"连接失败：{exc}"
    elapsed = int((time.monotonic() - started) * 1000)
    return ProbeResult(url=url, ok=not error, status_code=status, elapsed_ms=elapsed, error=error[:300], at=now)


def probe_site(site: SiteHomePage, *, now: datetime) -> list[ProbeResult]:
    return [probe(url, now=now) for url in probe_targets(site)]
