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


# --- next year's State Council notice ---------------------------------------------------------
KIND_WORDS = {"放假": DayKind.HOLIDAY, "休息": DayKind.HOLIDAY, "上班": DayKind.WORKDAY, "调休上班": DayKind.WORKDAY}
NOTICE_LINES_MAX = 60


def _parse_day(text: str, year: int, line_no: int) -> date:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"第 {line_no} 行：日期“{text.strip()}”应写成 YYYY-MM-DD", field="days") from None
    if day.year != year:
        raise InvalidInput(f"第 {line_no} 行：日期 {day:%Y-%m-%d} 不在 {year} 年", field="days")
    return day


def parse_notice_days(text: str, *, year: int) -> list[tuple[date, str, str]]:
    """The days of a State Council notice as the office types them, one line each:
    ``2027-02-06..2027-02-12 放假 春节`` (a range, or one date) or ``2027-02-14 上班 春节``.
    Returns [(date, kind, note)], sorted; refuses anything unclear with the line number."""
    rows: dict[date, tuple[str, str]] = {}
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not lines:
        raise InvalidInput("请逐行填写通知中的放假日期和调休上班日期", field="days")
    if len(lines) > NOTICE_LINES_MAX:
        raise InvalidInput(f"最多填写 {NOTICE_LINES_MAX} 行", field="days")
    for n, line in enumerate(lines, start=1):
        parts = line.replace("\u3000", " ").split()
        if len(parts) < 3 or parts[1] not in KIND_WORDS:
            raise InvalidInput(f"第 {n} 行应为“日期或日期..日期 放假/上班 节日名称”", field="days")
        span, kind, note = parts[0], KIND_WORDS[parts[1]], " ".join(parts[2:])[:80]
        first, _sep, last = span.partition("..")
        start = _parse_day(first, year, n)
        end = _parse_day(last, year, n) if last else start
        if end < start or (end - start).days > 15:
            raise InvalidInput(f"第 {n} 行：日期范围不正确", field="days")
        day = start
        while day <= end:
            if kind == DayKind.WORKDAY and day.weekday() < 5:
                raise InvalidInput(f"第 {n} 行：{day:%Y-%m-%d} 是工作日，无需登记调休上班", field="days")
            if day in rows:
                raise InvalidInput(f"第 {n} 行：{day:%Y-%m-%d} 重复", field="days")
            rows[day] = (kind, note if kind == DayKind.HOLIDAY else f"{note}调休上班")
            day = date.fromordinal(day.toordinal() + 1)
    if not any(kind == DayKind.HOLIDAY for kind, _note in rows.values()):
        raise InvalidInput("通知中至少应有一个放假日期", field="days")
    return [(d, kind, note) for d, (kind, note) in sorted(rows.items())]


@transaction.atomic
def calendar_year_enter_notice(*, actor: User | None, year: int, notice: str, days: str) -> CalendarYear:
    """The information office enters next year's State Council notice (国务院办公厅关于部分
    节假日安排的通知): its days replace every row of that year — the rule-estimated ones that
    ``seed_calendar`` put in, and any earlier entry — and the year becomes confirmed. Once
    committed every open case's due date and running timer is recomputed, each change
    logged on its case (``deadline_recomputed``)."""
    notice = (notice or "").strip()
    if not notice:
        raise InvalidInput("请填写国务院通知文号，例如：国办发明电〔2026〕X号", field="notice")
    if len(notice) > 100:
        raise InvalidInput("通知文号过长", field="notice")
    rows = parse_notice_days(days, year=year)
    source = f"{notice}（信息办录入）"[:200]
    CalendarDay.objects.filter(date__year=year).delete()
    CalendarDay.objects.bulk_create([CalendarDay(date=d, kind=k, note=n, source=source) for d, k, n in rows])
    obj, _ = CalendarYear.objects.update_or_create(
        year=year, defaults={"status": YearStatus.CONFIRMED, "notice": notice, "source": source}
    )
    calendar_changed(actor=actor)
    return obj
