"""Outbox delivery tasks and the periodic retry sweep. `deliver_outbox_message` (one
message) stays for tasks queued before delivery ran in batches."""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from govportal.core.scheduler import periodic


@task()
def deliver_outbox_message(message_id: int) -> bool:
    from govportal.core.outbox.actions import outbox_deliver  # cycle: core.outbox.actions → core.outbox.tasks

    return outbox_deliver(message_id)


@task()
def deliver_due_outbox_messages() -> int:
    """Woken on commit by `outbox_put` (one queued run however many messages arrive)."""
    from django.core.cache import cache

    from govportal.core.outbox.actions import (  # cycle: core.outbox.actions → core.outbox.tasks
        PUMP_QUEUED_KEY,
        outbox_deliver_due,
    )

    cache.delete(PUMP_QUEUED_KEY)  # before looking: a message committed from now on wakes the next run
    return outbox_deliver_due()


@task()
def retry_due_outbox_messages() -> int:
    from govportal.core.outbox.actions import outbox_deliver_due  # cycle: core.outbox.actions → core.outbox.tasks

    return outbox_deliver_due()


@periodic("outbox_retry", every=timedelta(minutes=1))
def _enqueue_retry() -> object:
    return retry_due_outbox_messages.enqueue()
