"""Writes to the working-day calendar. Every change invalidates the cached calendar and, once
committed, recomputes the stored due dates of every open case (each change logged on the case)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from govportal.core import calendar
from govportal.core.calendar_models import CalendarDay, CalendarYear, DayKind, YearStatus
from govportal.core.cases.tasks import recompute_open_case_deadlines
from govportal.core.errors import InvalidInput
from govportal.core.models import User


def calendar_changed(*, actor: User | None) -> None:
    """Call after any change to calendar rows (the admin hooks do)."""
    calendar.invalidate()

    def enqueue() -> None:
        recompute_open_case_deadlines.enqueue(actor_id=actor.pk if actor else None)

    transaction.on_commit(enqueue)


@transaction.atomic
def calendar_day_set(*, actor: User | None, day: date, kind: str, note: str = "", source: str = "") -> CalendarDay:
    if kind not in DayKind.values:
        raise InvalidInput("日期类型不正确", field="kind")
    obj, _ = CalendarDay.objects.update_or_create(date=day, defaults={"kind": kind, "note": note, "source": source})
    calendar_changed(actor=actor)
    return obj


@transaction.atomic
def calendar_day_clear(*, actor: User | None, day: date) -> None:
    CalendarDay.objects.filter(date=day).delete()
    calendar_changed(actor=actor)


@transaction.atomic
def calendar_year_confirm(*, actor: User | None, year: int, notice: str) -> CalendarYear:
    if not notice.strip():
        raise InvalidInput("确认年度安排须填写国务院通知文号", field="notice")
    obj, _ = CalendarYear.objects.update_or_create(
        year=year, defaults={"status": YearStatus.CONFIRMED, "notice": notice.strip()}
    )
    calendar_changed(actor=actor)
    return obj
