"""The runner of the self-check: measure every registered indicator (``indicators.indicators()``
— the veto ones of ``veto.py`` and whatever other parts register) for one site and store the
results (``actions.result_record``: history and alarm on a change of state).

The scheduler fans the work out per site (``tasks.py``): one task per live site, so one slow
site does not hold the others and many workers share the run. ``monitor_check`` runs it now.
An indicator that raises is logged and skipped for this run: its last stored result stands
(storing "未检测" would make a state change, and an alarm, out of a bug)."""

from __future__ import annotations

import logging
from datetime import datetime

from django.utils import timezone

from govportal.cluster.models import SiteHomePage
from govportal.monitor import actions, indicators, probes, selectors

logger = logging.getLogger(__name__)


def check_site(site: SiteHomePage, *, now: datetime | None = None, actor=None) -> dict[str, str]:
    """Measure and store every indicator that applies to the site; {key: state}."""
    now = now or timezone.now()
    states = {}
    with selectors.one_run():
        for indicator in indicators.indicators():
            if not indicator.applies_to(site):
                continue
            try:
                measurement = indicator.measure(site, now)
            except Exception:  # noqa: BLE001 — one broken indicator must not stop the others
                logger.exception("monitor: indicator %s failed for site %s", indicator.key, site.pk)
                continue
            result, _change = actions.result_record(
                site=site, indicator=indicator, measurement=measurement, now=now, actor=actor
            )
            states[indicator.key] = result.state
    return states


def check_site_id(site_id: int, *, now: datetime | None = None) -> dict[str, str]:
    site = selectors.live_sites().filter(pk=site_id).first()
    return check_site(site, now=now) if site is not None else {}


def probe_site_id(site_id: int, *, now: datetime | None = None) -> int:
    site = selectors.live_sites().filter(pk=site_id).first()
    if site is None or not _probed(site):
        return 0
    results = probes.probe_site(site, now=now or timezone.now())
    return actions.probes_record(site=site, results=results)


def _probed(site: SiteHomePage) -> bool:
    reach = indicators.indicator("reachability")
    return reach is not None and reach.applies_to(site)
