"""Background jobs of 协同办公: the daily retention purge (`OFFICE_RETENTION_YEARS`).
Reply clocks and overdue reminders are the kernel's (its hourly deadline sweep)."""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from govportal.core.scheduler import periodic


@task()
def purge_expired_documents() -> int:
    from govportal.office.actions import office_purge  # cycle: actions → tasks via apps.ready

    return office_purge()


@periodic("office_purge", every=timedelta(days=1))
def _enqueue_purge() -> object:
    return purge_expired_documents.enqueue()
