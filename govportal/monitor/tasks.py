"""Background jobs of the self-check, on the scheduler (one run per period however many
workers) and fanned out per site through the task API:

- ``monitor_check`` every ``MONITOR_CHECK_MINUTES``: one ``check_site`` task per live site;
- ``monitor_probe`` every ``MONITOR_PROBE_MINUTES`` (48 a day by default: the national rule
  asks ≥ 20): one ``probe_site`` task per live site the reachability indicator applies to;
- ``monitor_probe_prune`` daily: probes older than ``MONITOR_PROBE_RETENTION_DAYS``.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

from django_tasks import task

from govportal.core.scheduler import periodic


@task()
def check_site(site_id: int) -> dict:
    from govportal.monitor.checks import check_site_id  # cycle: checks → actions → tasks at ready()

    return check_site_id(site_id)


@task()
def check_all_sites() -> int:
    from govportal.monitor.selectors import live_sites

    ids = list(live_sites().values_list("pk", flat=True))
    for site_id in ids:
        check_site.enqueue(site_id)
    return len(ids)


@task()
def probe_site(site_id: int) -> int:
    from govportal.monitor.checks import probe_site_id

    return probe_site_id(site_id)


@task()
def probe_all_sites() -> int:
    from govportal.monitor.indicators import indicator
    from govportal.monitor.selectors import live_sites

    reach = indicator("reachability")
    sites = live_sites().filter(kind__in=reach.kinds) if reach is not None and reach.kinds else live_sites()
    ids = list(sites.values_list("pk", flat=True))
    for site_id in ids:
        probe_site.enqueue(site_id)
    return len(ids)


@task()
def prune_probes() -> int:
    from govportal.monitor.actions import probes_prune

    return probes_prune()


@periodic("monitor_check", every=timedelta(minutes=settings.GOVPORTAL_MONITOR_CHECK_MINUTES))
def _enqueue_check() -> object:
    return check_all_sites.enqueue()


@periodic("monitor_probe", every=timedelta(minutes=settings.GOVPORTAL_MONITOR_PROBE_MINUTES))
def _enqueue_probe() -> object:
    return probe_all_sites.enqueue()


@periodic("monitor_probe_prune", every=timedelta(days=1))
def _enqueue_prune() -> object:
    return prune_probes.enqueue()
