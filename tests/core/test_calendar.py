"""Working-day calendar: seeded 2026/2027 data, 调休 cases, property tests, admin edits."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govportal.core import calendar
from govportal.core.calendar import WorkCalendar
from govportal.core.calendar_actions import calendar_day_set, calendar_year_confirm
from govportal.core.calendar_models import CalendarDay, CalendarYear, DayKind, YearStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_calendar():
    calendar.invalidate()
    yield
    calendar.invalidate()


def test_2026_is_seeded_confirmed_and_2027_provisional():
    assert CalendarYear.objects.get(year=2026).status == YearStatus.CONFIRMED
    assert CalendarYear.objects.get(year=2026).notice == "国办发明电〔2025〕7号"
    assert CalendarYear.objects.get(year=2027).status == YearStatus.PROVISIONAL


@pytest.mark.parametrize(
    "day",
    # 2026 调休 working days per 国办发明电〔2025〕7号: weekends that are working days.
    [date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 5, 9), date(2026, 9, 20), date(2026, 10, 10)],
)
def test_2026_tiaoxiu_weekend_days_are_working_days(day):
    assert day.weekday() >= 5
    assert calendar.is_working_day(day)


def test_a_saturday_that_is_a_working_day_counts_in_the_clock():
    # Friday 2026-10-09 + 1 working day is Saturday 2026-10-10 (调休上班), not Monday.
    assert calendar.add_working_days(date(2026, 10, 9), 1) == date(2026, 10, 10)
    assert calendar.add_working_days(date(2026, 10, 9), 2) == date(2026, 10, 12)


def test_national_day_week_is_skipped():
    for d in range(1, 8):
        assert not calendar.is_working_day(date(2026, 10, d))
    # Wednesday 30 September + 1 working day = Thursday 8 October.
    assert calendar.add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert calendar.working_days_between(date(2026, 9, 30), date(2026, 10, 10)) == 3
    # Sunday 20 September is a working day, so Friday 18th + 1 = Sunday 20th.
    assert calendar.add_working_days(date(2026, 9, 18), 1) == date(2026, 9, 20)


def test_spring_festival_2026_nine_days_off():
    off = [date(2026, 2, 15) + timedelta(days=i) for i in range(9)]
    assert not any(calendar.is_working_day(d) for d in off)
    assert calendar.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert calendar.add_working_days(date(2026, 2, 14), 1) == date(2026, 2, 24)


def test_provisional_years_are_reported():
    assert calendar.provisional_years_between(date(2026, 11, 27), date(2027, 1, 4)) == [2027]
    assert calendar.provisional_years_between(date(2026, 1, 1), date(2026, 12, 31)) == []


def test_calendar_change_takes_effect_after_action():
    assert calendar.is_working_day(date(2026, 12, 1))
    calendar_day_set(actor=None, day=date(2026, 12, 1), kind=DayKind.HOLIDAY, note="测试停工")
    assert not calendar.is_working_day(date(2026, 12, 1))


def test_confirming_a_year_needs_the_notice_number():
    from govportal.core.errors import InvalidInput

    with pytest.raises(InvalidInput):
        calendar_year_confirm(actor=None, year=2027, notice=" ")
    calendar_year_confirm(actor=None, year=2027, notice="国办发明电〔2026〕X号")
    assert calendar.provisional_years_between(date(2027, 1, 1), date(2027, 2, 1)) == []


def test_information_office_edits_day_in_admin_and_history_records_who(client, django_user_model):
    admin = django_user_model.objects.create_superuser("xinxiban", "x@example.cn", "pw-123456")
    client.force_login(admin)
    url = reverse("wagtailsnippets_core_calendarday:add")
    response = client.post(url, {"date": "2026-12-07", "kind": "holiday", "note": "地方性停工", "source": "市政府通知"})
    assert response.status_code == 302
    day = CalendarDay.objects.get(date=date(2026, 12, 7))
    assert not calendar.is_working_day(day.date)
    entry = ModelLogEntry.objects.for_instance(day).get()
    assert entry.user == admin and entry.action == "wagtail.create"
    history = client.get(reverse("wagtailsnippets_core_calendarday:history", args=[day.pk]))
    assert history.status_code == 200 and "xinxiban" in history.content.decode()


# --- properties, on random calendars and on the seeded one ---------------------------------

dates = st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31))
calendars = st.builds(
    lambda overrides: WorkCalendar(overrides=overrides),
    st.dictionaries(st.dates(min_value=date(2024, 12, 1), max_value=date(2029, 6, 30)), st.booleans(), max_size=80),
)


@given(cal=calendars, start=dates, n=st.integers(min_value=0, max_value=60))
def test_add_then_count_round_trips(cal, start, n):
    end = cal.add_working_days(start, n)
    assert cal.working_days_between(start, end) == n
    assert end >= start
    if n:
        assert cal.is_working_day(end)


@given(cal=calendars, start=dates, n=st.integers(min_value=0, max_value=40))
def test_add_working_days_is_monotonic(cal, start, n):
    assert cal.add_working_days(start, n) < cal.add_working_days(start, n + 1)


@given(cal=calendars, a=dates, b=dates, c=dates)
def test_working_days_between_is_additive_and_antisymmetric(cal, a, b, c):
    assert cal.working_days_between(a, b) == -cal.working_days_between(b, a)
    assert cal.working_days_between(a, c) == cal.working_days_between(a, b) + cal.working_days_between(b, c)


def test_seeded_calendar_properties():
    seeded = calendar.load()

    @settings(max_examples=200, deadline=None)
    @given(start=st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 11, 30)), n=st.integers(0, 30))
    def check(start, n):
        end = seeded.add_working_days(start, n)
        assert seeded.working_days_between(start, end) == n
        # A working day is a weekday not off, or a 调休 weekend day; never a listed holiday.
        if n:
            assert seeded.overrides.get(end, True)

    check()
