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

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from govportal.core import notify, rows
from govportal.core.outbox.models import Channel, OutboxMessage, Status
from govportal.core.outbox.tasks import deliver_due_outbox_messages

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
    """Add a message in the current transaction; delivery is woken once it commits.
    Putting the same key twice returns the first message (callers may retry safely).

    One statement (``INSERT … ON CONFLICT (key) DO NOTHING RETURNING id``) in the usual
    case: every citizen submission writes one of these, so a select-then-insert in a
    savepoint (four round trips) would be a fifth of the submission's database work."""
    if channel not in Channel.values:
        raise ValueError(f"unknown channel {channel}")
    now = timezone.now()
    message = OutboxMessage(
        key=key,
        channel=channel,
        recipient=recipient,
        subject=subject,
        body=body,
        payload=payload or {},
        case=case,
        next_attempt_at=now,
    )
    if not rows.insert(message, on_conflict="key"):
        return OutboxMessage.objects.get(key=key)
    transaction.on_commit(wake_delivery)
    return message


# Set while a delivery run is queued and not yet started: a flood of submissions queues one
# run, not one task per message. The run clears it before it looks for messages, so a
# message committed after that queues the next run; the retry sweep is the safety net.
PUMP_QUEUED_KEY = "outbox:delivery-queued"


def wake_delivery() -> None:
    try:
        queued_now = cache.add(PUMP_QUEUED_KEY, 1, timeout=int(BASE_DELAY.total_seconds()))
    except Exception:  # noqa: BLE001 — the cache down must not fail a committed submission
        logger.warning("outbox: cache unavailable; queueing a delivery run without the flag")
        queued_now = True  # a second run is harmless: runs skip each other's rows
    if queued_now:
        deliver_due_outbox_messages.enqueue()


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
        _record_failure(message_id, exc)
        return False
    with transaction.atomic():
        locked = OutboxMessage.objects.select_for_update().get(pk=message_id)
        locked.status = Status.SENT
        locked.sent_at = timezone.now()
        locked.last_error = ""
        locked.save(update_fields=["status", "sent_at", "last_error"])
    return True


def _claim_batch(now: datetime, limit: int) -> list[OutboxMessage]:
    """Claim up to ``limit`` due messages in one transaction: the same lease as `_claim`,
    skipping rows another worker holds (PostgreSQL; SQLite has one writer anyway)."""
    with transaction.atomic():
        batch = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(status=Status.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "pk")[:limit]
        )
        # One UPDATE per attempt count (in a flood: one), not bulk_update's CASE per row.
        by_attempts: dict[int, list[int]] = {}
        for message in batch:
            by_attempts.setdefault(message.attempts, []).append(message.pk)
            message.attempts += 1
            message.next_attempt_at = now + backoff(message.attempts)
        for attempts, ids in by_attempts.items():
            OutboxMessage.objects.filter(pk__in=ids).update(
                attempts=attempts + 1, next_attempt_at=now + backoff(attempts + 1)
            )
    return batch


def outbox_deliver_due(*, now: datetime | None = None, batch_size: int = 200, max_batches: int = 1000) -> int:
    """Deliver every due message, a batch at a time, until none is due: one claim and one
    "sent" update per batch instead of three transactions per message. Each message keeps
    `outbox_deliver`'s guarantees (lease before sending, key passed to the transport,
    failure recorded and retried by the sweep). Returns how many were attempted."""
    attempted = 0
    for _ in range(max_batches):
        batch = _claim_batch(now or timezone.now(), batch_size)
        if not batch:
            break
        attempted += len(batch)
        sent: list[int] = []
        for message in batch:
            try:
                _transport(message)
            except Exception as exc:  # noqa: BLE001 — as in outbox_deliver
                logger.warning("outbox %s attempt %s failed: %s", message.key, message.attempts, exc)
                _record_failure(message.pk, exc)
            else:
                sent.append(message.pk)
        OutboxMessage.objects.filter(pk__in=sent, status=Status.PENDING).update(
            status=Status.SENT, sent_at=timezone.now(), last_error=""
        )
    return attempted


def _record_failure(message_id: int, exc: Exception) -> None:
    with transaction.atomic():
        locked = OutboxMessage.objects.select_for_update().get(pk=message_id)
        locked.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        if locked.attempts >= MAX_ATTEMPTS:
            locked.status = Status.FAILED
        locked.save(update_fields=["last_error", "status"])


@transaction.atomic
def outbox_retry(*, actor, message_ids: list[int]) -> int:
    """Put failed messages back in the queue (admin action)."""
    count = OutboxMessage.objects.filter(pk__in=message_ids, status=Status.FAILED).update(
        status=Status.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
    logger.info("outbox retry of %s messages by %s", count, actor)
    transaction.on_commit(wake_delivery)
    return count
