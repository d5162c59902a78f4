"""Case kernel background jobs: deadline recomputation after calendar changes and the
periodic deadline sweep (overdue levels)."""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from govportal.core.cases.actions import cases_recompute_deadlines, cases_sweep_overdue
from govportal.core.scheduler import periodic


@task()
def recompute_open_case_deadlines(actor_id: int | None = None) -> int:
    return cases_recompute_deadlines(actor_id=actor_id)


@task()
def sweep_overdue_levels() -> int:
    return cases_sweep_overdue()


@periodic("case_deadline_sweep", every=timedelta(hours=1))
def _enqueue_sweep() -> object:
    return sweep_overdue_levels.enqueue()
