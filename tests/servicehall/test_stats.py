"""Statistics against a hand-counted fixture: items, online share and plan, applications
received/completed, on-time rate, average working days, satisfaction; page, chart and .xlsx."""

from __future__ import annotations

import io

import pytest

from govportal.servicehall import actions, stats
from govportal.servicehall.models import Decision, ItemType, RolloutPlan
from tests.servicehall.conftest import direct_submit, make_form, make_item

pytestmark = pytest.mark.django_db


def _decide_all(app, hall):
    for task in app.tasks.all():
        key = next(k for k, a in hall["agencies"].items() if a.pk == task.agency_id)
        actions.task_decide(task=task, actor=hall["staff"][key], decision=Decision.APPROVED)


@pytest.fixture
def counted(hall, time_machine):
    lead, other = hall["agencies"]["lead"], hall["agencies"]["other"]
    # 市场监管局: licence items = fixture item (online) + 2 more (1 online) = 3, 2 online;
    # plus 1 public service. 教育局: 1 licence item, not online.
    make_form(make_item(lead, code="SJ-2", name="药品零售许可"))  # online: a published form
    make_item(lead, code="SJ-3", name="特种设备使用登记", visits=1)
    make_item(lead, code="SJ-4", name="消费投诉受理", item_type=ItemType.PUBLIC_SERVICE)
    make_item(other, code="JY-1", name="民办学校设立", visits=1)
    make_item(lead, code="SJ-5", name="未公开事项", published=False)
    RolloutPlan.objects.create(agency=lead, year=2026, planned_online_items=4)
    item = hall["item"]  # promised limit 10 WD
    time_machine.move_to("2026-12-01 09:00 +0800")
    on_time, _ = direct_submit(item)
    late, _ = direct_submit(item)
    direct_submit(item)  # received, still open
    actions.application_accept(application=on_time, actor=hall["staff"]["lead"])
    actions.application_accept(application=late, actor=hall["staff"]["lead"])
    time_machine.move_to("2026-12-04 09:00 +0800")
    _decide_all(on_time, hall)  # 3 WD after submission, due 15 Dec: on time
    time_machine.move_to("2026-12-17 09:00 +0800")
    _decide_all(late, hall)  # 12 WD after submission: late
    actions.rating_submit(application=on_time, actor=None, level=5, answers={})
    actions.rating_submit(application=late, actor=None, level=1, answers={})
    return hall


def test_report_matches_hand_counts(counted):
    rep = stats.report(2026)
    lead = next(r for r in rep.rows if r.name == "示例市市场监督管理局")
    edu = next(r for r in rep.rows if r.name == "示例市教育局")
    assert (lead.items, lead.licence_items, lead.online_licence_items) == (4, 3, 2)
    assert lead.online_share == 66.7 and lead.meets_end_of_plan
    assert lead.planned == 4 and lead.plan_progress == 50.0
    assert (lead.received, lead.completed, lead.on_time, lead.late) == (3, 2, 1, 1)
    # The third application (submitted 12-01, due 12-15) is still open on 12-17: overdue, so
    # not on time (issue 17: the kernel's one definition) — 1 / (2 answered + 1 open overdue).
    assert lead.open_overdue == 1
    assert lead.on_time_rate == 33.3
    assert lead.average_days == 7.5  # (3 + 12) / 2
    assert lead.ratings == 2 and lead.satisfaction == 50.0
    assert lead.levels[5] == 1 and lead.levels[1] == 1
    assert (edu.licence_items, edu.online_licence_items, edu.online_share) == (1, 0, 0.0)
    assert not edu.meets_first_year
    city = rep.city
    assert (city.licence_items, city.online_licence_items, city.online_share) == (4, 2, 50.0)
    assert (city.received, city.completed, city.on_time_rate) == (3, 2, 33.3)


def test_other_year_is_empty_of_applications(counted):
    rep = stats.report(2025)
    assert rep.city.received == 0 and rep.city.ratings == 0


def test_statistics_page_and_xlsx_export(client, counted):
    html = client.get("/banshi/tongji/?year=2026").content.decode()
    assert "2026年网上办事统计和好差评结果" in html
    assert "2/3（66.7%）" in html and "达到期末目标" in html
    assert 'style="width:67%"' in html  # the server-rendered bar
    assert "计划 4 项，完成 50.0%" in html
    from openpyxl import load_workbook

    response = client.get("/banshi/tongji.xlsx?year=2026")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in ws[2]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=3, values_only=True)}
    assert rows["示例市市场监督管理局"]["网上可办比例（%）"] == 66.7
    assert rows["示例市市场监督管理局"]["按时办结率（%）"] == 33.3
    assert rows["示例市市场监督管理局"]["超期未办结数"] == 1
    assert rows["全市"]["受理申请数"] == 3


def test_department_enters_its_plan_and_only_the_supervisor_writes_the_note(client, hall):
    from django.contrib.auth.models import Group, Permission

    from govportal.core.models import User

    lead = hall["agencies"]["lead"]
    client.force_login(hall["staff"]["lead"])
    response = client.post(
        "/admin/snippets/servicehall/rolloutplan/add/",
        {
            "agency": lead.pk,
            "year": 2026,
            "planned_online_items": 2,
            "measures": "季度推进",
            "supervisor_note": "自己写",
        },
    )
    assert response.status_code == 302
    plan = RolloutPlan.objects.get()
    assert plan.supervisor_note == "" and plan.actual_online_items() == 1
    supervisors = Group.objects.create(name="网上办事督查")
    supervisors.permissions.add(
        Permission.objects.get(codename="supervise_servicehall"), Permission.objects.get(codename="access_admin")
    )
    boss = User.objects.create_user("duban", password="x-pass-123456")
    boss.groups.add(supervisors)
    client.force_login(boss)
    listing = client.get("/admin/snippets/servicehall/rolloutplan/").content.decode()
    assert "市场监管局 2026" in listing or "示例市市场监督管理局" in listing
    client.post(
        f"/admin/snippets/servicehall/rolloutplan/edit/{plan.pk}/",
        {
            "agency": lead.pk,
            "year": 2026,
            "planned_online_items": 2,
            "measures": "季度推进",
            "supervisor_note": "进度偏慢",
        },
    )
    plan.refresh_from_db()
    assert plan.supervisor_note == "进度偏慢"
    client.force_login(hall["staff"]["other"])
    assert client.get(f"/admin/snippets/servicehall/rolloutplan/edit/{plan.pk}/").status_code == 404
