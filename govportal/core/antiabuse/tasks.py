"""Daily prune of expired idempotency records."""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from govportal.core.antiabuse.idempotency import prune
from govportal.core.scheduler import periodic


@task()
def prune_idempotency_records() -> int:
    return prune()


@periodic("prune_idempotency_records", every=timedelta(days=1))
def _enqueue_prune() -> object:
    return prune_idempotency_records.enqueue()
