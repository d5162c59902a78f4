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
    assert "小计" not in body
    sheet = load_workbook(BytesIO(client.get("/zwgk/nianbao/D0001/2025.xlsx").content)).active
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True) if row and row[0]}
    new_row = rows["一、本年新收政府信息公开申请数量"]
    assert new_row[1:8] == (3, 0, 1, 0, 1, 0, 5) and all(v is None for v in new_row[8:])  # 7 figures, no 小计
    assert rows["行政许可"][1] == 12
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


def _sheet(client, url):
    from openpyxl import load_workbook

    return load_workbook(BytesIO(client.get(url).content)).active


def _publish(agency, year, clerk, when, **data):
    with time_machine.travel(f"{when} 10:00 +0800", tick=False):
        saved = actions.annual_report_save(agency=agency, year=year, actor=clerk, data=data)
        return actions.annual_report_publish(report=saved, actor=clerk)


def test_the_2021_layout_to_the_cell_in_page_and_xlsx(client, year_2025, clerks):
    """国办公开办函〔2021〕30号: Table 二 in four parts with their own headers, Table 三 with
    7 figure columns under 申请人情况 (no 小计), Table 四 as one row of fifteen cells."""
    lit = {
        "reconsideration": {"upheld": 1, "corrected": 0, "other": 0, "pending": 1},
        "litigation_after": {"upheld": 0, "corrected": 1, "other": 0, "pending": 0},
    }
    _publish(year_2025["agencies"]["edu"], 2025, clerks["edu"], "2026-01-20", litigation=lit, licensing_decisions=12)
    sheet = _sheet(client, "/zwgk/nianbao/D0001/2025.xlsx")
    values = [tuple(c for c in row) for row in sheet.iter_rows(values_only=True)]
    # Table 二: each part has its heading, then its own header row
    for heading, header in [
        ("第二十条第（一）项", ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")),
        ("第二十条第（五）项", ("信息内容", "本年处理决定数量")),
        ("第二十条第（六）项", ("信息内容", "本年处理决定数量")),
        ("第二十条第（八）项", ("信息内容", "本年收费金额（单位：万元）")),
    ]:
        at = next(i for i, row in enumerate(values) if row[0] == heading)
        assert tuple(v for v in values[at + 1] if v is not None) == header
    # Table 三: 申请人情况 over 自然人 | 法人或其他组织 (five kinds) | 总计 — eight columns in all
    at = next(i for i, row in enumerate(values) if row[1] == "申请人情况")
    assert values[at][0].startswith("（本列数据的勾稽关系为")
    assert values[at + 1][1:8] == ("自然人", "法人或其他组织", None, None, None, None, "总计")
    assert values[at + 2][2:7] == ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
    assert all(v is None for row in values[at : at + 30] for v in row[8:])
    assert not any("小计" in str(v) for row in values for v in row if v)
    # Table 四: 行政复议 | 行政诉讼, then one row of fifteen figures
    at = next(i for i, row in enumerate(values) if row[0] == "行政复议")
    assert values[at][5] == "行政诉讼"
    assert values[at + 1][5] == "未经复议直接起诉" and values[at + 1][10] == "复议后起诉"
    assert values[at + 2][5:15] == ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计") * 2
    assert values[at + 3][:15] == (1, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1)
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert f"A{at + 1}:E{at + 1}" in merged and f"F{at + 1}:O{at + 1}" in merged
    # the page: the same parts and one row of fifteen cells in Table 四
    body = client.get("/zwgk/nianbao/D0001/2025/").content.decode()
    table4 = body.split('class="report-table report-table-4"')[1].split("</table>")[0]
    assert table4.split("<tbody>")[1].count("<td>") == 15
    table3 = body.split('class="report-table report-table-3"')[1].split("</table>")[0]
    first = table3.split("<tbody>")[1].split("</tr>")[0]
    assert first.count("<td>") == 7 and "小计" not in table3
    assert "第二十条第（八）项" in body and "本年收费金额（单位：万元）" in body


def test_request_unconfirmed_at_year_end_is_counted_once_by_its_receipt_date(world, clerks):
    edu = world["agencies"]["edu"]
    with time_machine.travel("2025-12-30 10:00 +0800", tick=False):
        req, _ = actions.disclosure_request_submit(agency=edu, data=applicant())
    with time_machine.travel("2026-01-02 10:00 +0800", tick=False):
        r2025 = report.build(agency=edu, year=2025).requests
        assert (r2025["new"]["total"], r2025["carried_on"]["total"]) == (0, 0)  # not received in 2025
        _publish(edu, 2025, clerks["edu"], "2026-01-02")
    with time_machine.travel("2026-01-05 10:00 +0800", tick=False):
        actions.disclosure_request_confirm_receipt(req=req, actor=clerks["edu"], late_reason="元旦假期后确认")
    r2026 = report.build(agency=edu, year=2026).requests
    assert (r2026["new"]["total"], r2026["carried"]["total"], r2026["carried_on"]["total"]) == (1, 0, 1)
    assert report.build(agency=edu, year=2025).requests["new"]["total"] == 0
    # last year's published 结转下年度 (0) agrees with this year's 上年结转 (0)
    assert report.carry_over_differences(report.build(agency=edu, year=2026), edu) == []


def test_carry_over_is_checked_against_last_years_published_report(client, year_2025, clerks):
    from govportal.core.errors import Conflict
    from govportal.disclosure.choices import Channel

    edu, clerk = year_2025["agencies"]["edu"], clerks["edu"]
    _publish(edu, 2025, clerk, "2026-01-20")  # 结转下年度: 2 (a business, a research body)
    with time_machine.travel("2026-02-02 10:00 +0800", tick=False):
        # a registered letter signed for on 2025-12-30, registered only now
        actions.disclosure_request_register(
            actor=clerk,
            agency=edu,
            data=applicant(),
            channel=Channel.REGISTERED_POST,
            received_on=date(2025, 12, 30),
        )
    with time_machine.travel("2027-01-10 10:00 +0800", tick=False):
        saved = actions.annual_report_save(agency=edu, year=2026, actor=clerk, data={})
        differences = report.carry_over_differences(report.build(agency=edu, year=2026), edu)
        assert differences == [
            "自然人：2025年报告结转下年度 0，本年上年结转 1",
            "总计：2025年报告结转下年度 2，本年上年结转 3",
        ]
        client.force_login(clerk)
        page = client.get("/admin/zwgk/reports/D0001/2026/").content.decode()
        assert "上年结转差异说明" in page and "自然人：2025年报告结转下年度 0，本年上年结转 1" in page
        with pytest.raises(Conflict, match="不一致"):
            actions.annual_report_publish(report=saved, actor=clerk)
        response = client.post("/admin/zwgk/reports/D0001/2026/", {"overview": "概述", "publish": "1"})
        assert response.status_code == 409 and "上年结转差异说明" in response.content.decode()
        saved = actions.annual_report_save(
            agency=edu,
            year=2026,
            actor=clerk,
            data={"carry_over_note": "一件2025年12月30日签收的挂号信于2026年2月补登记。"},
        )
        actions.annual_report_publish(report=saved, actor=clerk)
    body = client.get("/zwgk/nianbao/D0001/2026/").content.decode()
    assert "说明：一件2025年12月30日签收的挂号信于2026年2月补登记。" in body


def test_a_report_cannot_be_published_before_its_year_has_ended(year_2025, clerks):
    from govportal.core.errors import Conflict

    edu, clerk = year_2025["agencies"]["edu"], clerks["edu"]
    with time_machine.travel("2025-12-31 18:00 +0800", tick=False):
        saved = actions.annual_report_save(agency=edu, year=2025, actor=clerk, data={"overview": "草稿"})
        with pytest.raises(Conflict, match="2025年尚未结束"):
            actions.annual_report_publish(report=saved, actor=clerk)
    saved.refresh_from_db()
    assert not saved.is_published
    with time_machine.travel("2026-01-01 09:00 +0800", tick=False):
        assert actions.annual_report_publish(report=saved, actor=clerk).is_published


def test_status_per_agency_against_its_deadline_and_the_offices_alarm(client, year_2025, clerks):
    from govportal.core.models import User

    a = year_2025["agencies"]
    _publish(a["edu"], 2025, clerks["edu"], "2026-01-20")
    office = User.objects.create(username="xxb", is_superuser=True, is_staff=True, agency=a["city"])
    with time_machine.travel("2026-01-25 10:00 +0800", tick=False):
        by_code = {s.agency.code: s for s in report.statuses([a["city"], a["edu"], a["town"]], 2025)}
        assert by_code["D0001"].state == "published" and by_code["D0001"].deadline == date(2026, 1, 31)
        assert by_code["X0001"].deadline == date(2026, 1, 31) and not by_code["X0001"].overdue
        assert by_code["C0001"].deadline == date(2026, 3, 31)
        client.force_login(office)
        dashboard = client.get("/admin/").content.decode()
        assert "即将到期未发布" in dashboard and "示例市青山镇人民政府" in dashboard
    with time_machine.travel("2026-02-02 10:00 +0800", tick=False):
        by_code = {s.agency.code: s for s in report.statuses([a["city"], a["edu"], a["town"]], 2025)}
        assert by_code["X0001"].overdue and by_code["X0001"].state == "missing"
        assert not by_code["C0001"].overdue  # a government's report: until 31 March
        client.force_login(office)
        dashboard = client.get("/admin/").content.decode()
        assert "1 个单位已超过发布期限仍未发布年度报告" in dashboard
        listing = client.get("/admin/zwgk/reports/").content.decode()
        assert "已逾期未发布" in listing and "已按期发布" in listing
        # a clerk's dashboard has no alarm of other agencies
        client.force_login(clerks["edu"])
        assert "已超过发布期限" not in client.get("/admin/").content.decode()
    with time_machine.travel("2026-04-01 10:00 +0800", tick=False):
        assert {s.agency.code for s in report.statuses([a["city"], a["edu"], a["town"]], 2025) if s.overdue} == {
            "C0001",
            "X0001",
        }
