"""The service hall's pauses as kernel timers: a supplement request starts a ``supplement``
timer (no due date: the citizen's supplement stops it), a special procedure a
``special_procedure`` timer; the main clock still pauses as before."""

from __future__ import annotations

from datetime import date

import pytest

from govportal.core.cases.actions import timer_start, timer_stop
from govportal.core.cases.models import ActorKind, CaseEvent, CaseTimer
from govportal.core.errors import Conflict, InvalidInput
from govportal.servicehall import actions
from tests.servicehall.conftest import direct_submit

pytestmark = pytest.mark.django_db


def test_supplement_and_special_procedure_are_timer_rows(hall, time_machine):
    time_machine.move_to("2026-12-07 09:00 +0800")
    app, _ = direct_submit(hall["item"])
    time_machine.move_to("2026-12-08 09:00 +0800")
    actions.application_request_supplement(application=app, actor=hall["staff"]["lead"], reason="请补充营业执照副本")
    timer = CaseTimer.objects.get(case=app.case, kind="supplement")
    assert (timer.started_on, timer.due_on, timer.stopped_on, timer.label) == (date(2026, 12, 8), None, None, "补正")
    app.case.refresh_from_db()
    assert app.case.due_date is None  # the main clock pauses as before
    time_machine.move_to("2026-12-14 09:00 +0800")
    actions.application_supplement(application=app, actor=None, data={"company": "好味食品"})
    timer.refresh_from_db()
    assert (timer.stopped_on, timer.outcome) == (date(2026, 12, 14), "supplement")
    actions.application_accept(application=app, actor=hall["staff"]["lead"])
    time_machine.move_to("2026-12-15 09:00 +0800")
    actions.application_suspend(application=app, actor=hall["staff"]["lead"], reason="专家评审")
    special = CaseTimer.objects.get(case=app.case, kind="special_procedure")
    assert special.started_on == date(2026, 12, 15) and special.is_running
    time_machine.move_to("2026-12-17 09:00 +0800")
    actions.application_resume(application=app, actor=hall["staff"]["lead"])
    special.refresh_from_db()
    assert (special.stopped_on, special.outcome) == (date(2026, 12, 17), "resume")


def test_kernel_timer_start_and_stop_log_events_and_refuse_undeclared_or_double_timers(hall, time_machine):
    time_machine.move_to("2026-12-07 09:00 +0800")
    app, _ = direct_submit(hall["item"])
    clerk = hall["staff"]["lead"]
    with pytest.raises(InvalidInput):
        timer_start(case=app.case, kind="return_visit", actor=clerk, actor_kind=ActorKind.CLERK)
    timer = timer_start(
        case=app.case, kind="special_procedure", actor=clerk, actor_kind=ActorKind.CLERK, days=5, reason="公示"
    )
    assert timer.due_on == date(2026, 12, 14) and "5 个工作日" in timer.due_explanation
    with pytest.raises(Conflict):
        timer_start(case=app.case, kind="special_procedure", actor=clerk, actor_kind=ActorKind.CLERK)
    time_machine.move_to("2026-12-10 09:00 +0800")
    timer_stop(case=app.case, kind="special_procedure", actor=clerk, actor_kind=ActorKind.CLERK, outcome="done")
    timer.refresh_from_db()
    assert (timer.stopped_on, timer.outcome) == (date(2026, 12, 10), "done")
    types = list(CaseEvent.objects.filter(case=app.case).values_list("type", "is_public"))
    assert ("timer_start", False) in types and ("timer_stop", False) in types
    with pytest.raises(Conflict):
        timer_stop(case=app.case, kind="special_procedure", actor=clerk, actor_kind=ActorKind.CLERK, outcome="x")
