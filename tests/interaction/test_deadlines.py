"""The reply clock of letters with frozen time: per-mailbox and default limits per
category, error reports in 3 WD, extensions approved by the triage agency and never
beyond 3 months, the restart on reopening, and the overdue levels that drive reminders."""

from __future__ import annotations

from datetime import date

import pytest

from govportal.core.cases.actions import cases_sweep_overdue
from govportal.core.cases.models import OverdueLevel
from govportal.core.cases.tasks import sweep_overdue_levels
from govportal.core.errors import Conflict, InvalidInput, NotAllowed
from govportal.core.outbox.models import OutboxMessage
from govportal.interaction import actions
from govportal.interaction.models import Category
from tests.interaction.conftest import to_replied, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def monday(time_machine):
    time_machine.move_to("2026-11-02 10:00 +0800", tick=False)
    return time_machine


def test_limit_comes_from_the_mailbox_category_and_runs_from_receipt(world, monday):
    letter, _ = write(world["mailboxes"]["mayor"], category=Category.CONSULT)
    assert letter.limit_days == 5
    assert letter.case.due_date == date(2026, 11, 9)
    assert letter.case.due_explanation == "收信日 2026-11-02，5个工作日，截止 2026-11-09"


def test_category_without_its_own_limit_uses_the_default_setting(world, monday, settings):
    settings.GOVPORTAL_LETTER_REPLY_DAYS = {**settings.GOVPORTAL_LETTER_REPLY_DAYS, "suggest": 15}
    letter, _ = write(world["mailboxes"]["mayor"], category=Category.SUGGEST)
    assert letter.limit_days == 15 and letter.case.due_date == date(2026, 11, 23)


def test_error_reports_are_answered_within_three_working_days(world, monday):
    letter, _ = write(world["mailboxes"]["errors"], category=Category.ERROR, title="链接打不开")
    assert letter.limit_days == 3 and letter.case.due_date == date(2026, 11, 5)


def test_extension_is_asked_by_the_handler_and_approved_by_the_triage_agency(world, monday):
    letter, _ = write(world["mailboxes"]["mayor"], category=Category.COMPLAIN)
    s = world["staff"]
    actions.letter_accept(letter=letter, actor=s["city"], assign_to=world["agencies"]["edu"])
    actions.letter_request_extension(letter=letter, actor=s["edu"], days=5, reason="需现场核实")
    with pytest.raises(Conflict):
        actions.letter_request_extension(letter=letter, actor=s["edu"], days=2, reason="再延")
    with pytest.raises(NotAllowed):
        actions.letter_decide_extension(letter=letter, actor=s["edu"], approve=True)
    actions.letter_decide_extension(letter=letter, actor=s["city"], approve=True)
    letter.refresh_from_db()
    assert letter.case.due_date == date(2026, 11, 23)  # 10 + 5 working days
    assert "经批准延期 5 个工作日" in letter.case.due_explanation
    assert letter.extension_days_requested is None


def test_extension_never_goes_beyond_three_months_of_receipt(world, monday, settings):
    settings.GOVPORTAL_LETTER_REPLY_DAYS = {**settings.GOVPORTAL_LETTER_REPLY_DAYS, "report": 55}
    letter, _ = write(world["mailboxes"]["edu"], category=Category.REPORT)
    s = world["staff"]
    actions.letter_accept(letter=letter, actor=s["edu"], assign_to=world["agencies"]["edu"])
    actions.letter_request_extension(letter=letter, actor=s["edu"], days=20, reason="情况复杂")
    with pytest.raises(InvalidInput, match="3个月"):
        actions.letter_decide_extension(letter=letter, actor=s["edu"], approve=True)
    actions.letter_decide_extension(letter=letter, actor=s["edu"], approve=False, note="请在期限内办结")
    letter.refresh_from_db()
    assert letter.case.due_date == letter.case.due_date and letter.extension_days_requested is None


def test_reopening_restarts_the_clock_from_the_reopening_day(world, monday):
    letter, _ = write(world["mailboxes"]["mayor"], category=Category.CONSULT)
    to_replied(letter, world)
    monday.move_to("2026-11-10 09:00 +0800", tick=False)
    actions.letter_rate(letter=letter, rating=1, resolved=False)
    letter.refresh_from_db()
    assert letter.case.due_date == date(2026, 11, 17)
    assert letter.case.due_explanation.startswith("重新办理日 2026-11-10，5个工作日")


def test_reply_records_whether_it_was_on_time_and_how_long_it_took(world, monday):
    letter, _ = write(world["mailboxes"]["mayor"], category=Category.CONSULT)
    monday.move_to("2026-11-11 09:00 +0800", tick=False)
    to_replied(letter, world)
    letter.refresh_from_db()
    assert letter.replied_on_time is False and letter.reply_days_taken == 7


def test_overdue_levels_use_the_mailbox_days_and_remind_agency_then_leaders(world, monday):
    letter, _ = write(world["mailboxes"]["mayor"], category=Category.CONSULT)  # due 11-09, warn 2, red 3
    actions.letter_accept(letter=letter, actor=world["staff"]["city"], assign_to=world["agencies"]["edu"])
    OutboxMessage.objects.all().delete()

    def run(day):
        monday.move_to(f"{day} 08:00 +0800", tick=False)
        sweep_overdue_levels.call()  # the kernel's hourly sweep sends the declared reminders
        letter.case.refresh_from_db()
        return letter.case.overdue_level

    assert run("2026-11-04") == OverdueLevel.ON_TIME  # 3 working days left
    assert run("2026-11-05") == OverdueLevel.WARNING  # 2 left
    warning = set(OutboxMessage.objects.values_list("channel", "recipient"))
    staff_mail = {
        ("email", "jyj@example.gov.cn"),
        ("email", "edu.clerk@example.gov.cn"),
        ("email", "edu.leader@example.gov.cn"),
    }
    assert warning == staff_mail  # the agency's address and its staff; no SMS yet
    assert run("2026-11-06") == OverdueLevel.WARNING
    assert OutboxMessage.objects.count() == 3  # no second reminder for the same level
    assert run("2026-11-10") == OverdueLevel.YELLOW
    yellow = OutboxMessage.objects.filter(subject__contains="黄牌")
    assert ("sms", "13900000001") in {(m.channel, m.recipient) for m in yellow}  # the leader's phone
    assert run("2026-11-12") == OverdueLevel.RED  # 3 working days late
    red = OutboxMessage.objects.filter(subject__contains="红牌")
    assert red.filter(recipient="edu.leader@example.gov.cn").exists()


def test_reminder_job_is_registered_with_the_scheduler():
    from govportal.core.scheduler import registered_jobs

    # Reminders moved into the kernel's deadline sweep (was the area's `letter_reminders`).
    assert "case_deadline_sweep" in {j.name for j in registered_jobs()}


def test_kernel_sweep_alone_uses_the_mailbox_thresholds(world, monday):
    letter, _ = write(world["mailboxes"]["mayor"], category=Category.CONSULT)
    cases_sweep_overdue(today=date(2026, 11, 5))
    letter.case.refresh_from_db()
    assert letter.case.overdue_level == OverdueLevel.WARNING


def test_a_60_wd_category_limit_is_capped_at_three_months_of_receipt_across_spring_festival(world, time_machine):
    """国办发〔2019〕51号: never beyond 3 calendar months of receipt. 60 WD from 2026-01-26
    cross 春节 (02-15..02-23 off) and 清明 and end on 04-27, after 2026-04-26; the due date is
    the last working day within the 3 months (04-26 is a Sunday: Friday 04-24)."""
    from govportal.core import calendar

    time_machine.move_to("2026-01-26 10:00 +0800", tick=False)
    edu_box = world["mailboxes"]["edu"]
    MailboxCategory = edu_box.categories.model
    MailboxCategory.objects.create(mailbox=edu_box, category=Category.REPORT, reply_days=60)
    assert calendar.current().add_working_days(date(2026, 1, 26), 60) == date(2026, 4, 27)
    letter, _ = write(edu_box, category=Category.REPORT, title="举报违规收费")
    assert letter.limit_days == 60
    assert letter.case.due_date == date(2026, 4, 24)
    assert letter.case.due_explanation == (
        "收信日 2026-01-26，60个工作日，不超过收信之日起3个月（2026-04-26），截止 2026-04-24"
    )
    # No extension can move it past the 3 months either.
    s = world["staff"]
    actions.letter_accept(letter=letter, actor=s["edu"], assign_to=world["agencies"]["edu"])
    actions.letter_request_extension(letter=letter, actor=s["edu"], days=1, reason="情况复杂")
    with pytest.raises(InvalidInput, match="3个月"):
        actions.letter_decide_extension(letter=letter, actor=s["edu"], approve=True)
