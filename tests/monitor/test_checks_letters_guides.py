"""互动回应 and 服务实用: the facts the interaction and service-hall areas declare
(`cluster.supervision`), judged by the monitor's thresholds — in frozen time, on letters and
service items made through the areas' real actions."""

from __future__ import annotations

from datetime import timedelta

import time_machine

from govportal.interaction import actions as letter_actions
from govportal.interaction.models import Mailbox, MailboxKind
from govportal.monitor.indicators import State
from govportal.monitor.veto import add_months, measure_guides, measure_letters
from tests.monitor.conftest import T0, at
from tests.servicehall.conftest import make_item


def _mailbox(agency):
    return Mailbox.objects.create(
        kind=MailboxKind.AGENCY, name="教育局信箱", slug="jyjxx", agency=agency, triage_agency=agency
    )


def _write(mailbox, when, title="入学咨询"):
    with time_machine.travel(when, tick=False):
        letter, _ = letter_actions.letter_submit(
            mailbox=mailbox, category="consult", title=title, content="请问入学需要哪些材料？",
            name="张三", phone="13812345678", may_publish=False,
        )  # fmt: skip
    return letter


def _reply(letter, when, staff):
    with time_machine.travel(when, tick=False):
        letter_actions.letter_accept(letter=letter, actor=staff["editor"], assign_to=letter.mailbox.agency)
        letter_actions.letter_submit_reply(letter=letter, actor=staff["editor"], text="您好，材料清单见附件。")
        letter_actions.letter_approve_reply(letter=letter, actor=staff["reviewer"], publish=False)


def _staff(make_staff, agency):
    from govportal.core.models import Role

    return {"editor": make_staff(agency, Role.EDITOR), "reviewer": make_staff(agency, Role.REVIEWER)}


def test_an_open_letter_alarms_at_60_days_and_vetoes_after_three_months(cluster):
    edu, home = cluster["agencies"]["edu"], cluster["homes"]["edu"]
    letter = _write(_mailbox(edu), T0)
    three_months = add_months(T0, 3)

    day_59 = measure_letters(home, at(59, hours=23))
    day_60 = measure_letters(home, at(60))
    last_minute = measure_letters(home, three_months)
    vetoed = measure_letters(home, three_months + timedelta(minutes=1))

    assert (day_59.state, day_60.state, last_minute.state, vetoed.state) == (
        State.OK, State.ALARM, State.ALARM, State.VETO,
    )  # fmt: skip
    assert day_59.veto_at == three_months
    assert day_60.findings[0].title == f"{letter.case.tracking_number}（咨询）"
    assert day_60.findings[0].url == f"/admin/letters/{letter.pk}/"
    assert "张三" not in str(vetoed.findings) and "1381234" not in str(vetoed.findings)
    assert vetoed.value == 1 and vetoed.veto_at is None


def test_a_letter_answered_late_counts_for_a_year_one_answered_in_time_never(cluster, make_staff):
    edu, home = cluster["agencies"]["edu"], cluster["homes"]["edu"]
    staff = _staff(make_staff, edu)
    box = _mailbox(edu)
    late, in_time = _write(box, T0, "迟复"), _write(box, T0, "按时")
    _reply(in_time, at(80), staff)
    _reply(late, at(100), staff)

    answered_late = measure_letters(home, at(101))
    a_year_later = measure_letters(home, at(100 + 367))

    assert answered_late.state == State.VETO and answered_late.value == 1
    assert answered_late.findings[0].until is not None
    assert a_year_later.state == State.OK and a_year_later.value == 0


def test_refused_letters_and_other_agencies_letters_do_not_count(cluster, make_staff):
    edu, town = cluster["agencies"]["edu"], cluster["agencies"]["town"]
    staff = _staff(make_staff, edu)
    refused = _write(_mailbox(edu), T0)
    with time_machine.travel(at(1), tick=False):
        letter_actions.letter_refuse(letter=refused, actor=staff["editor"], reason="内容与本单位职责无关")
    _write(
        Mailbox.objects.create(kind=MailboxKind.AGENCY, name="青山镇信箱", slug="qsz", agency=town, triage_agency=town),
        T0,
    )

    measured = measure_letters(cluster["homes"]["edu"], at(200))

    assert measured.state == State.OK and measured.findings == []


# --- 服务实用 -------------------------------------------------------------------------------

LACKS_FOUR = {"legal_basis": "", "conditions": "", "place": "", "office_hours": ""}


def test_guides_alarm_at_one_item_lacking_four_key_elements_veto_at_five(cluster):
    edu, home = cluster["agencies"]["edu"], cluster["homes"]["edu"]
    make_item(edu, code="JYJ-0001", name="完整的事项")
    make_item(edu, code="JYJ-0002", name="缺三项", legal_basis="", conditions="", place="")

    three_missing = measure_guides(home, T0)
    make_item(edu, code="JYJ-0003", name="缺四项", **LACKS_FOUR)
    one = measure_guides(home, T0)
    for n in range(4, 8):
        make_item(edu, code=f"JYJ-000{n}", name=f"缺四项{n}", **LACKS_FOUR)
    five = measure_guides(home, T0)

    assert (three_missing.state, three_missing.value) == (State.OK, 0)
    assert (one.state, one.value) == (State.ALARM, 1)
    assert one.findings[0].title == "JYJ-0003 缺四项"
    assert one.findings[0].detail == "设定依据、申请条件、办理地点、办理时间"
    assert (five.state, five.value) == (State.VETO, 5)


def test_unpublished_items_are_not_counted(cluster):
    edu = cluster["agencies"]["edu"]
    make_item(edu, code="JYJ-0009", name="草稿事项", published=False, **LACKS_FOUR)
    assert measure_guides(cluster["homes"]["edu"], T0).state == State.OK
