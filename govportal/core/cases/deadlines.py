"""Due dates computed from a deadline rule and the case's event log, with a one-line Chinese
explanation, e.g. "受理日 2026-11-27，20个工作日，第三方征求意见暂停 5 个工作日，截止 2027-01-04".

Pure functions of (rule, events, calendar): replaying the same log always gives the same
date, so a calendar change only needs a recompute.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from govportal.core.calendar import WorkCalendar
from govportal.core.cases.models import OverdueLevel
from govportal.core.cases.workflow import DeadlineRule


@dataclass(frozen=True)
class EventView:
    type: str
    on: date
    payload: dict


@dataclass(frozen=True)
class Deadline:
    due: date | None  # None while the clock is paused or not started
    explanation: str


def local_date(dt) -> date:
    return timezone.localtime(dt).date()


def extension_used(rule: DeadlineRule, events: Iterable[EventView]) -> int:
    used = 0
    for e in events:
        if rule.restart_events and e.type in rule.restart_events:
            used = 0
        if rule.extension_event and e.type == rule.extension_event:
            used += int(e.payload.get("days", 0))
    return used


def _effective_date(rule: DeadlineRule, e: EventView) -> date:
    """The day a start/restart event counts from: the event's own day, or (when the rule
    names a payload key) the date the event records, e.g. a letter's signed-for date."""
    if rule.date_key and e.payload.get(rule.date_key):
        try:
            return date.fromisoformat(str(e.payload[rule.date_key]))
        except ValueError:
            return e.on
    return e.on


def add_months(d: date, months: int) -> date:
    """The same day ``months`` calendar months later (the month's last day when it has no
    such day: 11-30 + 3 months = 02-28)."""
    month = d.month - 1 + months
    year, month = d.year + month // 12, month % 12 + 1
    return date(year, month, min(d.day, monthrange(year, month)[1]))


def _pause_end(pause, e: EventView, started: date) -> date:
    """The day a pause ended: the event's day, or the date its payload records (the last
    day of a consultation period closed by the sweep the day after), kept within
    [start of the pause, the event's day]."""
    if pause.end_date_key and e.payload.get(pause.end_date_key):
        try:
            recorded = date.fromisoformat(str(e.payload[pause.end_date_key]))
        except ValueError:
            return e.on
        return min(max(recorded, started), e.on)
    return e.on


def compute(rule: DeadlineRule, events: Iterable[EventView], cal: WorkCalendar) -> Deadline:
    unit = "个工作日" if rule.working_days else "日"
    spaced_unit = " 个工作日" if rule.working_days else " 日"
    start: date | None = None
    start_label = rule.start_label
    days = rule.days
    pauses: list[tuple[str, int]] = []
    open_pause: tuple[str, date] | None = None
    extension = delay = 0
    pause_by_start = {p.start: p for p in rule.pauses}
    pause_ends = {p.end: p for p in rule.pauses}

    def span(a: date, b: date) -> int:
        return cal.working_days_between(a, b) if rule.working_days else (b - a).days

    for e in events:
        if e.type == rule.start_event and start is None or e.type in rule.restart_events:
            start = _effective_date(rule, e)
            start_label = rule.start_label if e.type == rule.start_event else rule.restart_label
            pauses, open_pause, extension, delay = [], None, 0, 0
            # A per-case limit on the (re)starting event replaces ``days``; a restart that
            # carries none restarts the limit already in force.
            own = e.payload.get(rule.days_key) if rule.days_key else None
            if isinstance(own, int) and not isinstance(own, bool) and own > 0:
                days = own
        elif start is None:
            continue
        elif e.type in pause_by_start and open_pause is None:
            open_pause = (pause_by_start[e.type].label, e.on)
        elif e.type in pause_ends and open_pause is not None and open_pause[0] == pause_ends[e.type].label:
            end_on = _pause_end(pause_ends[e.type], e, open_pause[1])
            pauses.append((open_pause[0], span(open_pause[1], end_on)))
            open_pause = None
        elif rule.extension_event and e.type == rule.extension_event:
            extension += int(e.payload.get("days", 0))
        elif rule.delay_event and e.type == rule.delay_event:
            delay += int(e.payload.get("days", 0))

    if start is None:
        return Deadline(None, "")
    parts = [f"{start_label} {start:%Y-%m-%d}", f"{days}{unit}"]
    parts += [f"{label}暂停 {n}{spaced_unit}" for label, n in pauses]
    if extension:
        parts.append(f"经批准延期 {extension}{spaced_unit}")
    if delay:
        parts.append(f"确定延迟答复 {delay}{spaced_unit}")
    if open_pause is not None:
        parts.append(f"{open_pause[0]}自 {open_pause[1]:%Y-%m-%d} 起暂停计时")
        return Deadline(None, "，".join(parts))
    total = days + sum(n for _, n in pauses) + extension + delay
    due = cal.add_working_days(start, total) if rule.working_days else start + timedelta(days=total)
    if rule.cap_months:
        # From the start of this run of the clock (the receipt; a reopened letter is received
        # again), extensions included.
        ceiling = add_months(start, rule.cap_months)
        cap = ceiling
        while rule.working_days and not cal.is_working_day(cap) and cap > start:
            cap -= timedelta(days=1)  # the last working day within the ceiling
        if due > cap:
            since = rule.cap_label if start_label == rule.start_label else start_label
            parts.append(f"不超过{since}起{rule.cap_months}个月（{ceiling:%Y-%m-%d}）")
            due = cap
    parts.append(f"截止 {due:%Y-%m-%d}")
    text = "，".join(parts)
    provisional = cal.provisional_years_between(start, due) if rule.working_days else []
    if provisional:
        years = "、".join(f"{y}年" for y in provisional)
        text += f"（{years}节假日安排暂未经国务院通知确认，截止日期可能调整）"
    return Deadline(due, text)


def overdue_level(
    due: date | None, today: date, cal: WorkCalendar, *, warning_days: int, red_days: int
) -> OverdueLevel:
    """on time → warning (≤ warning_days working days left) → yellow (past due) → red
    (≥ red_days working days past due)."""
    if due is None:
        return OverdueLevel.ON_TIME
    if today > due:
        late = cal.working_days_between(due, today)
        return OverdueLevel.RED if late >= red_days else OverdueLevel.YELLOW
    if cal.working_days_between(today, due) <= warning_days:
        return OverdueLevel.WARNING
    return OverdueLevel.ON_TIME
