"""Every write to cases: creation (tracking number + query code), the one transition
function, deadline recomputation, the overdue sweep and the extra clocks (`CaseTimer`).

After each logged event the kernel, in the same transaction: starts or stops the timers
the case type declares for that event, puts the notices it declares for it into the
outbox (`notifications.notify_event`) and, when the case's overdue level rose, the
reminder it declares for the new level (`notifications.case_remind`). ``notify=`` of the
actions below is for hand-offs to other areas (channel ``handoff``), not for texts."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from govportal.core import calendar, rows
from govportal.core.cases import deadlines, notifications, workflow
from govportal.core.cases.models import (
    ActorKind,
    Case,
    CaseEvent,
    CaseTimer,
    OverdueLevel,
    PendingQueryCode,
)
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


# The numbers' one home is `core.numbering`; these names stay for their old importers.
from govportal.core.numbering import _next_sequence, forget_full_shards, tracking_number_next  # noqa: E402, F401


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
    context: dict | None = None,
) -> tuple[Case, str]:
    """Create a case; return it and its query code (shown to the citizen once, never stored).

    Every citizen submission runs this, so it costs four statements: the number, the case
    (its clock computed before the insert, from the one event it will have), the event and
    the outbox messages. ``thresholds`` (warning, red-card days) is for case types whose
    thresholds depend on the case, which does not exist yet for their lookup."""
    ct = workflow.get(case_type)
    now = timezone.now()
    today = timezone.localdate(now)
    tracking_number = tracking_number_next(ct.prefix, today)
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
    _after_event(case, ct, event, context=context, old_level=OverdueLevel.ON_TIME)
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
    context: dict | None = None,
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
    if rule is not None and rule.refuse_moves_after_due and locked.due_date is not None:
        moves = {p.start: p.label for p in rule.pauses}
        if rule.extension_event:
            moves[rule.extension_event] = "延期"
        if name in moves and timezone.localdate() > locked.due_date:
            raise Conflict(
                f"{rule.step}期限已于 {locked.due_date:%Y-%m-%d} 届满，不能再{moves[name]}："
                f"延期和{'、'.join(p.label for p in rule.pauses) or '暂停计时'}都须在期限内提出，期限届满后按超期处理"
            )
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
    old_level = locked.overdue_level
    was_open = locked.is_open
    locked.state = transition.target
    locked.is_open = transition.target not in ct.closed_states
    cal = calendar.current()
    if was_open and not locked.is_open:
        _record_close(locked, cal, at=event.created_at)
    elif locked.is_open and not was_open:  # reopened: it will be timed again when it closes
        for field in CLOSE_FIELDS:
            setattr(locked, field, "" if field == "closed_overdue_level" else None)
    _recompute(locked, ct, cal)
    fields = ("state", "is_open", "due_date", "due_explanation", "overdue_level", "updated_at", *CLOSE_FIELDS)
    locked.save(update_fields=list(fields))
    _notify(locked, event, notify)
    _after_event(locked, ct, event, context=context, old_level=old_level)
    for field in fields:
        setattr(case, field, getattr(locked, field))
    return event


CLOSE_FIELDS = (
    "closed_at",
    "closed_due_date",
    "closed_on_time",
    "closed_working_days",
    "closed_late_days",
    "closed_overdue_level",
)


def _highest_level(case: Case, levels: Sequence[str]) -> str:
    """The highest overdue level among ``levels`` and those the case's log records (the
    sweep's ``overdue_level`` events, the reminders)."""
    seen = list(levels)
    for type_, payload in case.events.filter(type__in=("overdue_level", "reminder")).values_list("type", "payload"):
        seen.append((payload or {}).get("to" if type_ == "overdue_level" else "level", ""))
    return max(seen, key=lambda lv: notifications.LEVEL_ORDER.get(lv, 0), default=OverdueLevel.ON_TIME)


def _record_close(case: Case, cal: calendar.WorkCalendar, *, at) -> None:
    """Keep what the published statistics need of a closing case (``stats.py``), before its
    clock is cleared: the due date in force now, whether it closed by it (no due date — a
    paused or never started clock — counts as on time), the working days it took, how many
    working days late it was and the highest overdue level it reached (the level on the
    closing day counts: a late reply is at least a yellow card, even if no sweep ran)."""
    closed_on = deadlines.local_date(at)
    case.closed_at = at
    case.closed_due_date = case.due_date
    case.closed_on_time = case.due_date is None or closed_on <= case.due_date
    case.closed_working_days = cal.working_days_between(deadlines.local_date(case.created_at), closed_on)
    case.closed_late_days = 0 if case.closed_on_time else cal.working_days_between(case.due_date, closed_on)
    warning_days, red_days = workflow.get(case.case_type).overdue_days(case)
    at_close = deadlines.overdue_level(case.due_date, closed_on, cal, warning_days=warning_days, red_days=red_days)
    if case.closed_on_time:  # answered in time: a warning is not a card
        at_close = OverdueLevel.ON_TIME
    case.closed_overdue_level = _highest_level(case, [case.overdue_level, at_close])


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
        body=notifications.render(
            "core/notify/query_code_reset.txt", {"tracking_number": case.tracking_number, "code": code, "hours": hours}
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
    context: dict | None = None,
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
    old_level = locked.overdue_level
    _recompute(locked, ct, calendar.current())
    locked.save(update_fields=["due_date", "due_explanation", "overdue_level", "updated_at"])
    _notify(locked, event, notify)
    _after_event(locked, ct, event, context=context, old_level=old_level)
    for field in ("due_date", "due_explanation", "overdue_level", "updated_at"):
        setattr(case, field, getattr(locked, field))
    return event


def cases_recompute_deadlines(*, actor_id: int | None = None) -> int:
    """After a calendar change: recompute every open case's due date and every running
    timer's (`timers_recompute`); log each change. Returns the number of cases whose main
    due date changed."""
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
    timers_recompute(cal=cal, actor_id=actor_id)
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
            old_level = case.overdue_level
            case.overdue_level = level
            case.save(update_fields=["overdue_level", "updated_at"])
            _remind(case, old_level)
            changed += 1
    return changed


# --- after an event: timers, notices, reminders ---------------------------------------------
def _after_event(case: Case, ct: workflow.CaseType, event: CaseEvent, *, context: dict | None, old_level: str) -> None:
    _timers_on_event(case, ct, event)
    notifications.notify_event(case, event, context)
    _remind(case, old_level)


def _remind(case: Case, old_level: str) -> None:
    """The reminder the case type declares for the level the case just reached, with an
    internal event saying so when any message was put (not again for a level and due date
    already reminded: the outbox keys repeat, `case_remind` puts nothing new)."""
    before = notifications.LEVEL_ORDER.get(old_level, 0)
    if notifications.LEVEL_ORDER.get(case.overdue_level, 0) <= before:
        return
    sent = notifications.case_remind(case, old_level)
    if sent:
        level = OverdueLevel(case.overdue_level)
        _log(
            case,
            type="reminder",
            label=f"{level.label}提醒",
            actor=None,
            actor_kind=ActorKind.SYSTEM,
            payload={"level": level.value, "recipients": sent},
        )


# --- timers (extra clocks) ---------------------------------------------------------------------
def timer_due(
    rule_label: str, started_on: date, days: int | None, working_days: bool, cal: calendar.WorkCalendar
) -> tuple[date | None, str]:
    """A timer's due date and its one-line explanation, e.g. "征求意见自 2026-09-28 起
    15 个工作日，截止 2026-10-26"."""
    if days is None:
        return None, f"{rule_label}自 {started_on:%Y-%m-%d} 起"
    unit = "个工作日" if working_days else "日"
    due = cal.add_working_days(started_on, days) if working_days else started_on + timedelta(days=days)
    text = f"{rule_label}自 {started_on:%Y-%m-%d} 起 {days} {unit}，截止 {due:%Y-%m-%d}"
    provisional = cal.provisional_years_between(started_on, due) if working_days else []
    if provisional:
        years = "、".join(f"{y}年" for y in provisional)
        text += f"（{years}节假日安排暂未经国务院通知确认，截止日期可能调整）"
    return due, text[:300]


def _open_timer(
    case: Case,
    rule: workflow.TimerRule,
    *,
    started_on: date,
    days: int | None,
    event: CaseEvent | None,
    reason: str = "",
) -> CaseTimer:
    if CaseTimer.objects.filter(case=case, kind=rule.kind, stopped_on__isnull=True).exists():
        raise Conflict(f"{rule.label}正在计时")
    due, text = timer_due(rule.label, started_on, days, rule.working_days, calendar.current())
    timer = CaseTimer(
        case=case,
        kind=rule.kind,
        label=rule.label,
        started_on=started_on,
        days=days,
        working_days=rule.working_days,
        due_on=due,
        due_explanation=text,
        reason=reason[:500],
        start_event=event,
    )
    timer.save()
    return timer


def _close_timer(timer: CaseTimer, *, stopped_on: date, outcome: str, reason: str = "") -> CaseTimer:
    timer.stopped_on, timer.outcome = stopped_on, outcome[:40]
    if reason:
        timer.reason = reason[:500]
    timer.save(update_fields=["stopped_on", "outcome", "reason"])
    return timer


def _rule_days(rule: workflow.TimerRule, payload: dict) -> int | None:
    own = payload.get(rule.days_key) if rule.days_key else None
    if isinstance(own, int) and not isinstance(own, bool) and own > 0:
        return own
    return rule.days


def _rule_start(rule: workflow.TimerRule, payload: dict, on: date) -> date:
    """The day a timer counts from: the start event's day, or the date its payload records
    under the rule's ``date_key`` (e.g. the day a consultation letter was served)."""
    if rule.date_key and payload.get(rule.date_key):
        try:
            return date.fromisoformat(str(payload[rule.date_key]))
        except ValueError:
            return on
    return on


def _timers_on_event(case: Case, ct: workflow.CaseType, event: CaseEvent) -> None:
    """Stop the timers the event stops (or all, when the case closed), then start the ones
    it starts, counted from the event's day."""
    if not ct.timers:
        return
    on = deadlines.local_date(event.created_at)
    stopping = {r.kind for r in ct.timers if event.type in r.stop_events}
    starting = [r for r in ct.timers if event.type in r.start_events]
    if case.is_open and not stopping and not starting:
        return  # most events (and every creation): no query
    running = CaseTimer.objects.filter(case=case, stopped_on__isnull=True)
    if not case.is_open:
        for timer in running:
            _close_timer(timer, stopped_on=on, outcome=event.type if timer.kind in stopping else "closed")
    else:
        for timer in running.filter(kind__in=stopping):
            _close_timer(timer, stopped_on=on, outcome=event.type)
        for rule in starting:
            started_on = _rule_start(rule, event.payload, on)
            _open_timer(case, rule, started_on=started_on, days=_rule_days(rule, event.payload), event=event)


def _declared(case: Case, kind: str) -> workflow.TimerRule:
    rule = workflow.get(case.case_type).timer(kind)
    if rule is None:
        raise InvalidInput("该办件类型没有此类计时", field="kind")
    return rule


@transaction.atomic
def timer_start(
    *,
    case: Case,
    kind: str,
    actor,
    actor_kind: str,
    started_on: date | None = None,
    days: int | None = None,
    reason: str = "",
) -> CaseTimer:
    """Start an extra clock the case type declares (not tied to a transition): lock the
    case, store the timer with its due date, log a ``timer_start`` event."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    rule = _declared(locked, kind)
    if not locked.is_open:
        raise Conflict("办件已办结，不能开始计时")
    started_on = started_on or timezone.localdate()
    days = days if days is not None else rule.days
    if days is not None and (not isinstance(days, int) or isinstance(days, bool) or days <= 0):
        raise InvalidInput("请填写期限天数", field="days")
    event = _log(
        locked,
        type="timer_start",
        label=f"开始计时：{rule.label}",
        actor=actor,
        actor_kind=actor_kind,
        payload={"kind": kind, "started_on": started_on.isoformat(), "days": days, "reason": reason},
    )
    return _open_timer(locked, rule, started_on=started_on, days=days, event=event, reason=reason)


@transaction.atomic
def timer_stop(
    *,
    case: Case,
    kind: str,
    actor,
    actor_kind: str,
    outcome: str,
    reason: str = "",
    stopped_on: date | None = None,
) -> CaseTimer:
    """Stop the running timer of ``kind``; log a ``timer_stop`` event."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    rule = _declared(locked, kind)
    timer = CaseTimer.objects.select_for_update().filter(case=locked, kind=kind, stopped_on__isnull=True).first()
    if timer is None:
        raise Conflict(f"{rule.label}未在计时")
    stopped_on = stopped_on or timezone.localdate()
    _log(
        locked,
        type="timer_stop",
        label=f"结束计时：{rule.label}",
        actor=actor,
        actor_kind=actor_kind,
        payload={"kind": kind, "outcome": outcome, "stopped_on": stopped_on.isoformat(), "reason": reason},
    )
    return _close_timer(timer, stopped_on=stopped_on, outcome=outcome, reason=reason)


def timers_recompute(*, cal: calendar.WorkCalendar | None = None, actor_id: int | None = None) -> int:
    """After a calendar change: recompute every running timer's due date; log each change
    on its case (``timer_recomputed``). Returns how many changed."""
    cal = cal or calendar.current()
    changed = 0
    running = CaseTimer.objects.filter(stopped_on__isnull=True, days__isnull=False)
    for pk in running.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            case_id = CaseTimer.objects.filter(pk=pk).values_list("case_id", flat=True).first()
            case = Case.objects.select_for_update().filter(pk=case_id).first()
            timer = CaseTimer.objects.select_for_update().filter(pk=pk, stopped_on__isnull=True).first()
            if case is None or timer is None:
                continue
            due, text = timer_due(timer.label, timer.started_on, timer.days, timer.working_days, cal)
            if (due, text) == (timer.due_on, timer.due_explanation):
                continue
            CaseEvent.objects.create(
                case=case,
                type="timer_recomputed",
                label=f"节假日安排调整，{timer.label}截止日期重新计算",
                actor_id=actor_id,
                actor_kind=ActorKind.SYSTEM,
                payload={
                    "kind": timer.kind,
                    "old_due_date": timer.due_on.isoformat() if timer.due_on else None,
                    "new_due_date": due.isoformat() if due else None,
                    "explanation": text,
                },
                is_public=True,
                created_at=timezone.now(),
            )
            timer.due_on, timer.due_explanation = due, text
            timer.save(update_fields=["due_on", "due_explanation"])
            changed += 1
    return changed
