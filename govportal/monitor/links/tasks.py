"""The daily run of the link checker (core/scheduler: one run per day however many workers)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import timedelta

from django_tasks import task

from govportal.core.scheduler import periodic
from govportal.monitor.links import checker


@task()
def check_links() -> dict:
    return asdict(checker.run())


@periodic("monitor_link_check", every=timedelta(days=1))
def _enqueue_link_check() -> object:
    return check_links.enqueue()
