"""Requests (依申请公开) on the legal clock, each rule with frozen time. November 2026 has no
holidays: Mon 2026-11-02 + 20 WD = Mon 2026-11-30; + 7 WD = Wed 2026-11-11."""

from __future__ import annotations

from datetime import date

from django.test import Client

import pytest
import time_machine

from govportal.core.cases.models import ActorKind, CaseEvent
from govportal.core.errors import Conflict, InvalidInput, NotAllowed
from govportal.core.outbox.models import OutboxMessage
from govportal.disclosure import actions
from govportal.disclosure.choices import SUB_REASONS, Channel, Outcome, SubReason
from govportal.disclosure.letters import decision_letter
from tests.disclosure.conftest import applicant
from tests.submission import captcha_headers, guard_fields

pytestmark = pytest.mark.django_db

MON = "2026-11-02 10:00 +0800"


def _received(submit, clerk, on=date(2026, 11, 2)):
    req, code = submit()
    actions.disclosure_request_confirm_receipt(req=req, actor=clerk, received_on=on)
    req.refresh_from_db()
    req.case.refresh_from_db()
    return req, code


def test_online_request_clock_starts_when_both_sides_confirm(client, world, clerks):
    with time_machine.travel(MON, tick=False):
        guard = guard_fields(client.get("/zwgk/apply/").content.decode())
        response = client.post("/zwgk/apply/", {**applicant(), "agency": world["agencies"]["edu"].pk, **guard})
        assert response.status_code == 201
        body = response.content.decode()
        assert "办件编号" in body and "查询码" in body
        assert response["Cache-Control"] == "private, no-store"
        from govportal.disclosure.models import DisclosureRequest

        req = DisclosureRequest.objects.get()
        assert req.case.state == "submitted" and req.case.due_date is None and req.channel == Channel.ONLINE
    with time_machine.travel("2026-11-03 09:00 +0800", tick=False):
        actions.disclosure_request_confirm_receipt(req=req, actor=clerks["edu"])
    req.case.refresh_from_db()
    assert req.case.state == "processing"
    assert req.case.due_date == date(2026, 12, 1)
    assert req.case.due_explanation.startswith("收到申请日 2026-11-03，20个工作日")


def test_form_errors_are_400_in_chinese_and_nothing_is_saved(client, world):
    response = client.post("/zwgk/apply/", {**applicant(name="", phone="abc"), "agency": world["agencies"]["edu"].pk})
    assert response.status_code == 400
    assert "请修改下面标出的内容" in response.content.decode()
    from govportal.disclosure.models import DisclosureRequest

    assert not DisclosureRequest.objects.exists()


def test_receipt_date_follows_the_channel(world, clerks):
    edu, clerk = world["agencies"]["edu"], clerks["edu"]
    with time_machine.travel("2026-11-06 10:00 +0800", tick=False):
        in_person, _ = actions.disclosure_request_register(
            actor=clerk, agency=edu, data=applicant(), channel=Channel.IN_PERSON, received_on=date(2026, 11, 2)
        )
        assert in_person.received_on == date(2026, 11, 2)  # in person: the day handed in, as entered
        posted, _ = actions.disclosure_request_register(
            actor=clerk, agency=edu, data=applicant(), channel=Channel.REGISTERED_POST, received_on=date(2026, 11, 2)
        )
        assert posted.received_on == date(2026, 11, 2)  # registered post: the signing date
        posted.case.refresh_from_db()
        assert posted.case.due_date == date(2026, 11, 30)
        for channel in (Channel.REGISTERED_POST, Channel.ORDINARY_POST, Channel.FAX):
            with pytest.raises(InvalidInput) as missing:
                actions.disclosure_request_register(actor=clerk, agency=edu, data=applicant(), channel=channel)
            assert missing.value.field == "received_on"
        with pytest.raises(InvalidInput):
            actions.disclosure_request_register(
                actor=clerk, agency=edu, data=applicant(), channel=Channel.FAX, received_on=date(2026, 11, 9)
            )
        with pytest.raises(NotAllowed):
            actions.disclosure_request_register(
                actor=clerks["town"], agency=edu, data=applicant(), channel=Channel.IN_PERSON
            )


def test_one_correction_notice_within_7_wd_and_the_clock_restarts_on_the_correction(submit, clerks):
    with time_machine.travel(MON, tick=False):
        req, _ = _received(submit, clerks["edu"])
    with time_machine.travel("2026-11-11 10:00 +0800", tick=False):  # the 7th working day
        actions.disclosure_request_correction_notice(
            req=req, actor=clerks["edu"], items="请写明文件名称；请补充身份证明"
        )
        req.case.refresh_from_db()
        assert req.case.state == "correcting"
        assert req.correction_due == date(2026, 12, 2)  # 15 WD (GOVPORTAL_DISCLOSURE_CORRECTION_DAYS)
        assert OutboxMessage.objects.filter(case=req.case, channel="sms", body__contains="请写明文件名称").exists()
    with time_machine.travel("2026-11-16 10:00 +0800", tick=False):
        actions.disclosure_request_correct(
            req=req, actor=None, actor_kind=ActorKind.CITIZEN, description="《示例市2026年义务教育招生划片方案》"
        )
        req.case.refresh_from_db()
        assert req.case.state == "processing"
        assert req.case.due_date == date(2026, 12, 14)  # 20 WD from 2026-11-16
        assert req.case.due_explanation.startswith("收到补正日 2026-11-16")
        with pytest.raises(Conflict):
            actions.disclosure_request_correction_notice(req=req, actor=clerks["edu"], items="再补一项")


def test_correction_notice_after_7_wd_is_refused(submit, clerks):
    with time_machine.travel(MON, tick=False):
        req, _ = _received(submit, clerks["edu"])
    with time_machine.travel("2026-11-12 10:00 +0800", tick=False):  # 8th working day
        with pytest.raises(Conflict, match="7个工作日"):
            actions.disclosure_request_correction_notice(req=req, actor=clerks["edu"], items="请写明文件名称")


def test_no_correction_within_the_period_closes_the_request_as_abandoned(submit, clerks):
    with time_machine.travel(MON, tick=False):
        req, _ = _received(submit, clerks["edu"])
        actions.disclosure_request_correction_notice(req=req, actor=clerks["edu"], items="请写明文件名称")
    req.refresh_from_db()
    assert req.correction_due == date(2026, 11, 23)
    with time_machine.travel("2026-11-23 23:00 +0800", tick=False):
        assert actions.disclosure_requests_sweep()["lapsed"] == 0  # the last day still counts
    with time_machine.travel("2026-11-24 01:00 +0800", tick=False):
        assert actions.disclosure_requests_sweep()["lapsed"] == 1
    req.refresh_from_db()
    req.case.refresh_from_db()
    assert req.case.state == "withdrawn" and not req.case.is_open
    assert (req.outcome, req.sub_reason) == (Outcome.OTHER, SubReason.NO_CORRECTION)


def test_consultation_pauses_the_clock_and_co_author_silence_ends_it(submit, clerks):
    with time_machine.travel(MON, tick=False):
        req, _ = _received(submit, clerks["edu"])
    with time_machine.travel("2026-11-04 10:00 +0800", tick=False):
        actions.disclosure_request_consult(req=req, actor=clerks["edu"], party="示例市财政局", co_author=True)
        req.case.refresh_from_db()
        assert req.case.due_date is None and "征求意见自 2026-11-04 起暂停计时" in req.case.due_explanation
    with time_machine.travel("2026-11-25 10:00 +0800", tick=False):  # 15 WD after 11-04 is 11-25
        assert actions.disclosure_requests_sweep()["consulted"] == 0
    with time_machine.travel("2026-11-26 10:00 +0800", tick=False):
        assert actions.disclosure_requests_sweep()["consulted"] == 1
    req.case.refresh_from_db()
    assert req.case.state == "processing"
    end = CaseEvent.objects.get(case=req.case, type="consulted")
    assert end.payload["silent"] and "视为同意" in end.payload["opinion"]
    # paused 11-04 → 11-25, the 15th WD (Art. 32), though the sweep ended it on 11-26
    assert end.payload["ended_on"] == "2026-11-25"
    assert req.case.due_date == date(2026, 12, 21)
    assert "征求意见暂停 15 个工作日" in req.case.due_explanation


def test_one_extension_of_at_most_20_wd_by_the_head_of_the_office_notified(submit, clerks):
    with time_machine.travel(MON, tick=False):
        req, _ = _received(submit, clerks["edu"])
        with pytest.raises(NotAllowed):
            actions.disclosure_request_extend(req=req, actor=clerks["edu"], days=10, reason="涉及档案调取")
        with pytest.raises(InvalidInput):
            actions.disclosure_request_extend(req=req, actor=clerks["edu_head"], days=21, reason="涉及档案调取")
        actions.disclosure_request_extend(req=req, actor=clerks["edu_head"], days=20, reason="涉及档案调取")
        req.case.refresh_from_db()
        assert req.case.due_date == date(2026, 12, 28)
        assert "经批准延期 20 个工作日" in req.case.due_explanation
        assert OutboxMessage.objects.filter(case=req.case, body__contains="延长答复期限 20 个工作日").count() == 2
        with pytest.raises(Conflict):
            actions.disclosure_request_extend(req=req, actor=clerks["edu_head"], days=1, reason="再次延期")


def test_every_outcome_and_sub_reason_of_the_taxonomy_can_be_replied(submit, clerks):
    """Each one after the step it depends on (补正 for 仍不明确, 说明理由 for 大量反复申请);
    逾期不补正 and 逾期未缴费 are the sweep's (tests/disclosure/test_letters_and_notices.py)."""
    pairs = [(o, s) for o, subs in SUB_REASONS.items() for s in (subs or [""])]
    assert len(pairs) == 2 + 8 + 3 + 5 + 3
    swept = {SubReason.NO_CORRECTION, SubReason.FEE_UNPAID}
    with time_machine.travel(MON, tick=False):
        for outcome, sub in pairs:
            req, _ = _received(submit, clerks["edu"])
            if sub in swept:
                with pytest.raises(Conflict):
                    actions.disclosure_request_reply(
                        req=req, actor=clerks["edu"], outcome=outcome, sub_reason=sub, reply_text="理由。"
                    )
                continue
            if sub == SubReason.STILL_UNCLEAR:
                actions.disclosure_request_correction_notice(req=req, actor=clerks["edu"], items="请写明文件名称")
                actions.disclosure_request_correct(
                    req=req, actor=None, actor_kind=ActorKind.CITIZEN, description="还是那份文件。"
                )
            if sub == SubReason.EXCESSIVE:
                actions.disclosure_request_require_reasons(req=req, actor=clerks["edu"])
            actions.disclosure_request_reply(
                req=req, actor=clerks["edu"], outcome=outcome, sub_reason=sub, reply_text="依据《条例》相关规定。"
            )
            req.refresh_from_db()
            req.case.refresh_from_db()
            assert (req.outcome, req.sub_reason, req.case.state) == (outcome, sub, "replied")
        req, _ = _received(submit, clerks["edu"])
        with pytest.raises(InvalidInput):
            actions.disclosure_request_reply(
                req=req, actor=clerks["edu"], outcome=Outcome.REFUSED, sub_reason="not_held"
            )
        with pytest.raises(InvalidInput):
            actions.disclosure_request_reply(
                req=req, actor=clerks["edu"], outcome=Outcome.REFUSED, sub_reason="state_secret"
            )


def test_citizen_reads_status_downloads_letter_with_remedies(client, submit, clerks):
    with time_machine.travel(MON, tick=False):
        req, code = _received(submit, clerks["edu"])
        number = req.case.tracking_number
        api = client.get(f"/api/v1/disclosure/requests/{number}", {"query_code": code}).json()
        assert api["status"] == "办理中" and api["due_date"] == "2026-11-30"
        assert api["due_explanation"].startswith("收到申请日 2026-11-02")
        assert [e["label"] for e in api["history"]] == ["提交", "确认收到申请"]
        assert client.get(f"/api/v1/disclosure/requests/{number}", {"query_code": "WRONG234"}).status_code == 404
        actions.disclosure_request_reply(req=req, actor=clerks["edu"], outcome=Outcome.DISCLOSED, reply_text="见附件。")
        page = client.post("/zwgk/query/", {"tracking_number": number, "query_code": code}, follow=True)
        assert page.status_code == 200 and "予以公开" in page.content.decode()
        assert code not in page.redirect_chain[-1][0] and code not in page.content.decode()
        # The download link carries no code: the proof is in this browser's session.
        pdf = client.get("/zwgk/query/letter.pdf", {"tracking_number": number})
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        assert Client().get("/zwgk/query/letter.pdf", {"tracking_number": number}).status_code == 404
        # The API's letter link has no code in it either; the caller sends its header along.
        answer = Client().get(f"/api/v1/disclosure/requests/{number}", HTTP_X_QUERY_CODE=code)
        assert answer.status_code == 200, answer.content.decode()
        assert answer.json()["outcome"] == "予以公开"
        letter_url = answer.json()["letter_url"]
        assert code not in letter_url
        followed = Client().get(letter_url, HTTP_X_QUERY_CODE=code)
        assert followed.status_code == 200 and followed.content.startswith(b"%PDF")
        assert Client().get(letter_url).status_code == 404
        assert client.get("/zwgk/query/letter.pdf", {"tracking_number": number, "query_code": "X"}).status_code == 404
    req.refresh_from_db()
    letter = decision_letter(req)
    assert any("60日" in p and "6个月" in p for p in letter.closing)
    assert letter.document_number.startswith("教育局依申复〔2026〕")


def test_api_post_creates_a_request_and_rejects_bad_input(client, world):
    data = {**applicant(), "agency_code": "D0001"}
    response = client.post(
        "/api/v1/disclosure/requests", data, content_type="application/json", **captcha_headers(client)
    )
    assert response.status_code == 201
    body = response.json()
    assert body["tracking_number"].startswith("GK") and len(body["query_code"]) == 8
    bad = client.post(
        "/api/v1/disclosure/requests",
        {**data, "agency_code": "NOPE"},
        content_type="application/json",
        **captcha_headers(client),
    )
    assert bad.status_code == 400 and "受理机关" in bad.json()["detail"]
    short = client.post(
        "/api/v1/disclosure/requests",
        {**data, "description": "短"},
        content_type="application/json",
        **captcha_headers(client),
    )
    assert short.status_code == 422 and "至少 5 个字" in short.json()["detail"]


def test_petition_reply_hands_the_case_to_the_mailbox_and_shows_the_letter_link(client, submit, clerks):
    with time_machine.travel(MON, tick=False):
        req, code = _received(submit, clerks["edu"])
        with pytest.raises(Conflict):
            actions.disclosure_request_handoff_to_mailbox(req=req, actor=clerks["edu"])
        actions.disclosure_request_reply(
            req=req,
            actor=clerks["edu"],
            outcome=Outcome.NOT_PROCESSED,
            sub_reason=SubReason.PETITION,
            reply_text="您反映的是投诉事项。",
        )
        actions.disclosure_request_handoff_to_mailbox(req=req, actor=clerks["edu"])
        message = OutboxMessage.objects.get(channel="handoff")
        assert message.recipient == "interaction.letter_from_disclosure"
        assert message.payload == {
            "source_tracking_number": req.case.tracking_number,
            "agency_code": "D0001",
            "title": req.case.title,
            "content": req.description,
            "name": "张三",
            "phone": "13800000000",
            "email": "zhangsan@example.com",
        }
        with pytest.raises(Conflict):
            actions.disclosure_request_handoff_to_mailbox(req=req, actor=clerks["edu"])
        # what the mailbox area does when it has created the letter:
        from govportal.core.cases.actions import case_add_event

        case_add_event(
            case=req.case,
            type="linked_letter",
            label="已转为信件",
            actor=None,
            actor_kind=ActorKind.SYSTEM,
            payload={"tracking_number": "XX20261102-00001"},
            public=True,
        )
        page = client.post(
            "/zwgk/query/", {"tracking_number": req.case.tracking_number, "query_code": code}, follow=True
        )
        assert "XX20261102-00001" in page.content.decode()


def test_decision_letter_numbers_run_on_per_agency_and_cannot_repeat(submit, clerks):
    from django.db import IntegrityError, transaction

    with time_machine.travel(MON, tick=False):
        first, _ = _received(submit, clerks["edu"])
        second, _ = _received(submit, clerks["edu"])
        for req in (first, second):
            actions.disclosure_request_reply(
                req=req, actor=clerks["edu"], outcome=Outcome.DISCLOSED, reply_text="见附件。"
            )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.letter_number == "教育局依申复〔2026〕1号" and second.letter_number == "教育局依申复〔2026〕2号"
    second.letter_number = first.letter_number
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save(update_fields=["letter_number"])


def test_admin_history_shows_readable_steps_not_a_dict(submit, clerks):
    """Issue 19 (6): the register's history read ``dict_items([...])`` for every step."""
    with time_machine.travel(MON, tick=False):
        req, _ = _received(submit, clerks["edu"])
        actions.disclosure_request_correction_notice(req=req, actor=clerks["edu"], items="请写明文件名称")
    client = Client()
    client.force_login(clerks["edu"])
    page = client.get(f"/admin/zwgk/{req.pk}/").content.decode()
    assert "dict_items" not in page and "{&#x27;" not in page and "{'" not in page
    assert "补正事项：请写明文件名称" in page
    assert "期限至：2026-11-23" in page
    assert "收到日期：2026-11-02" in page


def test_decision_pdf_text_has_no_doubled_full_stop_and_every_glyph_is_covered(client, submit, clerks):
    """Issue 19 (6): the letter read “申请获取：…。。”; a character outside the CID font printed
    as an empty box. The downloaded PDF's text is extracted and checked."""
    import re
    from io import BytesIO

    from pypdf import PdfReader

    from govportal.core.pdf import MISSING, uncovered

    with time_machine.travel(MON, tick=False):
        req, code = submit(description="请提供2026年示例市义务教育学校招生计划。\n（含各校招生人数）")
        actions.disclosure_request_confirm_receipt(req=req, actor=clerks["edu"], received_on=date(2026, 11, 2))
        req.refresh_from_db()
        actions.disclosure_request_reply(
            req=req, actor=clerks["edu"], outcome=Outcome.DISCLOSED, reply_text="见附件\u2013招生计划表\u20222026。"
        )
        number = req.case.tracking_number
        client.post("/zwgk/query/", {"tracking_number": number, "query_code": code})
        pdf = client.get("/zwgk/query/letter.pdf", {"tracking_number": number})
    assert pdf.status_code == 200
    lines = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages)
    text = re.sub(r"\n\s*", "", lines)  # the letter's lines joined again
    assert "申请获取：请提供2026年示例市义务教育学校招生计划。" in text
    assert "。。" not in text
    assert "见附件—招生计划表·2026。" in text  # en dash and bullet printed as their covered twins
    assert not uncovered(text.replace(" ", "")) and MISSING not in text
    assert "政府信息公开申请答复告知书" in text and "6个月内" in text
