"""The kernel's extra clocks and notifications as a disclosure request meets them, with
frozen time: the consultation and correction periods are `CaseTimer` rows whose due dates
count working days with 调休 (National Day 2026: 1–7 October off, Saturday 10 October a
working day), the clerk's page reads the stored date, a calendar change recomputes a
running timer with a logged event; the applicant's texts are the declared templates; a
repeated notification sends nothing twice; the deadline sweep reminds the agency once per
overdue level (at red its leaders and the city's disclosure authority too)."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import Permission

import pytest
import time_machine

from govportal.core import calendar
from govportal.core.calendar_actions import calendar_day_set
from govportal.core.calendar_models import DayKind
from govportal.core.cases.actions import cases_recompute_deadlines, cases_sweep_overdue
from govportal.core.cases.models import ActorKind, CaseEvent, CaseTimer, OverdueLevel
from govportal.core.cases.notifications import notify_event
from govportal.core.models import Role
from govportal.core.outbox.models import OutboxMessage
from govportal.disclosure import actions
from govportal.disclosure.choices import Outcome
from tests.disclosure.conftest import staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_calendar():
    calendar.invalidate()
    yield
    calendar.invalidate()


def _received(submit, clerk, when: str, on: date):
    with time_machine.travel(when, tick=False):
        req, code = submit(email="zhang@example.com")
        actions.disclosure_request_confirm_receipt(req=req, actor=clerk, received_on=on)
    req.refresh_from_db()
    return req


def test_consultation_is_a_timer_row_due_15_working_days_later_counting_tiaoxiu(client, submit, clerks):
    req = _received(submit, clerks["edu"], "2026-09-21 10:00 +0800", date(2026, 9, 21))
    with time_machine.travel("2026-09-28 10:00 +0800", tick=False):
        actions.disclosure_request_consult(req=req, actor=clerks["edu"], party="某公司")
    timer = CaseTimer.objects.get(case=req.case, kind="consultation")
    # 29, 30 Sep; 1–7 Oct off; 8, 9, Sat 10 (调休), 12–16, 19–23 Oct: the 15th is 23 Oct.
    assert (timer.started_on, timer.days, timer.due_on, timer.stopped_on) == (
        date(2026, 9, 28),
        15,
        date(2026, 10, 23),
        None,
    )
    assert timer.start_event.type == "consult"
    req.case.refresh_from_db()
    assert req.case.due_date is None  # the consultation still pauses the main clock
    client.force_login(clerks["edu"])
    with time_machine.travel("2026-10-12 10:00 +0800", tick=False):
        page = client.get(f"/admin/zwgk/{req.pk}/").content.decode()
    assert "2026-10-23（某公司）" in page  # 征求意见至: the stored date
    with time_machine.travel("2026-10-23 22:00 +0800", tick=False):
        assert actions.disclosure_requests_sweep()["consulted"] == 0  # the last day still counts
    with time_machine.travel("2026-10-24 01:00 +0800", tick=False):
        assert actions.disclosure_requests_sweep()["consulted"] == 1
    timer.refresh_from_db()
    assert (timer.stopped_on, timer.outcome) == (date(2026, 10, 24), "consulted")
    req.case.refresh_from_db()
    assert req.case.state == "processing" and req.case.due_date is not None


def test_calendar_change_recomputes_a_running_timer_with_a_logged_event(submit, clerks, django_user_model):
    office = django_user_model.objects.create_user("xinxiban", password="x")
    req = _received(submit, clerks["edu"], "2026-09-21 10:00 +0800", date(2026, 9, 21))
    with time_machine.travel("2026-09-28 10:00 +0800", tick=False):
        actions.disclosure_request_consult(req=req, actor=clerks["edu"], party="某公司")
    with time_machine.travel("2026-10-09 10:00 +0800", tick=False):
        # The 10 October 调休 working day withdrawn: the consultation ends a day later.
        calendar_day_set(actor=office, day=date(2026, 10, 10), kind=DayKind.HOLIDAY, note="更正")
        cases_recompute_deadlines(actor_id=office.pk)
    timer = CaseTimer.objects.get(case=req.case, kind="consultation")
    assert timer.due_on == date(2026, 10, 26)
    assert timer.due_explanation == "征求意见自 2026-09-28 起 15 个工作日，截止 2026-10-26"
    event = CaseEvent.objects.get(case=req.case, type="timer_recomputed")
    assert event.actor == office and event.is_public
    assert event.payload == {
        "kind": "consultation",
        "old_due_date": "2026-10-23",
        "new_due_date": "2026-10-26",
        "explanation": timer.due_explanation,
    }
    cases_recompute_deadlines()  # nothing changed since: nothing more logged
    assert CaseEvent.objects.filter(case=req.case, type="timer_recomputed").count() == 1


def test_correction_period_is_a_timer_row_stopped_by_the_correction(submit, clerks):
    req = _received(submit, clerks["edu"], "2026-11-02 10:00 +0800", date(2026, 11, 2))
    with time_machine.travel("2026-11-04 10:00 +0800", tick=False):
        actions.disclosure_request_correction_notice(req=req, actor=clerks["edu"], items="请写明文件名称")
    timer = CaseTimer.objects.get(case=req.case, kind="correction")
    assert (timer.started_on, timer.due_on) == (date(2026, 11, 4), date(2026, 11, 25))  # 15 WD
    assert req.correction_due == date(2026, 11, 25)
    sms = OutboxMessage.objects.get(case=req.case, channel="sms", body__contains="补正")
    assert sms.body == (
        f"您的政府信息公开申请（{req.case.tracking_number}）内容不明确，请于 2026-11-25 前补正：请写明文件名称"
        "。逾期未补正的，视为放弃申请。"
    )
    with time_machine.travel("2026-11-09 10:00 +0800", tick=False):
        actions.disclosure_request_correct(
            req=req, actor=None, actor_kind=ActorKind.CITIZEN, description="《示例市招生划片方案》"
        )
    timer.refresh_from_db()
    assert (timer.stopped_on, timer.outcome) == (date(2026, 11, 9), "correct")


def test_applicant_texts_are_the_declared_templates_and_a_retry_sends_nothing_twice(submit, clerks):
    req = _received(submit, clerks["edu"], "2026-11-02 10:00 +0800", date(2026, 11, 2))
    number = req.case.tracking_number
    bodies = set(OutboxMessage.objects.filter(case=req.case).values_list("channel", "recipient", "body"))
    assert bodies == {
        ("sms", req.phone, f"您的政府信息公开申请已提交，办件编号 {number}，请妥善保管查询码。"),
        ("sms", req.phone, f"您的政府信息公开申请（{number}）已于 2026-11-02 确认收到，我们将依法在20个工作日内答复。"),
        (
            "email",
            "zhang@example.com",
            f"您的政府信息公开申请（{number}）已于 2026-11-02 确认收到，我们将依法在20个工作日内答复。",
        ),
    }
    assert OutboxMessage.objects.get(case=req.case, channel="email").subject == "政府信息公开申请办理通知"
    with time_machine.travel("2026-11-05 10:00 +0800", tick=False):
        actions.disclosure_request_reply(req=req, actor=clerks["edu"], outcome=Outcome.DISCLOSED, reply_text="见附件")
    before = OutboxMessage.objects.count()
    reply = CaseEvent.objects.get(case=req.case, type="reply")
    assert notify_event(req.case, reply) == 2  # the same two messages put again …
    assert OutboxMessage.objects.count() == before  # … and not duplicated (same keys)
    assert OutboxMessage.objects.filter(case=req.case, body__contains="已答复：予以公开").count() == 2


def test_overdue_sweep_reminds_once_per_level_then_leaders_and_supervisors_at_red(world, submit, clerks):
    clerk, head = clerks["edu"], clerks["edu_head"]
    clerk.email = "edu.clerk@example.gov.cn"
    clerk.save()
    head.email, head.phone = "edu.head@example.gov.cn", "13900000002"
    head.save()
    supervisor = staff(world["agencies"]["city"], Role.EDITOR, "city_supervisor")
    supervisor.email = "gkb@example.gov.cn"
    supervisor.save()
    supervisor.user_permissions.add(Permission.objects.get(codename="view_all_requests"))
    req = _received(submit, clerk, "2026-11-02 10:00 +0800", date(2026, 11, 2))  # due 2026-11-30
    reminders = OutboxMessage.objects.filter(case=req.case, subject__contains="提醒")

    def sweep(day: str) -> str:
        with time_machine.travel(f"{day} 08:00 +0800", tick=False):
            cases_sweep_overdue()
        req.case.refresh_from_db()
        return req.case.overdue_level

    assert sweep("2026-11-24") == OverdueLevel.ON_TIME and not reminders.exists()
    assert sweep("2026-11-25") == OverdueLevel.WARNING  # 3 working days left
    assert set(reminders.values_list("channel", "recipient")) == {
        ("email", "edu.clerk@example.gov.cn"),
        ("email", "edu.head@example.gov.cn"),
    }
    warning = reminders.get(recipient="edu.clerk@example.gov.cn")
    assert warning.subject == f"政府信息公开申请预警提醒 {req.case.tracking_number}"
    assert warning.body == (
        f"【预警】政府信息公开申请 {req.case.tracking_number}《{req.case.title}》答复期限 2026-11-30，请抓紧办理。"
    )
    assert sweep("2026-11-26") == OverdueLevel.WARNING
    assert reminders.count() == 2  # no second reminder for the same level
    assert sweep("2026-12-01") == OverdueLevel.YELLOW
    yellow = reminders.filter(subject__contains="黄牌")
    assert set(yellow.values_list("channel", "recipient")) == {
        ("email", "edu.clerk@example.gov.cn"),
        ("email", "edu.head@example.gov.cn"),
        ("sms", "13900000002"),  # the leader's phone
    }
    assert sweep("2026-12-07") == OverdueLevel.RED  # 5 working days late
    red = reminders.filter(subject__contains="红牌")
    assert ("email", "gkb@example.gov.cn") in set(red.values_list("channel", "recipient"))
    assert sweep("2026-12-08") == OverdueLevel.RED
    assert reminders.count() == 2 + 3 + 4
    logged = CaseEvent.objects.filter(case=req.case, type="reminder").values_list("payload__level", flat=True)
    assert list(logged) == ["warning", "yellow", "red"]
