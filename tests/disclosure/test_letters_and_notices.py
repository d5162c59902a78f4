"""Decision letters and the written notices of a request, to the letter of the law (issue
18, points 1, 2, 3 and 7), with frozen time. November 2026 has no holidays:
Mon 2026-11-02 + 20 WD = Mon 2026-11-30.

- Remedies: since 2024-01-01 a refusal (and the withheld part of a partial disclosure) goes
  to reconsideration first (《行政复议法》第二十三条); every other outcome keeps the choice;
  the body and the court are the agency's column settings, else the city defaults.
- Every letter cites its article per outcome and sub-reason; Art. 36(1) gives the link,
  36(5) the responsible agency and its contact, 36(7) the special procedure; no letter
  with an empty decision paragraph.
- Numbered notices (补正, 延期, 征求意见, 第三方告知, 终止, 说明理由, 延迟答复, 收费), the
  applicant's downloadable after the lookup proof, all printable by the clerk.
- Art. 35 (reasons, a longer period) and Art. 42 (the fee by 国办函〔2020〕109号's tiers,
  the clock paused while unpaid, lapse after 20 WD, the amount summed for section 六).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.test import Client, override_settings

import pytest
import time_machine

from govportal.core.cases.models import ActorKind
from govportal.core.errors import Conflict, InvalidInput
from govportal.core.outbox.models import OutboxMessage
from govportal.disclosure import actions, fees, letters, report, selectors
from govportal.disclosure.choices import SUB_REASONS, FeeMethod, NoticeKind, Outcome, SubReason
from govportal.disclosure.models import DisclosureNotice
from tests.disclosure.conftest import disclosure_column

pytestmark = pytest.mark.django_db

MON = "2026-11-02 10:00 +0800"


def _received(submit, clerk, on=date(2026, 11, 2), **overrides):
    req, code = submit(**overrides)
    actions.disclosure_request_confirm_receipt(req=req, actor=clerk, received_on=on)
    req.refresh_from_db()
    req.case.refresh_from_db()
    return req, code


def _prove(client, req, code):
    page = client.post("/zwgk/query/", {"tracking_number": req.case.tracking_number, "query_code": code}, follow=True)
    assert page.status_code == 200
    return page.content.decode()


# --- point 1: remedies ------------------------------------------------------------------------
def test_refusal_letter_says_reconsideration_first_naming_the_agencys_body_and_court(world, submit, clerks):
    column = disclosure_column(world["homes"]["edu"])
    column.reconsideration_body, column.competent_court = "示例市人民政府", "示例市芙蓉区人民法院"
    column.save()
    with time_machine.travel(MON, tick=False):
        req, _ = _received(submit, clerks["edu"])
        actions.disclosure_request_reply(
            req=req, actor=clerks["edu"], outcome=Outcome.REFUSED, sub_reason=SubReason.PROCESS, reply_text="系讨论稿。"
        )
    req.refresh_from_db()
    closing = letters.decision_letter(req).closing
    assert len(closing) == 1
    assert (
        "应当依照《中华人民共和国行政复议法》第二十三条的规定，先自收到本告知书之日起60日内向示例市人民政府申请行政复议"
        in closing[0]
    )
    assert "对行政复议决定不服的，可以依法向示例市芙蓉区人民法院提起行政诉讼" in closing[0]
    assert "6个月" not in closing[0]


def test_partial_letter_reconsideration_first_for_the_withheld_part_choice_for_the_rest(world, submit, clerks):
    with time_machine.travel(MON, tick=False):
        req, _ = _received(submit, clerks["edu"])
        actions.disclosure_request_reply(
            req=req, actor=clerks["edu"], outcome=Outcome.PARTIAL, reply_text="第三页涉及个人隐私，已作区分处理。"
        )
    req.refresh_from_db()
    first, rest = letters.decision_letter(req).closing
    # No column setting: the city defaults (docs/settings.md).
    assert "本告知书中不予公开部分" in first and "先自收到本告知书之日起60日内向示例市人民政府申请行政复议" in first
    assert "本告知书的其他内容" in rest and "60日内向示例市人民政府申请行政复议，也可以" in rest
    assert "6个月内向示例市城区人民法院提起行政诉讼" in rest


@override_settings(GOVPORTAL_DISCLOSURE_RECONSIDERATION_BODY="某市人民政府", GOVPORTAL_DISCLOSURE_COURT="某区人民法院")
def test_other_outcomes_and_letters_before_2024_keep_the_choice(world, submit, clerks):
    with time_machine.travel(MON, tick=False):
        req, _ = _received(submit, clerks["edu"])
        actions.disclosure_request_reply(req=req, actor=clerks["edu"], outcome=Outcome.DISCLOSED, reply_text="见附件。")
    req.refresh_from_db()
    (choice,) = letters.decision_letter(req).closing
    assert choice == (
        "如对本告知书不服，可以自收到本告知书之日起60日内向某市人民政府申请行政复议，"
        "也可以自收到本告知书之日起6个月内向某区人民法院提起行政诉讼。"
    )
    edu = world["agencies"]["edu"]
    (before,) = letters.remedies(agency=edu, outcome=Outcome.REFUSED, on=date(2023, 12, 31))
    assert "也可以自收到本告知书之日起6个月内" in before and "先自" not in before
    (since,) = letters.remedies(agency=edu, outcome=Outcome.REFUSED, on=date(2024, 1, 1))
    assert "先自收到本告知书之日起60日内" in since


# --- point 2: legal basis ---------------------------------------------------------------------------
EXPECTED_BASIS = {
    (Outcome.DISCLOSED, ""): "第三十六条第（二）项",
    (Outcome.PARTIAL, ""): "第三十七条",
    (Outcome.REFUSED, SubReason.STATE_SECRET): "第十四条",
    (Outcome.REFUSED, SubReason.OTHER_LAW): "第十四条",
    (Outcome.REFUSED, SubReason.THREE_SECURITIES): "第十四条",
    (Outcome.REFUSED, SubReason.THIRD_PARTY): "第十五条",
    (Outcome.REFUSED, SubReason.INTERNAL): "第十六条第一款",
    (Outcome.REFUSED, SubReason.PROCESS): "第十六条第二款",
    (Outcome.REFUSED, SubReason.ENFORCEMENT_FILE): "第十六条第二款",
    (Outcome.REFUSED, SubReason.ADMIN_QUERY): "第三十六条第（七）项",
    (Outcome.UNAVAILABLE, SubReason.NOT_HELD): "第三十六条第（四）项",
    (Outcome.UNAVAILABLE, SubReason.NEW_MAKING): "第三十八条",
    (Outcome.UNAVAILABLE, SubReason.STILL_UNCLEAR): "第三十条",
    (Outcome.NOT_PROCESSED, SubReason.PETITION): "第三十九条第一款",
    (Outcome.NOT_PROCESSED, SubReason.REPEAT): "第三十六条第（六）项",
    (Outcome.NOT_PROCESSED, SubReason.PUBLICATION): "第三十九条第二款",
    (Outcome.NOT_PROCESSED, SubReason.EXCESSIVE): "第三十五条",
    (Outcome.NOT_PROCESSED, SubReason.CONFIRM): "第三十八条",
}


def test_every_reply_cites_its_article_in_a_decision_paragraph(submit, clerks):
    with time_machine.travel(MON, tick=False):
        for (outcome, sub), article in EXPECTED_BASIS.items():
            req, _ = _received(submit, clerks["edu"])
            if sub == SubReason.STILL_UNCLEAR:
                actions.disclosure_request_correction_notice(req=req, actor=clerks["edu"], items="请写明文件名称")
                actions.disclosure_request_correct(
                    req=req, actor=None, actor_kind=ActorKind.CITIZEN, description="还是那份文件。"
                )
            if sub == SubReason.EXCESSIVE:
                actions.disclosure_request_require_reasons(req=req, actor=clerks["edu"])
            actions.disclosure_request_reply(
                req=req, actor=clerks["edu"], outcome=outcome, sub_reason=sub, reply_text="具体理由。"
            )
            req.refresh_from_db()
            letter = letters.decision_letter(req)
            decision = letter.paragraphs[1]
            assert article in dict(letter.table)["法律依据"], (outcome, sub)
            assert decision.endswith("具体理由。") and len(decision) > len("具体理由。") + 10
            if outcome == Outcome.REFUSED and sub != SubReason.ADMIN_QUERY:
                assert "《中华人民共和国政府信息公开条例》" in decision and "决定不予公开" in decision
    covered = {(o, s) for o, s in EXPECTED_BASIS}
    assert covered | {(Outcome.OTHER, s) for s in SUB_REASONS[Outcome.OTHER]} == {
        (o, s) for o, subs in SUB_REASONS.items() for s in (subs or [""])
    }


def test_art_36_1_already_public_needs_the_link_and_the_letter_gives_it(submit, clerks):
    with time_machine.travel(MON, tick=False):
        req, _ = _received(submit, clerks["edu"])
        with pytest.raises(InvalidInput, match="第三十六条第（一）项") as exc:
            actions.disclosure_request_reply(
                req=req, actor=clerks["edu"], outcome=Outcome.DISCLOSED, already_public=True, reply_text="已公开。"
            )
        assert exc.value.field == "public_link"
        link = "https://www.example.gov.cn/jyj/xxgk/2026/zsfa.html"
        actions.disclosure_request_reply(
            req=req,
            actor=clerks["edu"],
            outcome=Outcome.DISCLOSED,
            already_public=True,
            public_link=link,
            reply_text="该方案已于2026年4月在本局网站公开。",
        )
    req.refresh_from_db()
    letter = letters.decision_letter(req)
    assert "已经主动公开" in letter.paragraphs[1] and link in letter.paragraphs[1]
    assert "第三十六条第（一）项" in dict(letter.table)["法律依据"]


def test_art_36_5_names_the_responsible_agency_and_its_contact(submit, clerks):
    with time_machine.travel(MON, tick=False):
        req, _ = _received(submit, clerks["edu"])
        with pytest.raises(InvalidInput, match="联系方式"):
            actions.disclosure_request_reply(
                req=req,
                actor=clerks["edu"],
                outcome=Outcome.UNAVAILABLE,
                sub_reason=SubReason.NOT_HELD,
                responsible_agency="示例市自然资源和规划局",
                reply_text="由规划部门制作和保存。",
            )
        actions.disclosure_request_reply(
            req=req,
            actor=clerks["edu"],
            outcome=Outcome.UNAVAILABLE,
            sub_reason=SubReason.NOT_HELD,
            responsible_agency="示例市自然资源和规划局",
            responsible_contact="0731-88880000，示例市人民路1号",
            reply_text="该规划批复由规划部门制作和保存。",
        )
    req.refresh_from_db()
    letter = letters.decision_letter(req)
    assert "示例市自然资源和规划局" in letter.paragraphs[1] and "0731-88880000" in letter.paragraphs[1]
    assert "第三十六条第（五）项" in dict(letter.table)["法律依据"]


def test_art_36_7_points_to_the_special_procedure_not_plain_refusal(submit, clerks):
    with time_machine.travel(MON, tick=False):
        req, _ = _received(submit, clerks["edu"])
        actions.disclosure_request_reply(
            req=req,
            actor=clerks["edu"],
            outcome=Outcome.REFUSED,
            sub_reason=SubReason.ADMIN_QUERY,
            reply_text="不动产登记资料请向不动产登记机构申请查询。",
        )
    req.refresh_from_db()
    decision = letters.decision_letter(req).paragraphs[1]
    assert "依照有关法律、行政法规的规定办理" in decision and "依法不予公开" not in decision


def test_no_letter_with_an_empty_decision_paragraph_clear_message_in_the_admin(client, submit, clerks):
    with time_machine.travel(MON, tick=False):
        req, _ = _received(submit, clerks["edu"])
        client.force_login(clerks["edu"])
        response = client.post(
            f"/admin/zwgk/{req.pk}/", {"action": "reply", "outcome": Outcome.DISCLOSED, "reply_text": "  "}
        )
    assert response.status_code == 400
    assert "答复告知书的决定部分不能为空" in response.content.decode()
    req.refresh_from_db()
    assert req.outcome == "" and req.letter_number == ""


# --- point 3: numbered notices ---------------------------------------------------------------------
def test_correction_notice_is_numbered_lists_everything_and_the_applicant_downloads_it(client, submit, clerks):
    with time_machine.travel(MON, tick=False):
        req, code = _received(submit, clerks["edu"])
        actions.disclosure_request_correction_notice(
            req=req, actor=clerks["edu"], items="请写明文件的名称或文号\n请写明文件形成的大致时间"
        )
    notice = DisclosureNotice.objects.get(request=req, kind=NoticeKind.CORRECTION)
    assert notice.number == "教育局依申补〔2026〕1号" and notice.issued_on == date(2026, 11, 2)
    letter = letters.notice_letter(notice)
    rows = dict(letter.table)
    assert rows["补正事项1"] == "请写明文件的名称或文号" and rows["补正事项2"] == "请写明文件形成的大致时间"
    assert rows["补正期限"] == "2026年11月23日前"  # 15 WD (GOVPORTAL_DISCLOSURE_CORRECTION_DAYS)
    assert letter.title == "补正告知书"
    page = _prove(client, req, code)
    assert "补正告知书" in page and notice.number in page
    url = f"/zwgk/query/notice.pdf?tracking_number={req.case.tracking_number}&notice={notice.pk}"
    pdf = client.get(url)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert Client().get(url).status_code == 404  # no proof, no letter
    assert client.get(url.replace(f"notice={notice.pk}", "notice=999999")).status_code == 404
    api = Client().get(f"/api/v1/cases/{req.case.tracking_number}", HTTP_X_QUERY_CODE=code).json()
    (listed,) = api["detail"]["notices"]
    assert listed["number"] == notice.number and listed["url"].endswith(f"notice={notice.pk}")
    assert "query_code" not in listed["url"]
    # The clerk prints it from the request's page.
    client.force_login(clerks["edu"])
    admin = client.get(f"/admin/zwgk/{req.pk}/").content.decode()
    assert notice.number in admin
    assert client.get(f"/admin/zwgk/{req.pk}/notice/{notice.pk}.pdf").content.startswith(b"%PDF")
    client.force_login(clerks["town"])
    assert client.get(f"/admin/zwgk/{req.pk}/notice/{notice.pk}.pdf").status_code == 404


def test_extension_notice_gives_the_new_date(submit, clerks):
    with time_machine.travel(MON, tick=False):
        req, _ = _received(submit, clerks["edu"])
    with time_machine.travel("2026-11-20 10:00 +0800", tick=False):
        actions.disclosure_request_extend(req=req, actor=clerks["edu_head"], days=10, reason="需调取档案")
    notice = DisclosureNotice.objects.get(request=req, kind=NoticeKind.EXTENSION)
    rows = dict(letters.notice_letter(notice).table)
    # 2026-11-30 + 10 WD = 2026-12-14
    assert rows["延长后的答复期限"] == "2026年12月14日" and notice.number == "教育局依申延〔2026〕1号"
    assert "第三十三条第二款" in letters.notice_letter(notice).paragraphs[1]


def test_consultation_letter_goes_to_the_third_party_and_art_32_notice_before_disclosing_over_objection(
    client, submit, clerks
):
    with time_machine.travel(MON, tick=False):
        req, code = _received(submit, clerks["edu"])
        actions.disclosure_request_consult(req=req, actor=clerks["edu"], party="示例市恒达建设工程有限公司")
    letter_to_party = DisclosureNotice.objects.get(request=req, kind=NoticeKind.CONSULTATION)
    assert letter_to_party.addressee == "示例市恒达建设工程有限公司"
    text = letters.notice_letter(letter_to_party)
    assert "第三十二条" in text.paragraphs[0] and "15个工作日" in text.paragraphs[1]
    assert req.name not in "".join(text.paragraphs)  # the applicant is not named to the third party
    with time_machine.travel("2026-11-09 10:00 +0800", tick=False):
        actions.disclosure_request_consult_end(
            req=req, actor=clerks["edu"], opinion="涉及商业秘密，不同意公开", objects=True
        )
        with pytest.raises(Conflict, match="第三十二条"):
            actions.disclosure_request_reply(
                req=req, actor=clerks["edu"], outcome=Outcome.DISCLOSED, reply_text="见附件。"
            )
        actions.disclosure_request_third_party_notice(
            req=req,
            actor=clerks["edu"],
            content="中标合同文本（不含报价明细）",
            reason="涉及重大公共安全，不公开会对公共利益造成重大影响",
        )
        actions.disclosure_request_reply(req=req, actor=clerks["edu"], outcome=Outcome.DISCLOSED, reply_text="见附件。")
    notice = DisclosureNotice.objects.get(request=req, kind=NoticeKind.THIRD_PARTY)
    assert notice.addressee == "示例市恒达建设工程有限公司" and notice.number == "教育局依申三〔2026〕1号"
    assert dict(letters.notice_letter(notice).table)["决定公开的内容"] == "中标合同文本（不含报价明细）"
    # Letters to the third party are the office's to print; the applicant's page lists neither.
    page = _prove(client, req, code)
    assert letter_to_party.number not in page and notice.number not in page
    url = f"/zwgk/query/notice.pdf?tracking_number={req.case.tracking_number}&notice={notice.pk}"
    assert client.get(url).status_code == 404


def test_lapsed_correction_closes_with_a_termination_notice_and_tells_the_applicant(client, submit, clerks):
    with time_machine.travel(MON, tick=False):
        req, code = _received(submit, clerks["edu"], email="zhang@example.com")
        actions.disclosure_request_correction_notice(req=req, actor=clerks["edu"], items="请写明文件名称")
    with time_machine.travel("2026-11-24 02:00 +0800", tick=False):  # due 11-23
        assert actions.disclosure_requests_sweep()["lapsed"] == 1
    req.refresh_from_db()
    assert (req.case.state, req.outcome, req.sub_reason) == ("withdrawn", Outcome.OTHER, SubReason.NO_CORRECTION)
    notice = DisclosureNotice.objects.get(request=req, kind=NoticeKind.LAPSE)
    letter = letters.notice_letter(notice)
    assert "2026年11月02日" in letter.paragraphs[1] and "第三十条" in letter.paragraphs[1]
    assert "视为放弃申请" in letter.paragraphs[1]
    told = OutboxMessage.objects.filter(case=req.case, body__contains="逾期未补正，视为放弃申请")
    assert {m.channel for m in told} == {"sms", "email"}
    assert "终止办理告知书" in _prove(client, req, code)


# --- point 7: Art. 35 ----------------------------------------------------------------------------------
def test_art_35_reasons_first_then_a_longer_period_with_its_notice(client, submit, clerks):
    with time_machine.travel(MON, tick=False):
        req, code = _received(submit, clerks["edu"])
        with pytest.raises(Conflict, match="说明理由"):
            actions.disclosure_request_delay(req=req, actor=clerks["edu_head"], days=20, reason="数量大")
        with pytest.raises(Conflict, match="说明理由"):
            actions.disclosure_request_reply(
                req=req,
                actor=clerks["edu"],
                outcome=Outcome.NOT_PROCESSED,
                sub_reason=SubReason.EXCESSIVE,
                reply_text="理由不合理。",
            )
        actions.disclosure_request_require_reasons(req=req, actor=clerks["edu"], note="本月已申请120件")
    reasons = DisclosureNotice.objects.get(request=req, kind=NoticeKind.REASONS)
    assert "第三十五条" in letters.notice_letter(reasons).paragraphs[1]
    assert OutboxMessage.objects.filter(case=req.case, body__contains="说明理由").exists()
    with time_machine.travel("2026-11-16 10:00 +0800", tick=False):
        actions.disclosure_request_delay(
            req=req, actor=clerks["edu_head"], days=30, reason="申请理由合理，涉及档案120卷"
        )
    req.case.refresh_from_db()
    # 2026-11-30 + 30 WD = 2027-01-12 (2027-01-01 New Year's Day)
    assert req.case.due_date == date(2027, 1, 12)
    assert "确定延迟答复 30 个工作日" in req.case.due_explanation
    delay = DisclosureNotice.objects.get(request=req, kind=NoticeKind.DELAY)
    assert dict(letters.notice_letter(delay).table)["答复期限至"] == "2027年01月12日"
    page = _prove(client, req, code)
    assert "说明理由通知书" in page and "延迟答复告知书" in page


# --- point 7: the information processing fee ----------------------------------------------------
def test_fee_tiers_of_guobanhan_2020_109():
    # 按量: 30 free, 31–100 ×10, 101–200 ×20, 201– ×40 (超额累进)
    assert fees.compute(FeeMethod.VOLUME, 30)[0] == Decimal(0)
    assert fees.compute(FeeMethod.VOLUME, 31)[0] == Decimal(10)
    assert fees.compute(FeeMethod.VOLUME, 100)[0] == Decimal(700)
    assert fees.compute(FeeMethod.VOLUME, 250)[0] == Decimal(700 + 2000 + 2000)
    # 按件: a month's 1st–10th free, 11th–30th 100, 31st–40th 200, 41st–50th 300
    assert [fees.piece_price(n) for n in (10, 11, 30, 31, 40, 41, 51)] == [0, 100, 100, 200, 200, 300, 400]
    amount, lines = fees.compute(FeeMethod.PIECE, 3, prior=29)
    assert amount == Decimal(100 + 200 + 200)
    assert lines == [("本月第30件", "100元/件 × 1件 = 100元"), ("本月第31—32件", "200元/件 × 2件 = 400元")]


def test_fee_notice_pauses_the_clock_until_paid_and_the_amount_is_reported(client, submit, clerks, world):
    with time_machine.travel(MON, tick=False):
        req, code = _received(submit, clerks["edu"])
        with pytest.raises(Conflict, match="不需要收取"):
            actions.disclosure_request_fee_notice(
                req=req, actor=clerks["edu"], method="volume", quantity=30, how="转账"
            )
    with time_machine.travel("2026-11-09 10:00 +0800", tick=False):
        actions.disclosure_request_fee_notice(
            req=req, actor=clerks["edu"], method=FeeMethod.VOLUME, quantity=120, how="向本局账户转账（账号见附）"
        )
    req.refresh_from_db()
    req.case.refresh_from_db()
    assert req.case.state == "awaiting_fee" and req.case.due_date is None and req.fee_amount == Decimal("1100.00")
    notice = DisclosureNotice.objects.get(request=req, kind=NoticeKind.FEE)
    rows = dict(letters.notice_letter(notice).table)
    assert rows["应缴金额"] == "1100.00元" and rows["第31—100页"] == "10元/页 × 70页 = 700元"
    assert rows["缴费期限"].startswith("2026年12月07日前")  # 11-09 + 20 WD
    assert OutboxMessage.objects.filter(case=req.case, body__contains="1100.00 元").exists()
    assert "信息处理费收费通知书" in _prove(client, req, code)
    with time_machine.travel("2026-11-16 10:00 +0800", tick=False):  # 5 WD unpaid
        actions.disclosure_request_fee_paid(req=req, actor=clerks["edu"], paid_on=date(2026, 11, 16))
    req.case.refresh_from_db()
    assert req.case.state == "processing"
    assert req.case.due_date == date(2026, 12, 7)  # 11-30 + 5 WD not counted
    assert "待缴信息处理费暂停 5 个工作日" in req.case.due_explanation
    assert selectors.fees_collected(agency=world["agencies"]["edu"], year=2026) == {
        "count": 1,
        "amount": Decimal("1100.00"),
    }
    assert selectors.fees_collected(year=2025)["count"] == 0
    # section 六 of the annual report (page and xlsx) carries the amount collected
    built = report.build(agency=world["agencies"]["edu"], year=2026)
    assert report.fees_sentence(built) == "本年度收取信息处理费 1 件，共计 1100.00 元。"
    assert report.from_json(report.to_json(built)).fees_collected == built.fees_collected


def test_unpaid_fee_lapses_after_20_working_days_with_the_sub_reason_and_a_notice(submit, clerks):
    with time_machine.travel(MON, tick=False):
        req, _ = _received(submit, clerks["edu"], email="zhang@example.com")
        actions.disclosure_request_fee_notice(
            req=req, actor=clerks["edu"], method=FeeMethod.VOLUME, quantity=40, how="现金"
        )
        with pytest.raises(Conflict):  # 逾期未缴费 only after the lapse
            actions.disclosure_request_reply(
                req=req, actor=clerks["edu"], outcome=Outcome.OTHER, sub_reason=SubReason.FEE_UNPAID, reply_text="x"
            )
    with time_machine.travel("2026-11-30 02:00 +0800", tick=False):  # due 11-30: not yet
        assert actions.disclosure_requests_sweep()["lapsed"] == 0
    with time_machine.travel("2026-12-01 02:00 +0800", tick=False):
        assert actions.disclosure_requests_sweep()["lapsed"] == 1
    req.refresh_from_db()
    assert (req.case.state, req.outcome, req.sub_reason) == ("withdrawn", Outcome.OTHER, SubReason.FEE_UNPAID)
    assert req.fee_paid_on is None
    notice = DisclosureNotice.objects.get(request=req, kind=NoticeKind.LAPSE)
    assert "第四十二条" in letters.notice_letter(notice).paragraphs[1]
    assert OutboxMessage.objects.filter(case=req.case, body__contains="逾期未缴纳信息处理费，视为放弃申请").count() == 2


# --- the admin's forms ------------------------------------------------------------------------------
def test_the_clerk_takes_the_new_steps_from_the_request_page(client, submit, clerks):
    with time_machine.travel(MON, tick=False):
        req, _ = _received(submit, clerks["edu"])
        client.force_login(clerks["edu"])
        page = client.get(f"/admin/zwgk/{req.pk}/").content.decode()
        assert 'value="require_reasons"' in page and 'value="fee_notice"' in page and 'value="delay"' not in page
        bad = client.post(f"/admin/zwgk/{req.pk}/", {"action": "fee_notice", "method": "volume", "quantity": "0"})
        assert bad.status_code == 400 and "计费数量" in bad.content.decode()
        done = client.post(
            f"/admin/zwgk/{req.pk}/", {"action": "fee_notice", "method": "volume", "quantity": "35", "how": "窗口缴纳"}
        )
        assert done.status_code == 302
        page = client.get(f"/admin/zwgk/{req.pk}/").content.decode()
        assert "信息处理费收费通知书" in page and "50.00" in page and 'value="fee_paid"' in page
        assert "dict_items" not in page and 'value="2026-11-02"' in page  # history notes, ISO date input
        assert client.post(f"/admin/zwgk/{req.pk}/", {"action": "fee_paid", "paid_on": "2026-11-02"}).status_code == 302
        reply = client.post(
            f"/admin/zwgk/{req.pk}/",
            {
                "action": "reply",
                "outcome": Outcome.DISCLOSED,
                "already_public": "on",
                "public_link": "https://www.example.gov.cn/a.html",
                "reply_text": "已在网站公开。",
            },
        )
        assert reply.status_code == 302
    req.refresh_from_db()
    assert req.already_public and req.public_link == "https://www.example.gov.cn/a.html"
    assert req.fee_amount == Decimal("50.00") and req.fee_paid_on == date(2026, 11, 2)


def test_fee_by_piece_counts_the_applicants_earlier_requests_of_the_month(submit, clerks):
    with time_machine.travel("2026-10-30 10:00 +0800", tick=False):
        for _ in range(3):  # last month's do not count
            submit()
    with time_machine.travel(MON, tick=False):
        for _ in range(10):
            submit()
        submit(id_number="11010519491231002X")  # another applicant
        req, _ = _received(submit, clerks["edu"])
        notice = actions.disclosure_request_fee_notice(
            req=req, actor=clerks["edu"], method=FeeMethod.PIECE, quantity=2, how="窗口缴纳"
        )
    # The 11th and 12th requests of November: 100 yuan each.
    assert notice.payload["prior"] == 10 and req.fee_amount == Decimal(200)
    assert dict(letters.notice_letter(notice).table)["本月第11—12件"] == "100元/件 × 2件 = 200元"
