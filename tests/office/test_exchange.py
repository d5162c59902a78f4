"""Sending, receiving, pressing, circulating and replying — through the admin screens first."""

from __future__ import annotations

from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from openpyxl import load_workbook

from govportal.core.cases.models import CaseEvent
from govportal.core.outbox.models import OutboxMessage
from govportal.office import actions, selectors
from govportal.office.models import Delivery, OfficeDocument
from tests.office.conftest import DOC, draft, sent

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def test_clerk_drafts_leader_signs_clerk_sends_to_all_townships_through_the_admin(office, client):
    u, ag = office["users"], office["agencies"]
    client.force_login(u["city_clerk"])
    r = client.post(
        "/admin/office/new/", {**DOC, "target": "townships", "issuer": u["city_leader"].pk, "cc": [ag["edu"].pk]}
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    document = OfficeDocument.objects.get(title=DOC["title"])
    assert document.main_to == "各乡镇人民政府、街道办事处" and document.cc == "示例市教育局"
    assert client.post(f"/admin/office/{document.pk}/submit/").status_code == 302
    # The clerk may not sign; the named 签发人 may.
    r = client.post(f"/admin/office/{document.pk}/sign/")
    assert r.status_code == 403 and "只有本公文的签发人可以签发" in r.content.decode()
    client.force_login(u["city_leader"])
    assert client.post(f"/admin/office/{document.pk}/sign/").status_code == 302
    document.refresh_from_db()
    year = document.written_on.year
    assert document.doc_number == f"示例市政〔{year}〕1号"
    client.force_login(u["city_clerk"])
    assert client.post(f"/admin/office/{document.pk}/send/").status_code == 302
    deliveries = {d.agency.code: d for d in Delivery.objects.filter(document=document).select_related("agency")}
    assert set(deliveries) == {"X0001", "X0002", "D0001"}  # both townships, the department in cc
    assert deliveries["D0001"].role == "cc"

    # 青山镇's clerk signs for it; 白沙镇 has not.
    client.force_login(u["town_clerk"])
    inbox = client.get("/admin/office/").content.decode()
    assert DOC["title"] in inbox and "待签收" in inbox
    assert client.post(f"/admin/office/{document.pk}/sign_for/").status_code == 302
    client.force_login(u["city_clerk"])
    page = client.get(f"/admin/office/{document.pk}/").content.decode()
    assert "已签收 1，未签收 2" in page and "收发员" in page

    # 催办 白沙镇: a notice to its OA clerks through the outbox, logged on its delivery.
    town2 = deliveries["X0002"]
    assert client.post(f"/admin/office/{document.pk}/press/", {"delivery": town2.pk}).status_code == 302
    message = OutboxMessage.objects.get(case=town2.case, recipient="town2_oa@example.gov.cn")
    assert "催办" in message.subject and document.doc_number in message.body
    assert CaseEvent.objects.filter(case=town2.case, type="press").count() == 1
    # Pressing one that has signed is refused; pressing again within the hour too.
    r = client.post(f"/admin/office/{document.pk}/press/", {"delivery": deliveries["X0001"].pk})
    assert r.status_code == 409 and "无需催办" in r.content.decode()
    assert client.post(f"/admin/office/{document.pk}/press/", {"delivery": town2.pk}).status_code == 409
    # Every step is in the kernel's log.
    types = set(CaseEvent.objects.filter(case=document.case).values_list("type", flat=True))
    assert {"create", "submit", "sign", "send"} <= types


def test_receiving_clerk_returns_with_a_reason_and_the_sender_sees_it(office, client):
    document = sent(office, target="chosen", agencies=[office["agencies"]["edu"]])
    client.force_login(office["users"]["edu_clerk"])
    r = client.post(f"/admin/office/{document.pk}/return/", {"reason": ""})
    assert r.status_code == 400 and "请填写退回理由" in r.content.decode()
    r = client.post(f"/admin/office/{document.pk}/return/", {"reason": "非本单位职责，请改送应急管理局"})
    assert r.status_code == 302
    client.force_login(office["users"]["city_clerk"])
    assert "非本单位职责" in client.get(f"/admin/office/{document.pk}/").content.decode()


def test_reply_deadline_runs_on_working_days_and_a_late_reply_counts_as_late(office, client):
    # Friday 2026-12-04: 3 working days → Wednesday 2026-12-09.
    with time_machine.travel(datetime(2026, 12, 4, 9, 0, tzinfo=TZ), tick=False):
        document = sent(office, target="chosen", agencies=[office["agencies"]["edu"]], reply_days="3", kind="document")
    delivery = document.deliveries.get()
    assert delivery.case.case_type == "office.delivery_reply"
    assert delivery.case.due_date.isoformat() == "2026-12-09"
    with time_machine.travel(datetime(2026, 12, 7, 9, 0, tzinfo=TZ), tick=False):
        client.force_login(office["users"]["edu_clerk"])  # (the staff session expires over the days)
        assert client.post(f"/admin/office/{document.pk}/sign_for/").status_code == 302
    with time_machine.travel(datetime(2026, 12, 11, 9, 0, tzinfo=TZ), tick=False):
        client.force_login(office["users"]["edu_clerk"])
        r = client.post(f"/admin/office/{document.pk}/reply/", {"reply": "已按要求完成排查，共发现隐患3处，已整改。"})
        assert r.status_code == 302
        delivery.case.refresh_from_db()
        assert delivery.case.state == "replied" and delivery.case.closed_on_time is False
        rows = selectors.statistics(office["users"]["office"], date_from=datetime(2026, 12, 1).date(),
                                    date_to=datetime(2026, 12, 31).date())  # fmt: skip
    edu = next(r for r in rows if r.agency.code == "D0001")
    city = next(r for r in rows if r.agency.code == "C0001")
    assert (edu.received, edu.signed, edu.replied, edu.late_replies) == (1, 1, 1, 1)
    assert city.sent == 1 and edu.avg_sign_hours == "72.0"


def test_meeting_notice_collects_attendees_and_counts_them(office, client):
    document = sent(
        office,
        kind="meeting",
        target="chosen",
        agencies=[office["agencies"]["town"], office["agencies"]["town2"]],
        meeting_at="2026-12-20 09:00",
        meeting_place="市政府三楼第一会议室",
        wants_attendance="1",
    )
    client.force_login(office["users"]["town_clerk"])
    client.post(f"/admin/office/{document.pk}/sign_for/")
    r = client.post(f"/admin/office/{document.pk}/reply/", {"attendee_name": ["", ""], "attendee_post": ["", ""]})
    assert r.status_code == 400 and "请填写参会人员" in r.content.decode()
    r = client.post(
        f"/admin/office/{document.pk}/reply/",
        {"attendee_name": ["李强", "王芳"], "attendee_post": ["副镇长", "应急办主任"]},
    )
    assert r.status_code == 302
    client.force_login(office["users"]["city_clerk"])
    page = client.get(f"/admin/office/{document.pk}/").content.decode()
    assert "报名参会 2 人" in page and "李强（副镇长）" in page


def test_circulation_to_own_staff_with_read_receipts(office, client):
    document = sent(office, target="chosen", agencies=[office["agencies"]["town"]])
    u = office["users"]
    client.force_login(u["town_clerk"])
    client.post(f"/admin/office/{document.pk}/sign_for/")
    assert client.post(f"/admin/office/{document.pk}/circulate/", {"users": [u["town_staff"].pk]}).status_code == 302
    # Another township's staff cannot be chosen (ignored → nobody chosen).
    r = client.post(f"/admin/office/{document.pk}/circulate/", {"users": [u["town2_staff"].pk]})
    assert r.status_code == 400
    client.force_login(u["town_staff"])
    assert DOC["title"] in client.get("/admin/office/").content.decode()
    assert client.post(f"/admin/office/{document.pk}/read/").status_code == 302
    client.force_login(u["town_leader"])  # not given it to read, no OA role: 404
    assert client.get(f"/admin/office/{document.pk}/").status_code == 404
    client.force_login(u["town_clerk"])
    assert "已阅" in client.get(f"/admin/office/{document.pk}/").content.decode()


def test_statistics_export_is_an_xlsx_of_counts(office, client):
    sent(office, target="townships")
    client.force_login(office["users"]["office"])
    r = client.get("/admin/office/stats/export.xlsx")
    assert r.status_code == 200
    sheet = load_workbook(BytesIO(r.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(row for row in values if row and row[0] == "单位")
    assert header[:3] == ["单位", "发文", "收文"]
    assert any(row[0] == "示例市人民政府" and row[1] == 1 for row in values)
    assert not any(DOC["title"] in str(v) for row in values for v in row)  # counts, not content


def test_retention_purge_deletes_old_documents_and_keeps_the_log(office, settings):
    with time_machine.travel(datetime(2015, 3, 2, 9, 0, tzinfo=TZ), tick=False):
        old = sent(office, target="chosen", agencies=[office["agencies"]["edu"]])
    recent = draft(office)
    settings.GOVPORTAL_OFFICE_RETENTION_YEARS = 10
    assert actions.office_purge(today=datetime(2026, 12, 5).date()) == 1
    assert not OfficeDocument.objects.filter(pk=old.pk).exists()
    assert OfficeDocument.objects.filter(pk=recent.pk).exists()
    assert CaseEvent.objects.filter(case_id=old.case_id, type="purged").exists()
    settings.GOVPORTAL_OFFICE_RETENTION_YEARS = 0
    assert actions.office_purge() == 0
