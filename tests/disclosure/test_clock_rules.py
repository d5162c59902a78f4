"""The legal clock cannot be laundered (issue 18, points 4, 5, 6, 8), each rule with frozen
time through the admin's request page (the form a clerk uses) or the actions. November
2026 has no holidays: Mon 2026-11-02 + 20 WD = Mon 2026-11-30."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from govportal.core.cases.models import CaseEvent, CaseTimer
from govportal.core.outbox.models import OutboxMessage
from govportal.disclosure import actions
from govportal.disclosure.choices import Channel, Outcome
from govportal.disclosure.models import DisclosureRequest
from tests.disclosure.conftest import applicant

pytestmark = pytest.mark.django_db

MON = "2026-11-02 10:00 +0800"


def _received(submit, clerk, on=date(2026, 11, 2)):
    req, _code = submit()
    actions.disclosure_request_confirm_receipt(req=req, actor=clerk, received_on=on)
    req.refresh_from_db()
    req.case.refresh_from_db()
    return req


def _post(client, req, user, **data):
    client.force_login(user)  # at the frozen time: a session of the real day may have expired
    return client.post(f"/admin/zwgk/{req.pk}/", data)


# --- point 4: no consultation, no extension after the deadline ---------------------------------
def test_consultation_after_the_reply_deadline_is_refused_and_the_case_stays_late(client, submit, clerks):
    with time_machine.travel(MON, tick=False):
        req = _received(submit, clerks["edu"])
    assert req.case.due_date == date(2026, 11, 30)
    user = clerks["edu"]
    with time_machine.travel("2026-12-01 10:00 +0800", tick=False):  # one day late
        response = _post(client, req, user, action="consult", party="示例市财政局")
        assert response.status_code == 409
        assert "答复期限已于 2026-11-30 届满，不能再征求意见" in response.content.decode()
    req.case.refresh_from_db()
    assert req.case.state == "processing" and req.case.due_date == date(2026, 11, 30)
    assert not CaseEvent.objects.filter(case=req.case, type="consult").exists()


def test_extension_after_the_reply_deadline_is_refused(client, submit, clerks):
    with time_machine.travel(MON, tick=False):
        req = _received(submit, clerks["edu"])
    user = clerks["edu_head"]
    with time_machine.travel("2026-11-30 17:00 +0800", tick=False):  # the last day still counts
        assert _post(client, req, user, action="extend", days=5, reason="涉及档案调取").status_code == 302
    req.case.refresh_from_db()
    assert req.case.due_date == date(2026, 12, 7)
    with time_machine.travel("2026-12-08 09:00 +0800", tick=False):
        response = _post(client, req, user, action="consult", party="示例市财政局")
        assert response.status_code == 409 and "2026-12-07 届满" in response.content.decode()


def test_late_extension_no_longer_turns_a_red_card_on_time(client, submit, clerks):
    """The audit's case: due 11-05 became 12-03 by an extension started when already red."""
    with time_machine.travel("2026-10-09 10:00 +0800", tick=False):  # + 20 WD (10-10 调休上班) = 11-05
        req = _received(submit, clerks["edu"], on=date(2026, 10, 9))
    assert req.case.due_date == date(2026, 11, 5)
    user = clerks["edu_head"]
    with time_machine.travel("2026-11-13 10:00 +0800", tick=False):
        response = _post(client, req, user, action="extend", days=20, reason="情况复杂")
        assert response.status_code == 409
        assert "答复期限已于 2026-11-05 届满，不能再延期：延期和征求意见" in response.content.decode()
    req.case.refresh_from_db()
    assert req.case.due_date == date(2026, 11, 5)


# --- point 5: closing keeps the due date, the lateness and the highest level ------------------
def test_a_late_reply_keeps_its_due_date_lateness_and_red_card(client, submit, clerks):
    from govportal.core.cases.actions import cases_sweep_overdue

    with time_machine.travel(MON, tick=False):
        req = _received(submit, clerks["edu"])
    with time_machine.travel("2026-12-08 09:00 +0800", tick=False):  # 6 WD late: red from 5
        cases_sweep_overdue()
        req.case.refresh_from_db()
        assert req.case.overdue_level == "red"
        actions.disclosure_request_reply(req=req, actor=clerks["edu"], outcome=Outcome.DISCLOSED, reply_text="见附件")
    req.case.refresh_from_db()
    case = req.case
    assert not case.is_open and case.due_date is None  # the live clock is cleared …
    assert case.closed_due_date == date(2026, 11, 30)  # … what it was is kept
    assert case.closed_on_time is False and case.closed_late_days == 6
    assert case.closed_overdue_level == "red"
    with time_machine.travel("2026-12-08 10:00 +0800", tick=False):
        client.force_login(clerks["edu"])
        page = client.get(f"/admin/zwgk/{req.pk}/").content.decode()
    assert "2026-11-30 · 超期答复（超期 6 个工作日） · 最高超期等级：红牌" in page


def test_a_late_reply_without_a_sweep_is_still_at_least_yellow(submit, clerks):
    with time_machine.travel(MON, tick=False):
        req = _received(submit, clerks["edu"])
    with time_machine.travel("2026-12-02 09:00 +0800", tick=False):  # 2 WD late, no sweep ran
        actions.disclosure_request_reply(req=req, actor=clerks["edu"], outcome=Outcome.DISCLOSED, reply_text="见附件")
    req.case.refresh_from_db()
    assert (req.case.closed_late_days, req.case.closed_overdue_level) == (2, "yellow")


def test_an_on_time_reply_records_no_lateness(submit, clerks):
    with time_machine.travel(MON, tick=False):
        req = _received(submit, clerks["edu"])
        actions.disclosure_request_reply(req=req, actor=clerks["edu"], outcome=Outcome.DISCLOSED, reply_text="见附件")
    req.case.refresh_from_db()
    assert req.case.closed_on_time and req.case.closed_late_days == 0
    assert req.case.closed_overdue_level == "on_time"


# --- point 6: receipt dates --------------------------------------------------------------------
def test_in_person_receipt_is_the_day_handed_in_entered_by_the_clerk_and_checked(client, world, clerks):
    edu = world["agencies"]["edu"]
    user = clerks["edu"]
    form = {**applicant(), "agency": edu.pk, "channel": Channel.IN_PERSON}
    with time_machine.travel("2026-11-06 10:00 +0800", tick=False):
        client.force_login(user)
        missing = client.post("/admin/zwgk/register/", form)
        assert missing.status_code == 400 and "请填写申请人当面递交申请的日期" in missing.content.decode()
        future = client.post("/admin/zwgk/register/", {**form, "received_on": "2026-11-07"})
        assert future.status_code == 400 and "不能晚于登记之日" in future.content.decode()
        edu.established_on = date(2019, 3, 1)
        edu.save(update_fields=["established_on"])
        before = client.post("/admin/zwgk/register/", {**form, "received_on": "2019-02-28"})
        assert before.status_code == 400 and "不能早于本机关成立之日（2019-03-01）" in before.content.decode()
        assert not DisclosureRequest.objects.exists()
        ok = client.post("/admin/zwgk/register/", {**form, "received_on": "2026-11-03"})
        assert ok.status_code == 302
    req = DisclosureRequest.objects.get()
    assert req.received_on == date(2026, 11, 3)  # handed in Tuesday, registered Friday
    req.case.refresh_from_db()
    assert req.case.due_date == date(2026, 12, 1)  # 20 WD from the day handed in


def test_online_request_confirmed_late_needs_a_recorded_reason(client, submit, clerks):
    with time_machine.travel(MON, tick=False):
        req, _code = submit()
    user = clerks["edu"]
    with time_machine.travel("2026-11-04 10:00 +0800", tick=False):  # limit: 1 WD → 11-03
        late = _post(client, req, user, action="receive", received_on="2026-11-04")
        assert late.status_code == 400
        assert "应在提交后1个工作日内（2026-11-03前）确认收到" in late.content.decode()
        ok = _post(client, req, user, action="receive", received_on="2026-11-04", late_reason="系统故障未能及时查看")
        assert ok.status_code == 302
    event = CaseEvent.objects.get(case=req.case, type="receive")
    assert event.payload["late_reason"] == "系统故障未能及时查看"
    assert event.payload["received_on"] == "2026-11-04"


def test_online_request_confirmed_within_the_limit_needs_no_reason(client, submit, clerks):
    with time_machine.travel(MON, tick=False):
        req, _code = submit()
    user = clerks["edu"]
    with time_machine.travel("2026-11-04 10:00 +0800", tick=False):
        assert _post(client, req, user, action="receive", received_on="2026-11-03").status_code == 302
    req.refresh_from_db()
    assert req.received_on == date(2026, 11, 3)


def test_unconfirmed_online_request_alarms_the_office_once_after_the_limit(submit, clerks, settings):
    settings.GOVPORTAL_DISCLOSURE_CONFIRM_DAYS = 2
    clerks["edu"].email = "edu_clerk@example.gov.cn"
    clerks["edu"].save(update_fields=["email"])
    with time_machine.travel("2026-11-05 10:00 +0800", tick=False):  # Thu; + 2 WD = Mon 11-09
        req, _code = submit()
    with time_machine.travel("2026-11-09 23:00 +0800", tick=False):
        assert actions.disclosure_requests_sweep()["unconfirmed"] == 0
    with time_machine.travel("2026-11-10 01:00 +0800", tick=False):
        assert actions.disclosure_requests_sweep()["unconfirmed"] == 1
        assert actions.disclosure_requests_sweep()["unconfirmed"] == 0  # once
    alarm = OutboxMessage.objects.filter(case=req.case, channel="email", body__contains="2026-11-09 前确认收到")
    assert alarm.filter(recipient="edu_clerk@example.gov.cn").count() == 1
    assert CaseEvent.objects.filter(case=req.case, type="confirm_overdue").count() == 1


# --- point 8: the third party's 15 WD ----------------------------------------------------------
def test_third_party_period_runs_from_service_and_ends_on_the_15th_wd(client, submit, clerks):
    with time_machine.travel(MON, tick=False):
        req = _received(submit, clerks["edu"])
    user = clerks["edu"]
    with time_machine.travel("2026-11-04 10:00 +0800", tick=False):
        assert _post(client, req, user, action="consult", party="某公司").status_code == 302
    with time_machine.travel("2026-11-06 10:00 +0800", tick=False):  # the letter was signed for on 11-05
        early = _post(client, req, user, action="consult_served", served_on="2026-11-03")
        assert early.status_code == 400 and "送达日期应在发出征求意见之日和今天之间" in early.content.decode()
        assert _post(client, req, user, action="consult_served", served_on="2026-11-05").status_code == 302
    timer = CaseTimer.objects.get(case=req.case, kind="consultation", stopped_on__isnull=True)
    assert timer.started_on == date(2026, 11, 5) and timer.due_on == date(2026, 11, 26)  # the 15th WD
    with time_machine.travel("2026-11-26 22:00 +0800", tick=False):
        assert actions.disclosure_requests_sweep()["consulted"] == 0  # its last day is the party's
    with time_machine.travel("2026-11-27 01:00 +0800", tick=False):
        assert actions.disclosure_requests_sweep()["consulted"] == 1
    req.case.refresh_from_db()
    # paused 11-04 → 11-26 (16 WD: 1 before service + 15): 2026-11-30 + 16 WD
    assert "征求意见暂停 16 个工作日" in req.case.due_explanation
    assert req.case.due_date == date(2026, 12, 22)


def test_consultation_served_at_once_records_the_served_on_date(submit, clerks):
    with time_machine.travel(MON, tick=False):
        req = _received(submit, clerks["edu"])
    with time_machine.travel("2026-11-04 10:00 +0800", tick=False):
        actions.disclosure_request_consult(req=req, actor=clerks["edu"], party="某公司", served_on=date(2026, 11, 3))
    timer = CaseTimer.objects.get(case=req.case, kind="consultation")
    assert timer.started_on == date(2026, 11, 3) and timer.due_on == date(2026, 11, 24)


def test_migration_fills_the_lateness_of_cases_closed_before(submit, clerks):
    """core 0015: cases closed before it get their working days late and highest level from
    what 0013 stored and from their log."""
    import importlib

    from django.apps import apps

    from govportal.core.cases.actions import cases_sweep_overdue
    from govportal.core.cases.models import Case

    with time_machine.travel(MON, tick=False):
        late, on_time = _received(submit, clerks["edu"]), _received(submit, clerks["edu"])
        actions.disclosure_request_reply(
            req=on_time, actor=clerks["edu"], outcome=Outcome.DISCLOSED, reply_text="见附件"
        )
    with time_machine.travel("2026-12-08 09:00 +0800", tick=False):
        cases_sweep_overdue()
        actions.disclosure_request_reply(req=late, actor=clerks["edu"], outcome=Outcome.DISCLOSED, reply_text="见附件")
    Case.objects.update(closed_late_days=None, closed_overdue_level="")  # as before the migration
    importlib.import_module("govportal.core.migrations.0015_case_closed_lateness").record_lateness(apps, None)
    late.case.refresh_from_db()
    on_time.case.refresh_from_db()
    assert (late.case.closed_late_days, late.case.closed_overdue_level) == (6, "red")
    assert (on_time.case.closed_late_days, on_time.case.closed_overdue_level) == (0, "on_time")
