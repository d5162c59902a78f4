"""One run of the cluster-wide link checker (daily through the scheduler, `manage.py
check_links`, and at the end of the demo load).

1. Collect every reference of the published pages (`collect.references`) and store them
   (`actions.links_found`): one ``LinkTarget`` per address, one ``LinkOccurrence`` per page.
2. Internal addresses are resolved without the network (`resolve.resolve_internal`), all of
   them, every run: it costs a few queries each.
3. External addresses are due when never checked, when the last check failed (so that
   ``MONITOR_LINK_FAILURES`` failures in a row take as many days), or when the last success
   is older than ``MONITOR_LINK_RECHECK_DAYS``; oldest first, at most
   ``MONITOR_LINK_MAX_PER_RUN`` per run (the rest waits for the next run). Politeness: the
   addresses of one host are checked one after the other by one worker, at least
   ``MONITOR_LINK_HOST_DELAY`` seconds apart; ``MONITOR_LINK_WORKERS`` hosts are checked in
   parallel; each request has the timeout of `govportal.core.linkcheck`. The network calls run
   in the worker threads, the results are written from the calling thread.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from govportal.core import linkcheck
from govportal.monitor.links import actions, collect
from govportal.monitor.links.models import LinkKind, LinkTarget
from govportal.monitor.links.resolve import resolve_internal


@dataclass
class RunSummary:
    occurrences: int = 0
    internal: int = 0
    external: int = 0
    broken: int = 0


def check_one(target: LinkTarget) -> linkcheck.LinkResult:
    if target.kind == LinkKind.INTERNAL:
        return resolve_internal(target.url)
    return linkcheck.check_url(target.url)


def due_external(now: datetime) -> list[LinkTarget]:
    fresh_until = now - timedelta(days=settings.GOVPORTAL_MONITOR_LINK_RECHECK_DAYS)
    return list(
        LinkTarget.objects.filter(kind=LinkKind.EXTERNAL)
        .filter(Q(checked_at__isnull=True) | Q(ok=False) | Q(checked_at__lt=fresh_until))
        .order_by("checked_at", "pk")[: max(0, settings.GOVPORTAL_MONITOR_LINK_MAX_PER_RUN)]
    )


def _check_host(
    targets: list[LinkTarget], sleep: Callable[[float], None], clock: Callable[[], float]
) -> list[tuple[int, linkcheck.LinkResult]]:
    """The addresses of one host, one at a time, ``MONITOR_LINK_HOST_DELAY`` seconds apart
    (after a request that went out: a refused address owes the host no pause)."""
    delay = settings.GOVPORTAL_MONITOR_LINK_HOST_DELAY
    results, last = [], None
    for target in targets:
        if last is not None:
            wait = delay - (clock() - last)
            if wait > 0:
                sleep(wait)
        result = linkcheck.check_url(target.url)
        results.append((target.pk, result))
        if result.requested:
            last = clock()
    return results


def run(
    *,
    now: datetime | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    only_hosts: Callable[[str], bool] | None = None,
) -> RunSummary:
    """One run. ``only_hosts`` limits the external requests to the hosts it accepts (the demo
    load checks only its reserved ``.invalid`` addresses, never the internet); the others wait
    for the next run."""
    now = now or timezone.now()
    summary = RunSummary(occurrences=actions.links_found(references=collect.references()))
    for target in LinkTarget.objects.filter(kind=LinkKind.INTERNAL).only("pk", "url", "kind"):
        actions.link_checked(target_id=target.pk, result=resolve_internal(target.url), now=now)
        summary.internal += 1
    by_host: OrderedDict[str, list[LinkTarget]] = OrderedDict()
    for target in due_external(now):
        if only_hosts is not None and not only_hosts(target.host):
            continue
        by_host.setdefault(target.host, []).append(target)
    workers = max(1, min(settings.GOVPORTAL_MONITOR_LINK_WORKERS, len(by_host) or 1))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="linkcheck") as pool:
        for results in pool.map(lambda targets: _check_host(targets, sleep, clock), by_host.values()):
            for target_id, result in results:
                actions.link_checked(target_id=target_id, result=result, now=now)
                summary.external += 1
    summary.broken = LinkTarget.objects.filter(broken=True).count()
    return summary
