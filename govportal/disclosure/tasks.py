"""Periodic: lapsed correction periods and consultations past 15 WD (see
`actions.disclosure_requests_sweep`)."""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from govportal.core.scheduler import periodic
from govportal.disclosure.actions import disclosure_requests_sweep


@task()
def sweep_disclosure_requests() -> dict:
    return disclosure_requests_sweep()


@periodic("disclosure_request_sweep", every=timedelta(hours=1))
def _enqueue_sweep() -> object:
    return sweep_disclosure_requests.enqueue()
