"""招商引资: projects and policies on their pages, and the enquiry form — a case of the
kernel routed to the investment bureau with its reply clock in working days, looked up
through the kernel's one lookup page, answered by the bureau only."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from govportal.core import calendar
from govportal.core.outbox.models import OutboxMessage
from govportal.enterprise.models import Enquiry, InvestmentPolicy, InvestmentProject
from tests.submission import guard_fields

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def project(world):
    return InvestmentProject.objects.create(
        agency=world["bureau"],
        title="青山镇高山茶精深加工项目",
        sector="food",
        location="青山镇茶叶产业园",
        scale="总投资约2亿元，用地80亩",
        description="建设茶叶精深加工生产线和仓储物流中心。",
        terms="享受园区标准厂房租金“三免两减半”。",
        contact_name="周强",
        contact_phone="0731-84560001",
        is_published=True,
        published_at=datetime(2026, 1, 5, 9, 0, tzinfo=TZ),
    )


def test_projects_policies_and_an_enquiry_answered_in_time(world, client, project):
    policy_page = world["homes"]["city"]
    InvestmentPolicy.objects.create(
        agency=world["bureau"], title="示例市招商引资优惠政策（试行）", document=policy_page, is_published=True
    )
    page = client.get("/qiye/zhaoshang/").content.decode()
    assert "青山镇高山茶精深加工项目" in page and "示例市招商引资优惠政策（试行）" in page
    assert f'href="{policy_page.url}"' in page or 'href="/"' in page
    assert "三免两减半" in client.get(f"/qiye/zhaoshang/{project.pk}/").content.decode()
    monday = datetime(2026, 3, 2, 10, 0, tzinfo=TZ)
    calendar.invalidate()
    with time_machine.travel(monday, tick=False):
        form = client.get(f"/qiye/zhaoshang/zixun/?project={project.pk}").content.decode()
        assert f'<option value="{project.pk}" selected>' in form
        data = {
            "project": project.pk,
            "company": "长沙某茶业集团",
            "name": "陈先生",
            "phone": "13912345678",
            "content": "请问项目用地是否已完成征拆，厂房能否定制？",
            **guard_fields(form),
        }
        r = client.post("/qiye/zhaoshang/zixun/", data)
        assert r.status_code == 200
        enquiry = Enquiry.objects.get()
        case = enquiry.case
        assert case.tracking_number.startswith("ZS") and case.agency == world["bureau"]
        assert case.due_date.isoformat() == "2026-03-09"  # 5 working days
        code = re.search(r'id="query-code">(\w+)<', r.content.decode()).group(1)
        assert OutboxMessage.objects.filter(case=case, channel="sms", recipient="13912345678").exists()
        lookup = client.post("/cases/", {"tracking_number": case.tracking_number, "query_code": code}, follow=True)
        assert "待答复" in lookup.content.decode() and "征拆" in lookup.content.decode()
        # Only the bureau answers: another agency's staff get a 404.
        client.force_login(world["edu_editor"])
        assert client.get(f"/admin/qiye/enquiry/{enquiry.pk}/").status_code == 404
        assert client.post(f"/admin/qiye/enquiry/{enquiry.pk}/", {"reply": "x"}).status_code == 404
        client.force_login(world["clerk"])
        assert client.post(f"/admin/qiye/enquiry/{enquiry.pk}/", {"reply": ""}).status_code == 400
        assert (
            client.post(f"/admin/qiye/enquiry/{enquiry.pk}/", {"reply": "已完成征拆，可按需定制。"}).status_code == 302
        )
    case.refresh_from_db()
    assert case.state == "replied" and case.closed_on_time
    assert OutboxMessage.objects.filter(case=case, recipient="13912345678").count() == 2
    client.logout()
    lookup = client.post("/cases/", {"tracking_number": case.tracking_number, "query_code": code}, follow=True)
    assert "已完成征拆" in lookup.content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"content": "太短"}, "咨询内容太短"),
        ({"phone": "１３９"}, "请填写正确的手机号码"),
        ({"project": "999999999999999999999"}, "选择一个有效的选项"),
        ({"email": "a@@b"}, "电子邮箱"),
    ],
)
def test_bad_enquiries_are_chinese_400s(world, client, project, fields, message):
    form = client.get("/qiye/zhaoshang/zixun/").content.decode()
    data = {"name": "陈先生", "phone": "13912345678", "content": "请问项目用地是否已完成征拆？", **guard_fields(form)}
    r = client.post("/qiye/zhaoshang/zixun/", {**data, **fields})
    assert r.status_code == 400 and message in r.content.decode()
    assert not Enquiry.objects.exists()
