"""Every write to cases: creation (tracking number + query code), the one transition
function, deadline recomputation and the overdue sweep. Notifications go to the outbox in
the same transaction as the event that causes them."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import date, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from govportal.core import calendar, rows
from govportal.core.cases import deadlines, workflow
from govportal.core.cases.models import ActorKind, Case, CaseEvent, OverdueLevel, PendingQueryCode, TrackingSequence
from govportal.core.errors import Conflict, InvalidInput, NotAllowed
from govportal.core.outbox.actions import outbox_put

# No 0/O, 1/I/L: the code is read out over the phone and typed by elderly citizens.
QUERY_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
QUERY_CODE_LENGTH = 8


def hash_query_code(tracking_number: str, code: str) -> str:
    # A keyed hash, not a password hash: the code is random (8 of 31 symbols ≈ 40 bits) and
    # lookups are rate-limited, so a slow KDF would only slow every citizen's lookup.
    normalized = code.strip().upper()
    return salted_hmac("govportal.cases.query_code", f"{tracking_number}:{normalized}", algorithm="sha256").hexdigest()


ADVISORY_NAMESPACE = 0x6770  # first key of our advisory locks ("gp")

# (prefix, day) → the lowest shard that may still have numbers, in this process: shards fill
# from 0 up, and a shard found full stays full (its count only grows), so a busy day's
# creations do not retry every used-up shard one statement at a time. Learnt once per shard.
_first_open: dict[tuple[str, date], int] = {}


def forget_full_shards() -> None:
    """Tests: a rolled-back transaction can empty a shard again."""
    _first_open.clear()


def _next_sequence(prefix: str, day: date) -> int:
    """The next number of this prefix and day, unique under any concurrency.

    The row lock an increment takes lasts until the creating transaction commits — the
    whole submission. With one counter row, concurrent submissions of one type would run one
    at a time. On PostgreSQL the numbers of a day come from `TrackingSequence.SHARDS` rows:
    one statement claims the lowest shard no open transaction holds (a non-blocking advisory
    lock, released at commit like the row lock, tried shard by shard until one is got) and
    increments only that row; only when all shards are held does it wait for one. Without
    contention every number comes from shard 0. SQLite serialises writers anyway: one
    upsert on shard 0."""
    table = TrackingSequence._meta.db_table
    size, shards = TrackingSequence.SHARD_SIZE, TrackingSequence.SHARDS
    upsert = (
        f"INSERT INTO {table} (prefix, day, shard, last) SELECT %s, %s, shard, 1 FROM pick "
        f"ON CONFLICT (prefix, day, shard) DO UPDATE SET last = {table}.last + 1 RETURNING shard, last"
    )
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(
                f"INSERT INTO {table} (prefix, day, shard, last) VALUES (%s, %s, 0, 1) "
                f"ON CONFLICT (prefix, day, shard) DO UPDATE SET last = {table}.last + 1 RETURNING last",
                [prefix, day.isoformat()],
            )
            return cursor.fetchone()[0]
        key = f"{prefix}:{day}:"
        start = _first_open.get((prefix, day), 0)
        while start < shards:
            # The LIMIT stops the scan at the first lock got: no other shard is locked.
            cursor.execute(
                "WITH pick AS (SELECT s AS shard FROM generate_series(%s, %s) AS s "
                "WHERE pg_try_advisory_xact_lock(%s, hashtext(%s || s::text)) LIMIT 1) " + upsert,
                [start, shards - 1, ADVISORY_NAMESPACE, key, prefix, day],
            )
            row = cursor.fetchone()
            if row is None:
                # Every shard from `start` on is held: wait for one (spread by backend).
                shard = start + connection.connection.info.backend_pid % (shards - start)
                cursor.execute(
                    "WITH pick AS (SELECT %s::int AS shard FROM (SELECT pg_advisory_xact_lock(%s, hashtext(%s))) AS l) "
                    + upsert,
                    [shard, ADVISORY_NAMESPACE, f"{key}{shard}", prefix, day],
                )
                row = cursor.fetchone()
            shard, last = row
            if last <= size:
                return shard * size + last
            # This shard's numbers are used up today (before this statement: it counted past
            # the end under our lock, so the full count was already committed). Below `start`
            # every shard is known full; the ones skipped between were only held by others.
            if shard == start:
                if len(_first_open) > 256:  # earlier days and other prefixes
                    _first_open.clear()
                _first_open[(prefix, day)] = shard + 1
            start = shard + 1
    raise Conflict("今日该类办件编号已用完，请联系网站管理员")


def _log(
    case: Case,
    *,
    type: str,
    label: str,
    actor,
    actor_kind: str,
    from_state: str = "",
    to_state: str = "",
    payload: dict | None = None,
    public: bool = False,
    at=None,
) -> CaseEvent:
    event = CaseEvent(
        case=case,
        type=type,
        label=label,
        actor=actor,
        actor_kind=actor_kind,
        from_state=from_state,
        to_state=to_state,
        payload=payload or {},
        is_public=public,
        created_at=at or timezone.now(),
    )
    rows.insert(event)
    return event


def _notify(case: Case, event: CaseEvent, notify: Sequence[dict]) -> None:
    fields = {"tracking_number": case.tracking_number, "title": case.title, "due_date": case.due_date or ""}
    for i, spec in enumerate(notify):
        outbox_put(
            key=f"case:{case.pk}:event:{event.pk}:{i}",
            channel=spec["channel"],
            recipient=spec["recipient"],
            subject=spec.get("subject", "").format_map(fields),
            body=spec.get("body", "").format_map(fields),
            payload=spec.get("payload", {}),
            case=case,
        )


def _recompute(
    case: Case,
    case_type: workflow.CaseType,
    cal: calendar.WorkCalendar,
    *,
    events: list[deadlines.EventView] | None = None,
    thresholds: tuple[int, int] | None = None,
) -> None:
    """Set the case's due date, explanation and overdue level from its events (read from
    the database unless given) and the calendar."""
    rule = case_type.rule_for(case.state) if case.is_open else None
    if rule is None:
        case.due_date, case.due_explanation, case.overdue_level = None, "", OverdueLevel.ON_TIME
        return
    if events is None:
        events = [
            deadlines.EventView(type=e.type, on=deadlines.local_date(e.created_at), payload=e.payload)
            for e in case.events.order_by("created_at", "id")
        ]
    result = deadlines.compute(rule, events, cal)
    case.due_date, case.due_explanation = result.due, result.explanation
    if thresholds is not None:
        warning_days, red_days = thresholds
    elif case.pk is None:  # not saved yet: no per-case lookup can find it
        warning_days, red_days = case_type.warning_days, case_type.red_days
    else:
        warning_days, red_days = case_type.overdue_days(case)
    case.overdue_level = deadlines.overdue_level(
        result.due, timezone.localdate(), cal, warning_days=warning_days, red_days=red_days
    )


# No savepoint when nested (the submission's own transaction): an error here fails the whole
# submission anyway, and a savepoint is two more round trips.
@transaction.atomic(savepoint=False)
def case_create(
    *,
    case_type: str,
    actor,
    actor_kind: str = ActorKind.CITIZEN,
    agency=None,
    title: str = "",
    payload: dict | None = None,
    notify: Sequence[dict] = (),
    thresholds: tuple[int, int] | None = None,
) -> tuple[Case, str]:
    """Create a case; return it and its query code (shown to the citizen once, never stored).

    Every citizen submission runs this, so it costs four statements: the number, the case
    (its clock computed before the insert, from the one event it will have), the event and
    the outbox messages. ``thresholds`` (warning, red-card days) is for case types whose
    thresholds depend on the case, which does not exist yet for their lookup."""
    ct = workflow.get(case_type)
    now = timezone.now()
    today = timezone.localdate(now)
    seq = _next_sequence(ct.prefix, today)
    tracking_number = f"{ct.prefix}{today:%Y%m%d}-{seq:05d}"
    code = _new_query_code()
    case = Case(
        case_type=ct.key,
        tracking_number=tracking_number,
        query_code_hash=hash_query_code(tracking_number, code),
        agency=agency,
        title=title[:200],
        state=ct.initial_state,
        is_open=ct.initial_state not in ct.closed_states,
    )
    first = deadlines.EventView(type="create", on=deadlines.local_date(now), payload=payload or {})
    _recompute(case, ct, calendar.current(), events=[first], thresholds=thresholds)
    rows.insert(case)
    event = _log(
        case,
        type="create",
        label="提交",
        actor=actor,
        actor_kind=actor_kind,
        to_state=ct.initial_state,
        payload=payload,
        public=True,
        at=now,
    )
    _notify(case, event, notify)
    return case, code


@transaction.atomic
def case_transition(
    *,
    case: Case,
    name: str,
    actor,
    actor_kind: str,
    payload: dict | None = None,
    notify: Sequence[dict] = (),
) -> CaseEvent:
    """The one way a case changes state: lock, check the table, log, recompute the clock."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    ct = workflow.get(locked.case_type)
    transition = ct.transition(name)
    if transition is None or locked.state not in transition.sources:
        raise Conflict("该办件当前状态不能进行此操作")
    if actor_kind not in transition.actors:
        raise NotAllowed("无权进行此操作")
    payload = dict(payload or {})
    rule = ct.rule_for(locked.state)
    if rule is not None and rule.extension_event == name:
        days = payload.get("days")
        if not isinstance(days, int) or days <= 0:
            raise InvalidInput("请填写延期天数", field="days")
        views = [
            deadlines.EventView(e.type, deadlines.local_date(e.created_at), e.payload) for e in locked.events.all()
        ]
        if deadlines.extension_used(rule, views) + days > rule.extension_ceiling:
            raise InvalidInput(f"延期累计不得超过 {rule.extension_ceiling} 个工作日", field="days")
    event = _log(
        locked,
        type=name,
        label=transition.label,
        actor=actor,
        actor_kind=actor_kind,
        from_state=locked.state,
        to_state=transition.target,
        payload=payload,
        public=transition.public,
    )
    was_open = locked.is_open
    locked.state = transition.target
    locked.is_open = transition.target not in ct.closed_states
    cal = calendar.current()
    if was_open and not locked.is_open:
        _record_close(locked, cal, at=event.created_at)
    elif locked.is_open and not was_open:  # reopened: it will be timed again when it closes
        locked.closed_at = locked.closed_due_date = locked.closed_on_time = locked.closed_working_days = None
    _recompute(locked, ct, cal)
    fields = ("state", "is_open", "due_date", "due_explanation", "overdue_level", "updated_at", *CLOSE_FIELDS)
    locked.save(update_fields=list(fields))
    _notify(locked, event, notify)
    for field in fields:
        setattr(case, field, getattr(locked, field))
    return event


CLOSE_FIELDS = ("closed_at", "closed_due_date", "closed_on_time", "closed_working_days")


def _record_close(case: Case, cal: calendar.WorkCalendar, *, at) -> None:
    """Keep what the published statistics need of a closing case (``stats.py``), before its
    clock is cleared: the due date in force now, whether it closed by it (no due date — a
    paused or never started clock — counts as on time) and the working days it took."""
    closed_on = deadlines.local_date(at)
    case.closed_at = at
    case.closed_due_date = case.due_date
    case.closed_on_time = case.due_date is None or closed_on <= case.due_date
    case.closed_working_days = cal.working_days_between(deadlines.local_date(case.created_at), closed_on)


def _new_query_code() -> str:
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(QUERY_CODE_LENGTH))


@transaction.atomic
def case_query_code_reset(*, case: Case, phone: str) -> None:
    """找回查询码: the old code cannot be read back (only its hash is kept), so a new one is
    sent by SMS to ``phone`` — the phone the citizen gave on the case, never one the asker
    names. The new code is pending (`PendingQueryCode`, valid for
    `QUERY_CODE_RECOVERY_HOURS`): the old code keeps working until the new one is first used,
    so asking for a code — which anyone who knows a tracking number can do — takes nothing
    from the citizen. A new request replaces an unused pending code. The event is internal."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    code = _new_query_code()
    hours = settings.GOVPORTAL_QUERY_CODE_RECOVERY_HOURS
    PendingQueryCode.objects.update_or_create(
        case=case,
        defaults={
            "code_hash": hash_query_code(case.tracking_number, code),
            "expires_at": timezone.now() + timedelta(hours=hours),
        },
    )
    event = _log(case, type="query_code_reset", label="重新发送查询码", actor=None, actor_kind=ActorKind.CITIZEN)
    outbox_put(
        key=f"case:{case.pk}:event:{event.pk}:code",
        channel="sms",
        recipient=phone,
        body=(
            f"您的办件 {case.tracking_number} 的新查询码：{code}，{hours} 小时内有效，使用后原查询码失效。"
            "如非本人操作，请忽略本短信，原查询码仍可使用。"
        ),
        case=case,
    )


@transaction.atomic
def case_query_code_promote(*, case: Case, pending: PendingQueryCode) -> None:
    """The citizen used a pending code: it becomes the case's code, the old one stops working."""
    Case.objects.filter(pk=case.pk).update(query_code_hash=pending.code_hash, updated_at=timezone.now())
    PendingQueryCode.objects.filter(pk=case.pk).delete()
    case.query_code_hash = pending.code_hash


@transaction.atomic
def case_add_event(
    *,
    case: Case,
    type: str,
    label: str,
    actor,
    actor_kind: str,
    payload: dict | None = None,
    public: bool = False,
    notify: Sequence[dict] = (),
) -> CaseEvent:
    """Append an event that does not change the state (a note, a link to another case, a
    reminder, a sub-task decision). The event type must not be one of the case type's
    transitions (those go through `case_transition`); the clock is recomputed, since an
    area's deadline rule may start, pause or restart on such an event."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    ct = workflow.get(locked.case_type)
    if ct.transition(type) is not None or type == "create":
        raise Conflict("状态变更须通过办理操作进行")
    event = _log(
        locked,
        type=type,
        label=label,
        actor=actor,
        actor_kind=actor_kind,
        payload=dict(payload or {}),
        public=public,
    )
    _recompute(locked, ct, calendar.current())
    locked.save(update_fields=["due_date", "due_explanation", "overdue_level", "updated_at"])
    _notify(locked, event, notify)
    for field in ("due_date", "due_explanation", "overdue_level", "updated_at"):
        setattr(case, field, getattr(locked, field))
    return event


def cases_recompute_deadlines(*, actor_id: int | None = None) -> int:
    """After a calendar change: recompute every open case's due date; log each change."""
    cal = calendar.current()
    changed = 0
    for pk in Case.objects.filter(is_open=True).values_list("pk", flat=True).iterator():
        with transaction.atomic():
            case = Case.objects.select_for_update().get(pk=pk)
            old_due, old_text = case.due_date, case.due_explanation
            _recompute(case, workflow.get(case.case_type), cal)
            if (case.due_date, case.due_explanation) == (old_due, old_text):
                continue
            CaseEvent.objects.create(
                case=case,
                type="deadline_recomputed",
                label="节假日安排调整，截止日期重新计算",
                actor_id=actor_id,
                actor_kind=ActorKind.SYSTEM,
                payload={
                    "old_due_date": old_due.isoformat() if old_due else None,
                    "new_due_date": case.due_date.isoformat() if case.due_date else None,
                    "explanation": case.due_explanation,
                },
                is_public=True,
                created_at=timezone.now(),
            )
            case.save(update_fields=["due_date", "due_explanation", "overdue_level", "updated_at"])
            changed += 1
    return changed


def cases_sweep_overdue(*, today: date | None = None) -> int:
    """Periodic: move open cases to their current overdue level; log each change."""
    cal = calendar.current()
    today = today or timezone.localdate()
    changed = 0
    for pk in Case.objects.filter(is_open=True, due_date__isnull=False).values_list("pk", flat=True).iterator():
        with transaction.atomic():
            case = Case.objects.select_for_update().get(pk=pk)
            ct = workflow.get(case.case_type)
            warning_days, red_days = ct.overdue_days(case)
            level = deadlines.overdue_level(case.due_date, today, cal, warning_days=warning_days, red_days=red_days)
            if level == case.overdue_level:
                continue
            _log(
                case,
                type="overdue_level",
                label=f"超期等级：{level.label}",
                actor=None,
                actor_kind=ActorKind.SYSTEM,
                payload={"from": case.overdue_level, "to": level.value},
            )
            case.overdue_level = level
            case.save(update_fields=["overdue_level", "updated_at"])
            changed += 1
    return changed
