"""The annual report (2021 format) against a hand-counted fixture for 2025, its arithmetic
check, publication as a page, the .xlsx download and the city aggregate."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
import time_machine

from govportal.core.errors import InvalidInput
from govportal.disclosure import actions, report
from govportal.disclosure.choices import ApplicantType, DocKind, Outcome, SubReason, Validity
from govportal.disclosure.models import DisclosureDocumentPage
from tests.disclosure.conftest import applicant, disclosure_column

pytestmark = pytest.mark.django_db


def _request(world, clerk, *, kind, received, replied=None, outcome=None, sub="", agency="edu"):
    with time_machine.travel(f"{received} 10:00 +0800", tick=False):
        extra = {"contact_person": "李四"} if kind != ApplicantType.PERSON else {}
        req, _ = actions.disclosure_request_submit(
            agency=world["agencies"][agency], data=applicant(applicant_type=kind, **extra)
        )
        actions.disclosure_request_confirm_receipt(req=req, actor=clerk)
    if replied:
        with time_machine.travel(f"{replied} 10:00 +0800", tick=False):
            req.refresh_from_db()
            actions.disclosure_request_reply(req=req, actor=clerk, outcome=outcome, sub_reason=sub, reply_text="理由。")
    return req


def _doc(world, title, *, kind, made, validity=Validity.IN_FORCE, changed=None):
    doc = DisclosureDocumentPage(
        title=title,
        summary="概述。",
        date_made=made,
        category="a20_01",
        doc_kind=kind,
        validity=validity,
        validity_date=changed,
    )
    disclosure_column(world["homes"]["edu"]).add_child(instance=doc)
    doc.save_revision().publish()


@pytest.fixture
def year_2025(world, clerks):
    clerk = clerks["edu"]
    P, B, R, L = ApplicantType.PERSON, ApplicantType.BUSINESS, ApplicantType.RESEARCH, ApplicantType.LEGAL_SERVICE
    _request(world, clerk, kind=P, received="2024-05-06", replied="2024-05-20", outcome=Outcome.DISCLOSED)  # not 2025
    _request(world, clerk, kind=P, received="2024-12-20", replied="2025-01-10", outcome=Outcome.DISCLOSED)
    _request(world, clerk, kind=B, received="2024-12-25")  # still open
    _request(world, clerk, kind=P, received="2025-03-03", replied="2025-03-20", outcome=Outcome.PARTIAL)
    _request(
        world,
        clerk,
        kind=P,
        received="2025-05-06",
        replied="2025-05-20",
        outcome=Outcome.REFUSED,
        sub=SubReason.STATE_SECRET,
    )
    _request(
        world,
        clerk,
        kind=L,
        received="2025-06-02",
        replied="2025-06-10",
        outcome=Outcome.NOT_PROCESSED,
        sub=SubReason.PETITION,
    )
    _request(
        world,
        clerk,
        kind=R,
        received="2025-12-22",
        replied="2026-01-05",
        outcome=Outcome.UNAVAILABLE,
        sub=SubReason.NOT_HELD,
    )
    lapsed = _request(world, clerk, kind=P, received="2025-07-01")
    with time_machine.travel("2025-07-02 10:00 +0800", tick=False):
        actions.disclosure_request_correction_notice(req=lapsed, actor=clerk, items="请写明文件名称")
    with time_machine.travel("2025-08-01 10:00 +0800", tick=False):
        actions.disclosure_requests_sweep()
    _request(world, clerks["town"], kind=P, received="2025-09-01", agency="town")  # another agency's
    with time_machine.travel("2026-01-12 10:00 +0800", tick=False):
        _doc(world, "规范性文件甲", kind=DocKind.NORMATIVE, made=date(2025, 3, 1))
        _doc(
            world,
            "规范性文件乙",
            kind=DocKind.NORMATIVE,
            made=date(2023, 6, 1),
            validity=Validity.REPEALED,
            changed=date(2025, 8, 1),
        )
        _doc(world, "规范性文件丙", kind=DocKind.NORMATIVE, made=date(2024, 1, 1))
        _doc(world, "规章甲", kind=DocKind.RULE, made=date(2025, 2, 1))
        _doc(world, "规范性文件丁", kind=DocKind.NORMATIVE, made=date(2026, 1, 10))
    return world


def test_tables_match_the_hand_count(year_2025):
    built = report.build(agency=year_2025["agencies"]["edu"], year=2025)
    r = built.requests
    assert (r["new"]["person"], r["new"]["legal_service"], r["new"]["research"], r["new"]["total"]) == (3, 1, 1, 5)
    assert (r["carried"]["person"], r["carried"]["business"], r["carried"]["total"]) == (1, 1, 2)
    assert (r["disclosed"]["total"], r["partial"]["total"], r["refused"]["total"]) == (1, 1, 1)
    assert r["refused:state_secret"]["person"] == 1
    assert r["not_processed:petition"]["legal_service"] == 1 and r["not_processed"]["org_total"] == 1
    assert r["other:no_correction"]["person"] == 1
    assert r["unavailable"]["total"] == 0
    assert (r["total"]["person"], r["total"]["total"]) == (4, 5)
    assert (r["carried_on"]["business"], r["carried_on"]["research"], r["carried_on"]["total"]) == (1, 1, 2)
    assert report.arithmetic_errors(built) == []
    p = built.proactive
    assert p[DocKind.NORMATIVE] == {"issued": 1, "repealed": 1, "in_force": 2}
    assert p[DocKind.RULE] == {"issued": 1, "repealed": 0, "in_force": 1}


def test_unbalanced_figures_are_refused():
    built = report.Built(
        year=2025,
        agency_name="x",
        proactive={},
        requests=report._requests(
            __import__("govportal.disclosure.models", fromlist=["DisclosureRequest"]).DisclosureRequest.objects.none(),
            2025,
        ),
        litigation={},
    )
    built.requests["new"]["person"] = 1
    with pytest.raises(InvalidInput, match="不平衡"):
        report.check_arithmetic(built)


def test_published_report_page_xlsx_and_city_aggregate(client, year_2025, clerks):
    from openpyxl import load_workbook

    edu, town = year_2025["agencies"]["edu"], year_2025["agencies"]["town"]
    lit = {"reconsideration": {"upheld": 1, "corrected": 0, "other": 0, "pending": 1}}
    with time_machine.travel("2026-01-20 10:00 +0800", tick=False):
        saved = actions.annual_report_save(
            agency=edu,
            year=2025,
            actor=clerks["edu"],
            data={"overview": "全年依法公开。", "litigation": lit, "licensing_decisions": 12},
        )
        actions.annual_report_publish(report=saved, actor=clerks["edu"])
        town_report = actions.annual_report_save(agency=town, year=2025, actor=clerks["town"], data={})
        actions.annual_report_publish(report=town_report, actor=clerks["town"])
    page = client.get("/zwgk/nianbao/D0001/2025/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "示例市教育局2025年政府信息公开工作年度报告" in body and "全年依法公开。" in body
    assert "1.属于国家秘密" in body and "四、结转下年度继续办理" in body
    sheet = load_workbook(BytesIO(client.get("/zwgk/nianbao/D0001/2025.xlsx").content)).active
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert rows["一、本年新收政府信息公开申请数量"][-1] == 5
    assert rows["行政复议"][1:6] == (1, 0, 0, 1, 2)
    assert rows["行政许可（本年处理决定数量）"][1] == 12
    city = report.city(2025)
    assert city.requests["new"]["total"] == 6 and city.requests["carried_on"]["total"] == 3
    assert client.get("/zwgk/nianbao/city/2025/").status_code == 200
    assert client.get("/zwgk/nianbao/D0001/2024/").status_code == 404


def test_report_is_edited_and_published_only_by_its_agencys_staff_for_a_real_year(year_2025, clerks):
    from govportal.core.errors import NotAllowed

    edu = year_2025["agencies"]["edu"]
    with time_machine.travel("2026-01-20 10:00 +0800", tick=False):
        with pytest.raises(NotAllowed):
            actions.annual_report_save(agency=edu, year=2025, actor=clerks["town"], data={"overview": "越权"})
        with pytest.raises(InvalidInput, match="年度不正确"):
            actions.annual_report_save(agency=edu, year=9999, actor=clerks["edu"], data={})
        with pytest.raises(InvalidInput, match="请填写数字"):
            actions.annual_report_save(
                agency=edu, year=2025, actor=clerks["edu"], data={"litigation": {"reconsideration": {"upheld": "x"}}}
            )
        saved = actions.annual_report_save(agency=edu, year=2025, actor=clerks["edu"], data={})
        with pytest.raises(NotAllowed):
            actions.annual_report_publish(report=saved, actor=clerks["town"])
    saved.refresh_from_db()
    assert not saved.is_published and saved.overview == ""
