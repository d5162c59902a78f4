"""Outbox: same-transaction writes, delivery, retries with backoff, crash safety."""

from __future__ import annotations

from datetime import timedelta

from django.core import mail
from django.db import transaction
from django.utils import timezone

import pytest

from govportal.core.cases.actions import case_create, case_transition
from govportal.core.cases.models import ActorKind
from govportal.core.outbox.actions import MAX_ATTEMPTS, outbox_deliver, outbox_put, outbox_retry
from govportal.core.outbox.models import OutboxMessage, Status
from govportal.core.outbox.tasks import retry_due_outbox_messages
from tests.core.casetypes import TEST_TYPE  # noqa: F401

pytestmark = pytest.mark.django_db


class WorkerKilled(BaseException):
    """Stands in for SIGKILL: not an Exception, so nothing in the worker catches it."""


class FakeGateway:
    """An SMS gateway that de-duplicates on the client reference, as real ones do."""

    received: dict[str, str] = {}
    calls: list[str] = []
    fail_next: list[BaseException] = []
    die_after_send = False

    def send(self, *, key, phone, text):
        FakeGateway.calls.append(key)
        if FakeGateway.fail_next:
            raise FakeGateway.fail_next.pop(0)
        FakeGateway.received.setdefault(key, text)
        if FakeGateway.die_after_send:
            FakeGateway.die_after_send = False
            raise WorkerKilled


@pytest.fixture(autouse=True)
def gateway(settings, time_machine):
    time_machine.move_to("2026-11-27 10:00 +0800", tick=False)
    settings.GOVPORTAL_SMS_BACKEND = "tests.core.test_outbox.FakeGateway"
    FakeGateway.received, FakeGateway.calls, FakeGateway.fail_next = {}, [], []
    FakeGateway.die_after_send = False
    return FakeGateway


def sms(key="k1"):
    return outbox_put(key=key, channel="sms", recipient="13800000000", body="您的申请已受理")


def test_message_is_written_with_the_event_and_delivered_after_commit(django_capture_on_commit_callbacks):
    case, _ = case_create(case_type="test_request", actor=None)
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(
            case=case,
            name="accept",
            actor=None,
            actor_kind=ActorKind.CLERK,
            notify=[{"channel": "sms", "recipient": "13800000000", "body": "{tracking_number} 已受理"}],
        )
    message = OutboxMessage.objects.get(case=case)
    assert message.status == Status.SENT
    assert list(FakeGateway.received.values()) == [f"{case.tracking_number} 已受理"]


def test_no_message_when_the_event_rolls_back():
    case, _ = case_create(case_type="test_request", actor=None)
    with pytest.raises(RuntimeError), transaction.atomic():
        case_transition(
            case=case,
            name="accept",
            actor=None,
            actor_kind=ActorKind.CLERK,
            notify=[{"channel": "sms", "recipient": "13800000000", "body": "已受理"}],
        )
        raise RuntimeError
    assert not OutboxMessage.objects.exists()


def test_email_goes_through_django_backend_with_key_as_message_id():
    message = outbox_put(key="case:1:event:2:0", channel="email", recipient="a@example.cn", subject="受理", body="b")
    assert outbox_deliver(message.pk)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"].startswith("<case:1:event:2:0@")


def test_same_key_twice_is_one_message():
    assert sms("dup").pk == sms("dup").pk
    assert OutboxMessage.objects.filter(key="dup").count() == 1


def test_failure_is_retried_with_backoff_then_sent(time_machine):
    FakeGateway.fail_next = [ConnectionError("gateway down")]
    message = sms()
    assert not outbox_deliver(message.pk)
    message.refresh_from_db()
    assert message.status == Status.PENDING and message.attempts == 1
    assert "gateway down" in message.last_error
    assert message.next_attempt_at - timezone.now() >= timedelta(seconds=59)
    assert retry_due_outbox_messages.call() == 0  # not due yet
    time_machine.shift(timedelta(minutes=2))
    assert retry_due_outbox_messages.call() == 1
    message.refresh_from_db()
    assert message.status == Status.SENT and message.attempts == 2
    assert list(FakeGateway.received) == ["k1"]


def test_worker_killed_after_sending_neither_loses_nor_duplicates(time_machine):
    message = sms()
    FakeGateway.die_after_send = True
    with pytest.raises(WorkerKilled):
        outbox_deliver(message.pk)
    message.refresh_from_db()
    assert message.status == Status.PENDING  # not marked: the worker died
    # Another worker starting now does not send it again while the lease runs…
    assert not outbox_deliver(message.pk)
    # …and the retry sweep picks it up afterwards, with the same idempotency key.
    time_machine.shift(timedelta(minutes=2))
    retry_due_outbox_messages.call()
    message.refresh_from_db()
    assert message.status == Status.SENT
    assert FakeGateway.calls == ["k1", "k1"]
    assert FakeGateway.received == {"k1": "您的申请已受理"}


def test_worker_killed_before_sending_loses_nothing(time_machine):
    message = sms()
    FakeGateway.fail_next = [WorkerKilled()]
    with pytest.raises(WorkerKilled):
        outbox_deliver(message.pk)
    assert FakeGateway.received == {}
    time_machine.shift(timedelta(minutes=2))
    retry_due_outbox_messages.call()
    message.refresh_from_db()
    assert message.status == Status.SENT and FakeGateway.received == {"k1": "您的申请已受理"}


def test_sent_message_is_never_sent_again():
    message = sms()
    assert outbox_deliver(message.pk)
    assert outbox_deliver(message.pk)
    assert FakeGateway.calls == ["k1"]


def test_message_fails_after_max_attempts_and_can_be_retried_from_admin(
    time_machine, django_capture_on_commit_callbacks
):
    message = sms()
    FakeGateway.fail_next = [ConnectionError("down")] * MAX_ATTEMPTS
    for _ in range(MAX_ATTEMPTS):
        outbox_deliver(message.pk)
        time_machine.shift(timedelta(hours=7))
    message.refresh_from_db()
    assert message.status == Status.FAILED and message.attempts == MAX_ATTEMPTS
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox_retry(actor=None, message_ids=[message.pk]) == 1
    message.refresh_from_db()
    assert message.status == Status.SENT


def test_a_new_message_is_one_statement(django_assert_num_queries):
    with django_assert_num_queries(1):
        sms("one-statement")


def test_many_messages_wake_one_delivery_run_that_sends_them_in_batches(
    settings, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    from django.core.cache import cache

    from govportal.core.outbox.actions import PUMP_QUEUED_KEY, outbox_deliver_due

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    cache.delete(PUMP_QUEUED_KEY)
    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(30):
            sms(f"flood-{i}")
    with django_capture_on_commit_callbacks(execute=True):
        sms("flood-late")  # the run is still queued: no second task
    queued = [r.task.name for r in default_task_backend.results]
    assert queued == ["deliver_due_outbox_messages"]
    # Delivering 31 messages in batches of 10: per batch a claim (savepoint, select, update,
    # release — the savepoint being the test's transaction) and one "sent" update, plus the
    # empty claim that ends the run; not three transactions per message.
    with django_assert_max_num_queries(4 * 5 + 3):
        assert outbox_deliver_due(batch_size=10) == 31
    assert OutboxMessage.objects.filter(status=Status.SENT).count() == 31
    assert len(FakeGateway.received) == 31


def test_the_queued_delivery_run_clears_its_flag_before_it_looks(settings, django_capture_on_commit_callbacks):
    """A message committed while a run is going (after it cleared the flag) queues the next."""
    from django.core.cache import cache

    from govportal.core.outbox.actions import PUMP_QUEUED_KEY
    from govportal.core.outbox.tasks import deliver_due_outbox_messages

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    cache.delete(PUMP_QUEUED_KEY)
    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sms("first")
    assert cache.get(PUMP_QUEUED_KEY)
    assert deliver_due_outbox_messages.call() == 1
    assert cache.get(PUMP_QUEUED_KEY) is None
    with django_capture_on_commit_callbacks(execute=True):
        sms("second")
    assert len(default_task_backend.results) == 2


def test_a_failing_message_in_a_batch_does_not_stop_the_others():
    from govportal.core.outbox.actions import outbox_deliver_due

    first, second = sms("b1"), sms("b2")
    FakeGateway.fail_next = [ConnectionError("gateway down")]
    assert outbox_deliver_due() == 2
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Status.PENDING and "gateway down" in first.last_error and first.attempts == 1
    assert second.status == Status.SENT


def test_a_cache_outage_still_queues_delivery(settings, django_capture_on_commit_callbacks, monkeypatch):
    from govportal.core.outbox import actions

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    default_task_backend.clear()

    def down(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(actions.cache, "add", down)
    with django_capture_on_commit_callbacks(execute=True):
        sms("cache-down")
    assert [r.task.name for r in default_task_backend.results] == ["deliver_due_outbox_messages"]
