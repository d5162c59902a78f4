"""申请登记台账: every request with its dates, steps, outcome and lateness, as a page and as
.xlsx and CSV, filtered by agency and year of receipt, scoped like the requests (a clerk
their agency's, the information office all), with formula-looking text kept as text."""

from __future__ import annotations

import csv
from io import BytesIO, StringIO

import pytest
import time_machine
from openpyxl import load_workbook

from govportal.core.models import User
from govportal.disclosure import actions
from govportal.disclosure.choices import Outcome
from tests.disclosure.conftest import applicant

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger_world(world, clerks):
    edu, town = world["agencies"]["edu"], world["agencies"]["town"]
    # 2026-09-01 (Tue) received; due 20 WD later across 中秋/国庆 — replied late on 10-30.
    with time_machine.travel("2026-09-01 10:00 +0800", tick=False):
        late, _ = actions.disclosure_request_submit(agency=edu, data=applicant(name="=cmd|' /C calc'!A0"))
        actions.disclosure_request_confirm_receipt(req=late, actor=clerks["edu"])
    with time_machine.travel("2026-09-03 10:00 +0800", tick=False):
        actions.disclosure_request_correction_notice(req=late, actor=clerks["edu"], items="请写明文件名称")
    with time_machine.travel("2026-09-04 10:00 +0800", tick=False):
        late.refresh_from_db()
        actions.disclosure_request_correct(
            req=late, actor=clerks["edu"], actor_kind="clerk", description="2026年招生划片方案"
        )
    late.refresh_from_db()
    due = late.case.due_date
    with time_machine.travel("2026-11-06 10:00 +0800", tick=False):
        late.refresh_from_db()
        actions.disclosure_request_reply(
            req=late, actor=clerks["edu"], outcome=Outcome.DISCLOSED, reply_text="予以公开。"
        )
    with time_machine.travel("2025-12-29 10:00 +0800", tick=False):
        old, _ = actions.disclosure_request_submit(agency=edu, data=applicant(name="@SUM(1+1)"))
        actions.disclosure_request_confirm_receipt(req=old, actor=clerks["edu"])
    with time_machine.travel("2026-10-12 10:00 +0800", tick=False):
        town_req, _ = actions.disclosure_request_submit(agency=town, data=applicant(name="王五"))
    late.refresh_from_db()
    return {"late": late, "due": due, "old": old, "town": town_req}


def _xlsx_rows(response):
    ws = load_workbook(BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    return rows[1], rows[2:]  # caption line, header, rows


@time_machine.travel("2026-11-20 10:00 +0800", tick=False)
def test_clerk_exports_own_agencys_register_with_dates_steps_outcome_and_lateness(client, ledger_world, clerks):
    client.force_login(clerks["edu"])
    response = client.get("/admin/zwgk/ledger.xlsx", {"year": "2026"})
    assert response.status_code == 200
    header, rows = _xlsx_rows(response)
    assert header[0] == "办件编号" and header[-1] == "超期（工作日）"
    by_number = {r[0]: dict(zip(header, r, strict=True)) for r in rows}
    late = ledger_world["late"]
    assert set(by_number) == {late.case.tracking_number}  # 2025's and the township's are not there
    row = by_number[late.case.tracking_number]
    assert row["受理机关"] == "示例市教育局"
    assert row["提交日期"] == "2026-09-01" and row["收到申请日期"] == "2026-09-01"
    assert row["确认收到日期"] == "2026-09-01"
    assert row["答复期限"] == ledger_world["due"].isoformat() and row["答复日期"] == "2026-11-06"
    assert "补正" in row["办理步骤"] and row["办理步骤"].index("2026-09-01") < row["办理步骤"].index("2026-09-03")
    assert row["办理结果"] == "予以公开"
    # Due 2026-10-09: 20 WD from the correction's receipt on 09-04, across 中秋 and 国庆
    # (Sun 09-20 a working day); replied 11-06 — 10-10 (a working Saturday) to 11-06 is 21 WD.
    assert ledger_world["due"].isoformat() == "2026-10-09"
    assert row["超期（工作日）"] == 21
    assert row["申请人"] == "'=cmd|' /C calc'!A0"  # a formula kept as text


@time_machine.travel("2026-11-20 10:00 +0800", tick=False)
def test_csv_is_safe_against_formula_injection_and_office_sees_all_agencies(client, ledger_world):
    office = User.objects.create(username="xxb", is_superuser=True, is_staff=True)
    client.force_login(office)
    response = client.get("/admin/zwgk/ledger.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(StringIO(text.lstrip("\ufeff"))))
    numbers = {r[0] for r in rows[1:]}
    assert numbers == {ledger_world[k].case.tracking_number for k in ("late", "old", "town")}
    names = {r[3] for r in rows[1:]}
    assert names == {"'=cmd|' /C calc'!A0", "'@SUM(1+1)", "王五"}
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)
    # filtered by agency and year
    only = client.get("/admin/zwgk/ledger.csv", {"agency": "X0001", "year": "2026"}).content.decode("utf-8")
    assert [r[0] for r in csv.reader(StringIO(only.lstrip("\ufeff")))][1:] == [
        ledger_world["town"].case.tracking_number
    ]
    by_year = client.get("/admin/zwgk/ledger.csv", {"year": "2025"}).content.decode("utf-8")
    assert [r[0] for r in csv.reader(StringIO(by_year.lstrip("\ufeff")))][1:] == [
        ledger_world["old"].case.tracking_number
    ]
    # the open township request, unconfirmed: no lateness before its due date exists
    town_row = next(r for r in rows if r[0] == ledger_world["town"].case.tracking_number)
    assert town_row[8] == "" and town_row[-1] == "0"


@time_machine.travel("2026-11-20 10:00 +0800", tick=False)
def test_ledger_page_is_reachable_scoped_and_refuses_bad_filters(client, ledger_world, clerks):
    client.force_login(clerks["edu"])
    listing = client.get("/admin/zwgk/").content.decode()
    assert 'href="/admin/zwgk/ledger/"' in listing
    page = client.get("/admin/zwgk/ledger/")
    body = page.content.decode()
    assert page.status_code == 200
    assert ledger_world["late"].case.tracking_number in body
    assert ledger_world["town"].case.tracking_number not in body
    # another agency's code is a 404; a bad year a 400 with a Chinese message
    assert client.get("/admin/zwgk/ledger/", {"agency": "X0001"}).status_code == 404
    assert client.get("/admin/zwgk/ledger.xlsx", {"agency": "X0001"}).status_code == 404
    bad = client.get("/admin/zwgk/ledger/", {"year": "２０２６x"})
    assert bad.status_code == 400 and "年度不正确" in bad.content.decode()
    assert client.get("/admin/zwgk/ledger.csv", {"year": "1900"}).status_code == 400
    # staff without the disclosure permission: none
    client.force_login(User.objects.create(username="nobody", is_staff=True, agency=ledger_world["late"].agency))
    assert client.get("/admin/zwgk/ledger.csv").status_code in (302, 403)
