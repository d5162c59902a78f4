"""`rows.insert`: a new row written as `save(force_insert=True)` writes it, without the
ORM's per-call query building (used by every citizen submission)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models.signals import post_save, pre_save
from django.utils import timezone

import pytest

from govportal.core import rows
from govportal.core.cases.models import ActorKind, Case, CaseEvent
from govportal.core.outbox.models import OutboxMessage


@pytest.fixture
def signals():
    seen = []

    def before(sender, instance, **kwargs):
        seen.append(("pre", sender, instance.pk, kwargs["raw"]))

    def after(sender, instance, created, **kwargs):
        seen.append(("post", sender, instance.pk, created))

    pre_save.connect(before, dispatch_uid="test_rows_pre")
    post_save.connect(after, dispatch_uid="test_rows_post")
    yield seen
    pre_save.disconnect(dispatch_uid="test_rows_pre")
    post_save.disconnect(dispatch_uid="test_rows_post")


@pytest.mark.django_db
def test_insert_writes_what_save_writes_and_sends_the_same_signals(signals):
    case = Case(case_type="test_request", tracking_number="YS20261127-00001", query_code_hash="h", title="申请")
    assert rows.insert(case) is True
    assert case.pk is not None and not case._state.adding and case._state.db == "default"
    assert case.created_at is not None  # auto_now_add, as save() sets it
    at = timezone.now() - timedelta(minutes=5)
    event = CaseEvent(
        case=case, type="create", label="提交", actor_kind=ActorKind.CITIZEN, payload={"天数": 20}, created_at=at
    )
    rows.insert(event)
    stored = CaseEvent.objects.get(pk=event.pk)
    assert (stored.case_id, stored.type, stored.payload, stored.created_at, stored.actor_id) == (
        case.pk,
        "create",
        {"天数": 20},
        at,
        None,
    )
    assert Case.objects.get(pk=case.pk).created_at == case.created_at
    ours = [s for s in signals if s[1] in (Case, CaseEvent)]
    assert ours == [
        ("pre", Case, None, False),
        ("post", Case, case.pk, True),
        ("pre", CaseEvent, None, False),
        ("post", CaseEvent, event.pk, True),
    ]


@pytest.mark.django_db
def test_on_conflict_leaves_the_existing_row_and_says_so(signals):
    def message(body):
        return OutboxMessage(
            key="k1", channel="sms", recipient="13800000000", body=body, next_attempt_at=timezone.now()
        )

    first, again = message("第一条"), message("第二条")
    assert rows.insert(first, on_conflict="key") is True
    assert rows.insert(again, on_conflict="key") is False
    assert again.pk is None and again._state.adding
    assert list(OutboxMessage.objects.values_list("body", flat=True)) == ["第一条"]
    assert [s[0] for s in signals if s[1] is OutboxMessage] == ["pre", "post", "pre"]


@pytest.mark.django_db
def test_insert_refuses_an_object_that_has_a_primary_key():
    case = Case.objects.create(case_type="test_request", tracking_number="YS20261127-00002", query_code_hash="h")
    with pytest.raises(ValueError, match="new rows"):
        rows.insert(case)
    assert Case.objects.count() == 1


@pytest.mark.django_db
def test_insert_checks_related_objects_as_save_does():
    """An unsaved related object is refused (its id would be lost); one saved after it was
    assigned is picked up."""
    case = Case(case_type="test_request", tracking_number="YS20261127-00003", query_code_hash="h")
    event = CaseEvent(case=case, type="create", actor_kind=ActorKind.CITIZEN, created_at=timezone.now())
    with pytest.raises(ValueError, match="unsaved related object 'case'"):
        rows.insert(event)
    rows.insert(case)
    event = CaseEvent(case=case, type="create", actor_kind=ActorKind.CITIZEN, created_at=timezone.now())
    late = Case(case_type="test_request", tracking_number="YS20261127-00004", query_code_hash="h")
    event.case = late
    rows.insert(late)
    rows.insert(event)
    assert CaseEvent.objects.get(pk=event.pk).case_id == late.pk
