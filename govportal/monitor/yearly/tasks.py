"""Periodic: the daily reminder before the 31 January deadline (`actions.yearly_report_remind`).
The scheduler fires it once a day however many workers run; the outbox keys make each
message once even if it ran twice."""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from govportal.core.scheduler import periodic
from govportal.monitor.yearly.actions import yearly_report_remind


@task()
def remind_yearly_reports() -> int:
    return yearly_report_remind()


@periodic("monitor_yearly_report_remind", every=timedelta(days=1))
def _enqueue_remind() -> object:
    return remind_yearly_reports.enqueue()
