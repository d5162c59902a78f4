"""Writing and delivering outbox messages.

``outbox_put`` must be called inside the transaction that records the event, so the message
exists if and only if the event does. Delivery is at-least-once with an idempotency key:

1. claim: under a row lock, count the attempt and push ``next_attempt_at`` forward by the
   backoff (a lease: if this worker dies, the retry sweep picks the message up after it);
2. send through the transport with the message's ``key`` (no transaction held open);
3. mark sent under the row lock.

A worker killed between 2 and 3 makes the sweep send again with the same key, which the
transport de-duplicates; a worker killed before 2 loses nothing.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from govportal.core import notify
from govportal.core.outbox.models import Channel, OutboxMessage, Status

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
BASE_DELAY = timedelta(minutes=1)
MAX_DELAY = timedelta(hours=6)


def backoff(attempts: int) -> timedelta:
    return min(BASE_DELAY * (2 ** max(attempts - 1, 0)), MAX_DELAY)


def outbox_put(
    *,
    key: str,
    channel: str,
    recipient: str,
    subject: str = "",
    body: str = "",
    payload: dict | None = None,
    case=None,
) -> OutboxMessage:
    """Add a message in the current transaction; delivery is enqueued once it commits.
    Putting the same key twice returns the first message (callers may retry safely)."""
    if channel not in Channel.values:
        raise ValueError(f"unknown channel {channel}")
    message, created = OutboxMessage.objects.get_or_create(
        key=key,
        defaults={
            "channel": channel,
            "recipient": recipient,
            "subject": subject,
            "body": body,
            "payload": payload or {},
            "case": case,
            "next_attempt_at": timezone.now(),
        },
    )
    if created:
        transaction.on_commit(lambda: _enqueue(message.pk))
    return message


def _enqueue(message_id: int) -> None:
    from govportal.core.outbox.tasks import deliver_outbox_message

    deliver_outbox_message.enqueue(message_id)


def _transport(message: OutboxMessage) -> None:
    if message.channel == Channel.EMAIL:
        notify.send_email(key=message.key, to=message.recipient, subject=message.subject, body=message.body)
    elif message.channel == Channel.SMS:
        notify.send_sms(key=message.key, phone=message.recipient, text=message.body)
    else:
        notify.handoff(key=message.key, name=message.recipient, payload=message.payload)


def _claim(message_id: int, now: datetime) -> OutboxMessage | None:
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status != Status.PENDING or message.next_attempt_at > now:
            return None
        message.attempts += 1
        message.next_attempt_at = now + backoff(message.attempts)
        message.save(update_fields=["attempts", "next_attempt_at"])
        return message


def outbox_deliver(message_id: int, *, now: datetime | None = None) -> bool:
    """Try to deliver one message. True when it is sent (now or already)."""
    now = now or timezone.now()
    message = _claim(message_id, now)
    if message is None:
        return OutboxMessage.objects.filter(pk=message_id, status=Status.SENT).exists()
    try:
        _transport(message)
    except Exception as exc:  # noqa: BLE001 — any transport failure is retried, then shown in the admin
        logger.warning("outbox %s attempt %s failed: %s", message.key, message.attempts, exc)
        with transaction.atomic():
            locked = OutboxMessage.objects.select_for_update().get(pk=message_id)
            locked.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if locked.attempts >= MAX_ATTEMPTS:
                locked.status = Status.FAILED
            locked.save(update_fields=["last_error", "status"])
        return False
    with transaction.atomic():
        locked = OutboxMessage.objects.select_for_update().get(pk=message_id)
        locked.status = Status.SENT
        locked.sent_at = timezone.now()
        locked.last_error = ""
        locked.save(update_fields=["status", "sent_at", "last_error"])
    return True


def outbox_due_ids(*, now: datetime | None = None, limit: int = 500) -> list[int]:
    now = now or timezone.now()
    return list(
        OutboxMessage.objects.filter(status=Status.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )


@transaction.atomic
def outbox_retry(*, actor, message_ids: list[int]) -> int:
    """Put failed messages back in the queue (admin action)."""
    count = OutboxMessage.objects.filter(pk__in=message_ids, status=Status.FAILED).update(
        status=Status.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
    logger.info("outbox retry of %s messages by %s", count, actor)
    for pk in message_ids:
        transaction.on_commit(lambda pk=pk: _enqueue(pk))
    return count
