"""Cases: tracking numbers, query codes, the append-only log, the transition table."""

from __future__ import annotations

import re
import threading
import time

from django.db import OperationalError, connection, transaction

import pytest

from govportal.core.cases.actions import case_create, case_transition
from govportal.core.cases.models import ActorKind, AppendOnlyError, Case, CaseEvent, TrackingSequence
from govportal.core.cases.selectors import TooManyAttempts, case_for_citizen
from govportal.core.errors import Conflict, NotAllowed, NotFound
from tests.core.casetypes import TEST_TYPE


def new_case(**kw):
    return case_create(case_type="test_request", actor=None, actor_kind=ActorKind.CITIZEN, title="申请公开某文件", **kw)


@pytest.mark.django_db
def test_tracking_number_has_prefix_date_and_sequence(time_machine):
    time_machine.move_to("2026-11-27 09:00 +0800")
    first, _ = new_case()
    second, _ = new_case()
    assert first.tracking_number == "YS20261127-00001"
    assert second.tracking_number == "YS20261127-00002"
    time_machine.move_to("2026-11-28 09:00 +0800")
    assert new_case()[0].tracking_number == "YS20261128-00001"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_concurrent_creations_get_fifty_distinct_numbers():
    # Real threads with their own connections. PostgreSQL runs them truly in parallel (the
    # CI stage with DATABASE_URL); SQLite's shared in-memory test database allows one
    # writer at a time, so there the creations are serialised by a lock.
    serial = threading.Lock() if connection.vendor == "sqlite" else None
    numbers, errors = [], []
    barrier = threading.Barrier(50)

    def connect():
        # A refused *connection* (too many clients while other tests hold theirs on CI's one
        # PostgreSQL) is retried; the creation itself never is.
        for attempt in range(100):
            try:
                connection.ensure_connection()
                return
            except OperationalError:
                connection.close()
                time.sleep(0.05 * (attempt % 10 + 1))

    def create():
        try:
            barrier.wait()
            connect()
            if serial:
                with serial:
                    case, _ = new_case()
            else:
                case, _ = new_case()
            numbers.append(case.tracking_number)
        except Exception as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=create) for _ in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(numbers) == 50 and len(set(numbers)) == 50
    # Concurrent creators on PostgreSQL draw from several shards (shard s: s*10000+1 …);
    # within each shard the numbers run on without a gap.
    by_shard: dict[int, list[int]] = {}
    for n in numbers:
        seq = int(n.split("-")[1])
        by_shard.setdefault((seq - 1) // TrackingSequence.SHARD_SIZE, []).append(seq)
    for shard, seqs in by_shard.items():
        start = shard * TrackingSequence.SHARD_SIZE
        assert sorted(seqs) == list(range(start + 1, start + len(seqs) + 1))
    assert 0 in by_shard
    if connection.vendor == "sqlite":
        assert sorted(int(n.split("-")[1]) for n in numbers) == list(range(1, 51))
    assert Case.objects.count() == 50


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite allows one writer at a time anyway")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_submission_in_progress_does_not_hold_up_the_next_number():
    """While one creation's transaction is still open (a citizen's submission writing its
    letter and attachments), another creation of the same type gets its number at once."""
    holding, release = threading.Event(), threading.Event()
    held = []

    def slow_submission():
        try:
            with transaction.atomic():
                held.append(new_case()[0].tracking_number)
                holding.set()
                release.wait(30)
        finally:
            connection.close()

    worker = threading.Thread(target=slow_submission)
    worker.start()
    try:
        assert holding.wait(30)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '2s'")  # waiting for the first would fail here
        with transaction.atomic():
            second, _ = new_case()
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()")
                own_locks = cursor.fetchone()[0]
    finally:
        release.set()
        worker.join()
    assert own_locks == 1  # the one statement tried shard 0, then locked shard 1 only
    assert held == [held[0]] and held[0].endswith("-00001")
    assert second.tracking_number.endswith(f"-{TrackingSequence.SHARD_SIZE + 1:05d}")
    third, _ = new_case()  # nobody holds shard 0 any more
    assert third.tracking_number.endswith("-00002")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="one counter on SQLite: no shards to use up")
@pytest.mark.django_db
def test_used_up_shards_are_skipped_and_remembered(time_machine):
    """A busy day fills shard 0, then 1 …: the next creation takes the first shard with
    numbers left, and later ones go to it straight away (one statement for the number, not
    one more per full shard); when every shard is full the citizen gets a clear refusal."""
    from django.test.utils import CaptureQueriesContext

    time_machine.move_to("2026-11-27 09:00 +0800")
    size, day = TrackingSequence.SHARD_SIZE, "2026-11-27"
    for shard in (0, 1, 2):
        TrackingSequence.objects.create(prefix="YS", day=day, shard=shard, last=size)
    first, _ = new_case()
    assert first.tracking_number == f"YS20261127-{3 * size + 1:05d}"
    with CaptureQueriesContext(connection) as queries:
        second, _ = new_case()
    assert second.tracking_number == f"YS20261127-{3 * size + 2:05d}"
    numbering = [q["sql"] for q in queries.captured_queries if TrackingSequence._meta.db_table in q["sql"]]
    assert len(numbering) == 1
    TrackingSequence.objects.filter(prefix="YS", day=day).update(last=size)
    TrackingSequence.objects.bulk_create(
        TrackingSequence(prefix="YS", day=day, shard=s, last=size) for s in range(4, TrackingSequence.SHARDS)
    )
    with pytest.raises(Conflict, match="编号已用完"):
        new_case()


@pytest.mark.django_db
def test_query_code_is_random_shown_once_and_stored_hashed():
    case, code = new_case()
    other, other_code = new_case()
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{8}", code) and code != other_code
    assert code not in case.query_code_hash and len(case.query_code_hash) == 64
    assert case_for_citizen(tracking_number=case.tracking_number, query_code=code.lower(), client="a") == case


@pytest.mark.django_db
def test_wrong_code_and_unknown_case_give_the_same_answer():
    case, _ = new_case()
    with pytest.raises(NotFound) as wrong:
        case_for_citizen(tracking_number=case.tracking_number, query_code="AAAAAAAA", client="a")
    with pytest.raises(NotFound) as unknown:
        case_for_citizen(tracking_number="YS20990101-00001", query_code="AAAAAAAA", client="b")
    assert wrong.value.message == unknown.value.message == "办件编号或查询码不正确"


@pytest.mark.django_db
def test_lookups_are_rate_limited_per_client(settings):
    settings.GOVPORTAL_CASE_LOOKUP_MAX_FAILURES_PER_CLIENT = 3
    case, code = new_case()
    for _ in range(3):
        with pytest.raises(NotFound):
            case_for_citizen(tracking_number="YS20990101-00001", query_code="X", client="10.0.0.9")
    with pytest.raises(TooManyAttempts):
        case_for_citizen(tracking_number=case.tracking_number, query_code=code, client="10.0.0.9")
    assert case_for_citizen(tracking_number=case.tracking_number, query_code=code, client="10.0.0.10") == case


@pytest.mark.django_db
def test_case_events_cannot_be_updated_or_deleted():
    case, _ = new_case()
    event = case.events.get()
    event.label = "改写"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        CaseEvent.objects.filter(case=case).update(label="x")
    with pytest.raises(AppendOnlyError):
        CaseEvent.objects.filter(case=case).delete()
    assert CaseEvent.objects.get(pk=event.pk).label == "提交"


PAIRS = [(state, t) for state in TEST_TYPE.states for t in TEST_TYPE.transitions]


@pytest.mark.django_db
@pytest.mark.parametrize(("state", "transition"), PAIRS, ids=[f"{s}-{t.name}" for s, t in PAIRS])
def test_transition_table_every_pair(state, transition):
    case, _ = new_case()
    Case.objects.filter(pk=case.pk).update(state=state)  # put the case in the state under test
    case.refresh_from_db()
    actor_kind = next(iter(transition.actors))
    payload = {"days": 5} if transition.name == "extend" else {}
    before = case.events.count()
    if state in transition.sources:
        event = case_transition(case=case, name=transition.name, actor=None, actor_kind=actor_kind, payload=payload)
        case.refresh_from_db()
        assert case.state == transition.target
        assert (event.from_state, event.to_state, event.type) == (state, transition.target, transition.name)
        assert event.is_public == transition.public
        assert case.is_open == (transition.target not in TEST_TYPE.closed_states)
        assert case.events.count() == before + 1
    else:
        with pytest.raises(Conflict):
            case_transition(case=case, name=transition.name, actor=None, actor_kind=actor_kind, payload=payload)
        case.refresh_from_db()
        assert case.state == state
        assert case.events.count() == before


@pytest.mark.django_db
def test_transition_by_wrong_actor_kind_is_refused_and_not_logged():
    case, _ = new_case()
    with pytest.raises(NotAllowed):
        case_transition(case=case, name="accept", actor=None, actor_kind=ActorKind.CITIZEN)
    assert case.events.count() == 1


@pytest.mark.django_db
def test_unknown_transition_is_a_conflict():
    case, _ = new_case()
    with pytest.raises(Conflict):
        case_transition(case=case, name="teleport", actor=None, actor_kind=ActorKind.CLERK)


@pytest.mark.django_db
def test_failed_transition_rolls_back_with_the_outer_transaction(django_user_model):
    clerk = django_user_model.objects.create_user("clerk", password="x")
    case, _ = new_case()
    with pytest.raises(RuntimeError), transaction.atomic():
        case_transition(case=case, name="accept", actor=clerk, actor_kind=ActorKind.CLERK)
        raise RuntimeError
    case.refresh_from_db()
    assert case.state == "submitted" and case.events.count() == 1


@pytest.mark.django_db
def test_added_event_keeps_the_state_and_is_logged(django_user_model):
    from govportal.core.cases.actions import case_add_event

    case, _ = new_case()
    case_transition(case=case, name="accept", actor=None, actor_kind=ActorKind.CLERK)
    clerk = django_user_model.objects.create_user("clerk-note")
    event = case_add_event(
        case=case,
        type="linked",
        label="已转为信件",
        actor=clerk,
        actor_kind=ActorKind.CLERK,
        payload={"tracking_number": "XJ20261201-00001"},
        public=True,
    )
    case.refresh_from_db()
    assert case.state == "accepted"
    assert (event.type, event.from_state, event.to_state, event.is_public) == ("linked", "", "", True)
    assert list(case.events.values_list("type", flat=True)) == ["create", "accept", "linked"]


@pytest.mark.django_db
def test_added_event_cannot_pose_as_a_transition():
    from govportal.core.cases.actions import case_add_event

    case, _ = new_case()
    with pytest.raises(Conflict):
        case_add_event(case=case, type="reply", label="答复", actor=None, actor_kind=ActorKind.CLERK)
    assert case.events.count() == 1


def test_cases_events_and_outbox_stay_out_of_wagtails_reference_index():
    # Added with the mailbox letters: every citizen submission saves these; indexing them
    # cost queries and a background task per save for a "usage" listing nobody reads.
    from wagtail.models import ReferenceIndex

    from govportal.core.cases.models import Case, CaseEvent, TrackingSequence
    from govportal.core.outbox.models import OutboxMessage

    for model in (Case, CaseEvent, TrackingSequence, OutboxMessage):
        assert not ReferenceIndex.model_is_indexable(model), model
