"""Periodic: the 错敏词 sweep of every published page (``wording_actions.wording_sweep``),
every ``MONITOR_WORDING_SWEEP_HOURS``; the scheduler runs it once per period however many
workers there are."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from django_tasks import task

from govportal.core.scheduler import periodic
from govportal.monitor.wording_actions import wording_sweep


@task()
def sweep_wording() -> dict:
    return wording_sweep(now=timezone.now())


@periodic("monitor_wording_sweep", every=timedelta(hours=settings.GOVPORTAL_MONITOR_WORDING_SWEEP_HOURS))
def _enqueue_sweep() -> object:
    return sweep_wording.enqueue()
