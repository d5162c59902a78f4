"""Background jobs of 调查征集 (core/scheduler):

- ``participation_open_now`` every minute: a survey, draft, hearing or evaluation that opened
  or closed since the last run refreshes the pre-rendered home pages and /canyu/
  (`publishing.refresh_when_phases_change`).
"""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from govportal.core.scheduler import periodic
from govportal.participation import publishing


@task()
def refresh_open_now() -> bool:
    return publishing.refresh_when_phases_change()


@periodic("participation_open_now", every=timedelta(minutes=1))
def _enqueue_open_now() -> object:
    return refresh_open_now.enqueue()
