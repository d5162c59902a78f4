"""Periodic jobs that run once per period however many workers run a scheduler.

Every worker process runs `tick()` every few seconds. A job fires when its period starts;
the first scheduler to insert the `PeriodicRun` row for (job, period) wins and enqueues
the task through the one task API (django-tasks); every other scheduler's insert hits the
unique constraint and does nothing. This works the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from govportal.core.models import PeriodicRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: timedelta
    enqueue: Callable[[], object]


_JOBS: dict[str, PeriodicJob] = {}


def periodic(name: str, every: timedelta) -> Callable[[Callable[[], object]], Callable[[], object]]:
    """Register ``fn`` (which enqueues a task) to fire once per ``every``."""

    def register(fn: Callable[[], object]) -> Callable[[], object]:
        _JOBS[name] = PeriodicJob(name=name, every=every, enqueue=fn)
        return fn

    return register


def registered_jobs() -> list[PeriodicJob]:
    return list(_JOBS.values())


def period_start(now: datetime, every: timedelta) -> datetime:
    seconds = int(every.total_seconds())
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds, tz=now.tzinfo)


def claim(job: PeriodicJob, now: datetime) -> bool:
    """Insert the (job, period) row. True only for the one scheduler that got it."""
    start = period_start(now, job.every)
    try:
        with transaction.atomic():
            PeriodicRun.objects.create(
                name=job.name, period_start=start, worker=f"{socket.gethostname()}:{os.getpid()}"
            )
    except IntegrityError:
        return False
    return True


def tick(now: datetime | None = None) -> list[str]:
    """Fire every job whose current period has not been claimed yet; return their names."""
    now = now or timezone.now()
    fired = []
    for job in registered_jobs():
        if claim(job, now):
            logger.info("periodic job %s fired", job.name)
            job.enqueue()
            fired.append(job.name)
    return fired
