"""Working-day arithmetic on the calendar with statutory holidays and 调休 working days.

Contract:
- ``is_working_day(d)``: an override wins; otherwise Monday–Friday.
- ``add_working_days(start, n)``: the n-th working day after ``start`` (``start`` itself is
  not counted, as a legal clock starts the day after receipt); ``n == 0`` returns ``start``.
- ``working_days_between(a, b)``: the number of working days d with a < d <= b (negative
  when b < a), so ``working_days_between(s, add_working_days(s, n)) == n``.
- ``provisional_years_between(a, b)``: the years in [a, b] whose holidays are not yet
  confirmed by the State Council notice (or not seeded at all).

The functions read a ``WorkCalendar`` snapshot loaded from the database and kept per
process. ``invalidate()`` (called by the calendar actions) drops it here and bumps a
version in the shared cache, which other processes (web, workers) check every few seconds.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import date, timedelta

from govportal.core.calendar_models import CalendarDay, CalendarYear, DayKind, YearStatus


@dataclass(frozen=True)
class WorkCalendar:
    overrides: dict[date, bool] = field(default_factory=dict)
    confirmed_years: frozenset[int] = frozenset()

    def is_working_day(self, d: date) -> bool:
        override = self.overrides.get(d)
        if override is not None:
            return override
        return d.weekday() < 5

    def add_working_days(self, start: date, n: int) -> date:
        if n < 0:
            raise ValueError("n must be >= 0")
        d = start
        while n:
            d += timedelta(days=1)
            if self.is_working_day(d):
                n -= 1
        return d

    def working_days_between(self, a: date, b: date) -> int:
        if b < a:
            return -self.working_days_between(b, a)
        count = 0
        d = a
        while d < b:
            d += timedelta(days=1)
            if self.is_working_day(d):
                count += 1
        return count

    def provisional_years_between(self, a: date, b: date) -> list[int]:
        lo, hi = sorted((a.year, b.year))
        return [y for y in range(lo, hi + 1) if y not in self.confirmed_years]


_VERSION_KEY = "govportal:calendar:version"
_CHECK_EVERY = 5.0  # seconds between looks at the shared version
_lock = threading.Lock()
_state: dict[str, object] = {"calendar": None, "version": None, "checked": 0.0}


def load() -> WorkCalendar:
    overrides = {d: kind == DayKind.WORKDAY for d, kind in CalendarDay.objects.values_list("date", "kind")}
    confirmed = frozenset(CalendarYear.objects.filter(status=YearStatus.CONFIRMED).values_list("year", flat=True))
    return WorkCalendar(overrides=overrides, confirmed_years=confirmed)


def current() -> WorkCalendar:
    from django.core.cache import cache

    with _lock:
        now = time.monotonic()
        if _state["calendar"] is not None and now - float(_state["checked"]) < _CHECK_EVERY:
            return _state["calendar"]  # type: ignore[return-value]
        version = cache.get(_VERSION_KEY)
        if _state["calendar"] is None or version != _state["version"]:
            _state["calendar"] = load()
            _state["version"] = version
        _state["checked"] = now
        return _state["calendar"]  # type: ignore[return-value]


def invalidate() -> None:
    from django.core.cache import cache

    with _lock:
        _state["calendar"] = None
        cache.set(_VERSION_KEY, time.time_ns(), timeout=None)


def is_working_day(d: date, *, calendar: WorkCalendar | None = None) -> bool:
    return (calendar or current()).is_working_day(d)


def add_working_days(start: date, n: int, *, calendar: WorkCalendar | None = None) -> date:
    return (calendar or current()).add_working_days(start, n)


def working_days_between(a: date, b: date, *, calendar: WorkCalendar | None = None) -> int:
    return (calendar or current()).working_days_between(a, b)


def provisional_years_between(a: date, b: date, *, calendar: WorkCalendar | None = None) -> list[int]:
    return (calendar or current()).provisional_years_between(a, b)


NOTICE_MONTH = 11  # the State Council notice for next year usually comes in November


def notice_pending(today: date) -> int | None:
    """The year whose State Council notice the information office should enter now: next
    year, from 1 November, while it is not confirmed (None otherwise)."""
    if today.month < NOTICE_MONTH:
        return None
    year = today.year + 1
    if CalendarYear.objects.filter(year=year, status=YearStatus.CONFIRMED).exists():
        return None
    return year
