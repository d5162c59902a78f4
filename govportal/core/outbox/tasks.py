"""Outbox delivery task and the periodic retry sweep."""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from govportal.core.scheduler import periodic


@task()
def deliver_outbox_message(message_id: int) -> bool:
    from govportal.core.outbox.actions import outbox_deliver

    return outbox_deliver(message_id)


@task()
def retry_due_outbox_messages() -> int:
    from govportal.core.outbox.actions import outbox_deliver, outbox_due_ids

    ids = outbox_due_ids()
    for pk in ids:
        outbox_deliver(pk)
    return len(ids)


@periodic("outbox_retry", every=timedelta(minutes=1))
def _enqueue_retry() -> object:
    return retry_due_outbox_messages.enqueue()
