"""Deadlines: working-day clock with pauses, restarts, approved extensions, overdue levels,
and recomputation when the calendar changes."""

from __future__ import annotations

from datetime import date

import pytest

from govportal.core import calendar
from govportal.core.calendar_actions import calendar_day_set
from govportal.core.calendar_models import DayKind
from govportal.core.cases.actions import case_create, case_transition, cases_recompute_deadlines, cases_sweep_overdue
from govportal.core.cases.models import ActorKind, OverdueLevel
from govportal.core.errors import InvalidInput
from tests.core.casetypes import TEST_TYPE  # noqa: F401 — registers the test case type

pytestmark = pytest.mark.django_db
PROVISIONAL_2027 = "（2027年节假日安排暂未经国务院通知确认，截止日期可能调整）"


@pytest.fixture(autouse=True)
def _fresh_calendar():
    calendar.invalidate()
    yield
    calendar.invalidate()


def step(case, name, when, time_machine, actor_kind=ActorKind.CLERK, **payload):
    time_machine.move_to(f"{when} 10:00 +0800")
    case_transition(case=case, name=name, actor=None, actor_kind=actor_kind, payload=payload)
    case.refresh_from_db()
    return case


@pytest.fixture
def accepted(time_machine):
    time_machine.move_to("2026-11-27 09:00 +0800")
    case, _ = case_create(case_type="test_request", actor=None, title="申请")
    return step(case, "accept", "2026-11-27", time_machine)


def test_due_date_explains_itself_with_a_third_party_pause(accepted, time_machine):
    step(accepted, "consult", "2026-12-01", time_machine)
    assert accepted.due_date is None
    assert accepted.due_explanation.endswith("第三方征求意见自 2026-12-01 起暂停计时")
    step(accepted, "consulted", "2026-12-08", time_machine)
    assert accepted.due_date == date(2027, 1, 4)
    assert accepted.due_explanation == (
        "受理日 2026-11-27，20个工作日，第三方征求意见暂停 5 个工作日，截止 2027-01-04" + PROVISIONAL_2027
    )


def test_due_date_within_a_confirmed_year_has_no_provisional_note(time_machine):
    time_machine.move_to("2026-09-10 09:00 +0800")
    case, _ = case_create(case_type="test_request", actor=None)
    step(case, "accept", "2026-09-10", time_machine)
    # 20 working days from Thu 10 Sep 2026 across the National Day week and two 调休 days.
    assert case.due_explanation == "受理日 2026-09-10，20个工作日，截止 2026-10-14"
    assert case.due_date == date(2026, 10, 14)


def test_corrected_request_restarts_the_clock(accepted, time_machine):
    step(accepted, "request_supplement", "2026-11-30", time_machine)
    step(accepted, "supplement", "2026-12-10", time_machine, actor_kind=ActorKind.CITIZEN)
    assert accepted.due_explanation.startswith("收到补正日 2026-12-10，20个工作日，截止 2027-01-08")


def test_extension_needs_days_and_respects_the_ceiling(accepted, time_machine):
    with pytest.raises(InvalidInput):
        step(accepted, "extend", "2026-12-01", time_machine)
    step(accepted, "extend", "2026-12-01", time_machine, days=15)
    assert "经批准延期 15 个工作日" in accepted.due_explanation
    with pytest.raises(InvalidInput):
        step(accepted, "extend", "2026-12-02", time_machine, days=6)
    step(accepted, "extend", "2026-12-02", time_machine, days=5)
    # 20 + 20 working days from 2026-11-27.
    assert accepted.due_date == calendar.add_working_days(date(2026, 11, 27), 40)


def test_closing_a_case_clears_its_due_date(accepted, time_machine):
    step(accepted, "reply", "2026-12-03", time_machine)
    assert accepted.due_date is None and not accepted.is_open


@pytest.mark.parametrize(
    ("today", "level"),
    [
        ("2026-12-18", OverdueLevel.ON_TIME),  # 5 working days left
        ("2026-12-22", OverdueLevel.WARNING),  # 3 left
        ("2026-12-28", OverdueLevel.YELLOW),  # 1 working day late (due 2026-12-25)
        ("2027-01-01", OverdueLevel.YELLOW),  # 4 late (Dec 28–31; 1 January is a holiday)
        ("2027-01-04", OverdueLevel.RED),  # 5 late
    ],
)
def test_overdue_levels_follow_the_sweep(accepted, time_machine, today, level):
    assert accepted.due_date == date(2026, 12, 25)
    time_machine.move_to(f"{today} 08:00 +0800")
    cases_sweep_overdue()
    accepted.refresh_from_db()
    assert accepted.overdue_level == level
    if level != OverdueLevel.ON_TIME:
        assert accepted.events.filter(type="overdue_level").exists()


def test_calendar_change_recomputes_open_cases_with_a_logged_event(accepted, time_machine, django_user_model):
    office = django_user_model.objects.create_user("xinxiban", password="x")
    closed, _ = case_create(case_type="test_request", actor=None)
    step(closed, "withdraw", "2026-11-27", time_machine, actor_kind=ActorKind.CITIZEN)
    assert accepted.due_date == date(2026, 12, 25)
    calendar_day_set(actor=office, day=date(2026, 12, 15), kind=DayKind.HOLIDAY, note="临时停工")
    assert cases_recompute_deadlines(actor_id=office.pk) == 1
    accepted.refresh_from_db()
    assert accepted.due_date == date(2026, 12, 28)
    event = accepted.events.get(type="deadline_recomputed")
    assert event.actor == office and event.actor_kind == ActorKind.SYSTEM and event.is_public
    assert event.payload["old_due_date"] == "2026-12-25" and event.payload["new_due_date"] == "2026-12-28"
    assert not closed.events.filter(type="deadline_recomputed").exists()
    # A second run with no change logs nothing more.
    assert cases_recompute_deadlines() == 0


def test_calendar_edit_triggers_the_recompute_task_on_commit(accepted, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        calendar_day_set(actor=None, day=date(2026, 12, 14), kind=DayKind.HOLIDAY, note="临时停工")
    accepted.refresh_from_db()
    assert accepted.due_date == date(2026, 12, 28)
    assert accepted.events.filter(type="deadline_recomputed").count() == 1


def test_rule_days_key_takes_the_limit_from_the_starting_event_and_its_restart():
    """`DeadlineRule.days_key` (added for mailbox letters): the event that starts or restarts
    the clock may carry its own limit; without it the rule's `days` apply."""
    from govportal.core.cases.deadlines import EventView, compute
    from govportal.core.cases.workflow import DeadlineRule

    rule = DeadlineRule(
        step="答复", states=frozenset({"open"}), days=20, days_key="limit_days", restart_events=frozenset({"reopen"})
    )
    cal = calendar.current()
    own = compute(rule, [EventView("create", date(2026, 12, 1), {"limit_days": 5})], cal)
    assert own.due == date(2026, 12, 8)
    assert own.explanation.startswith("受理日 2026-12-01，5个工作日")
    fallback = compute(rule, [EventView("create", date(2026, 12, 1), {})], cal)
    assert fallback.due == calendar.current().add_working_days(date(2026, 12, 1), 20)
    restarted = compute(
        rule,
        [
            EventView("create", date(2026, 12, 1), {"limit_days": 5}),
            EventView("reopen", date(2026, 12, 10), {"limit_days": 3}),
        ],
        cal,
    )
    assert restarted.due == date(2026, 12, 15)


def test_rule_delay_event_lengthens_the_period_outside_the_extension_ceiling():
    """`DeadlineRule.delay_event` (disclosure's Art. 35 longer period): added to the period
    with the extension, explained apart, reset by a restart."""
    from govportal.core.cases.deadlines import EventView, compute
    from govportal.core.cases.workflow import DeadlineRule

    rule = DeadlineRule(
        step="答复",
        states=frozenset({"open"}),
        days=20,
        extension_event="extend",
        extension_ceiling=20,
        delay_event="delay",
        restart_events=frozenset({"correct"}),
    )
    cal = calendar.current()
    start = EventView("create", date(2026, 11, 2), {})
    both = compute(
        rule,
        [
            start,
            EventView("extend", date(2026, 11, 20), {"days": 20}),
            EventView("delay", date(2026, 11, 25), {"days": 10}),
        ],
        cal,
    )
    # 2026-11-02 + 50 WD: 2027-01-12 (New Year's Day off)
    assert both.due == cal.add_working_days(date(2026, 11, 2), 50) == date(2027, 1, 12)
    assert "经批准延期 20 个工作日，确定延迟答复 10 个工作日，截止 2027-01-12" in both.explanation
    reset = compute(
        rule,
        [start, EventView("delay", date(2026, 11, 5), {"days": 10}), EventView("correct", date(2026, 11, 9), {})],
        cal,
    )
    assert reset.due == cal.add_working_days(date(2026, 11, 9), 20) and "延迟" not in reset.explanation


def test_case_type_thresholds_function_overrides_the_fixed_warning_and_red_days():
    from govportal.core.cases.workflow import CaseType

    fixed = CaseType(
        key="x", prefix="X", name="x", states={"a": "a"}, initial_state="a", closed_states=frozenset(), transitions=()
    )
    per_case = CaseType(
        key="y",
        prefix="Y",
        name="y",
        states={"a": "a"},
        initial_state="a",
        closed_states=frozenset(),
        transitions=(),
        thresholds=lambda case: (case["w"], case["r"]),
    )
    assert fixed.overdue_days(None) == (3, 5)
    assert per_case.overdue_days({"w": 1, "r": 2}) == (1, 2)


def test_cap_months_keeps_the_due_date_within_calendar_months_of_the_start_or_restart():
    """`DeadlineRule.cap_months` (issue 18.9): never beyond N calendar months of the (re)start —
    the last working day on or before it — and the explanation says which start it counts from."""
    from govportal.core.calendar import WorkCalendar
    from govportal.core.cases.deadlines import EventView, add_months, compute
    from govportal.core.cases.workflow import DeadlineRule

    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
    rule = DeadlineRule(
        step="答复", states=frozenset({"open"}), days=60, start_label="收信日", restart_events=frozenset({"reopen"}),
        restart_label="重新办理日", cap_months=1, cap_label="收信之日",
    )  # fmt: skip
    cal = WorkCalendar()
    first = compute(rule, [EventView("create", date(2026, 3, 2), {})], cal)
    assert first.due == date(2026, 4, 2)  # Thursday: a working day
    assert "不超过收信之日起1个月（2026-04-02）" in first.explanation
    again = compute(rule, [EventView("create", date(2026, 3, 2), {}), EventView("reopen", date(2026, 4, 6), {})], cal)
    assert again.due == date(2026, 5, 6)
    assert "不超过重新办理日起1个月（2026-05-06）" in again.explanation
    weekend = compute(rule, [EventView("create", date(2026, 4, 4), {})], cal)  # 05-04 is a Monday
    assert weekend.due == date(2026, 5, 4)
    sunday = compute(rule, [EventView("create", date(2026, 4, 3), {})], cal)  # 05-03 is a Sunday
    assert sunday.due == date(2026, 5, 1)  # the Friday before (no overrides in this calendar)
