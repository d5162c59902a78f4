"""网上可办率: each department's share of licensing items applicable online — the service
hall's own count (its published statistics), declared in ``cluster.supervision`` — against
the 30 % and 50 % targets at their boundaries, with the rollout plan for this year and next;
sortable; .xlsx read back."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from govportal.core.models import AgencyKind
from govportal.monitor import dashboards
from govportal.servicehall import stats
from govportal.servicehall.models import ItemType, RolloutPlan
from tests.servicehall.conftest import make_item

pytestmark = pytest.mark.django_db


def _items(agency, prefix: str, *, online: int, total: int, online_since=None):
    for n in range(total):
        is_online = n < online
        make_item(
            agency,
            code=f"{prefix}-{n}",
            name=f"{agency.short_name}许可{n}",
            online_url=f"https://zwfw.example.gov.cn/{prefix}/{n}" if is_online else "",
            online_since=online_since if is_online else None,
            visits=0 if is_online else 1,
        )


@pytest.fixture
def departments(make_agency, time_machine):
    time_machine.move_to("2026-12-05 10:00 +0800", tick=False)
    mk = make_agency
    d = {
        "below": mk(AgencyKind.DEPARTMENT, name="示例市住房和城乡建设局", short_name="住建局", code="D0201"),
        "first": mk(AgencyKind.DEPARTMENT, name="示例市交通运输局", short_name="交通局", code="D0202"),
        "end": mk(AgencyKind.DEPARTMENT, name="示例市市场监督管理局", short_name="市场监管局", code="D0203"),
        "planned": mk(AgencyKind.DEPARTMENT, name="示例市林业局", short_name="林业局", code="D0204"),
        "late": mk(AgencyKind.DEPARTMENT, name="示例市水利局", short_name="水利局", code="D0205"),
    }
    _items(d["below"], "ZJ", online=29, total=100)  # 29 %: below the first-year target
    _items(d["first"], "JT", online=3, total=10)  # 30 % exactly: first-year target reached
    _items(d["end"], "SJ", online=5, total=10)  # 50 % exactly: the end-of-plan target too
    # Online only from next year on: not counted this year (the hall's `online_in`).
    from datetime import date

    _items(d["late"], "SL", online=2, total=2, online_since=date(2027, 3, 1))
    # Not a licensing item: not counted.
    make_item(
        d["below"], code="ZJ-PS", name="公共服务", item_type=ItemType.PUBLIC_SERVICE, online_url="https://x.example/1"
    )
    # A plan without any published licensing item yet.
    RolloutPlan.objects.create(agency=d["planned"], year=2026, planned_online_items=2, measures="梳理事项清单")
    RolloutPlan.objects.create(agency=d["below"], year=2026, planned_online_items=35, measures="推进一网通办")
    RolloutPlan.objects.create(agency=d["below"], year=2027, planned_online_items=50, measures="高频事项全部网办")
    return d


def _row(rep, agency):
    return next(r for r in rep.rows if r.agency_id == agency.pk)


def test_rates_against_the_targets_at_their_boundaries(departments):
    rep = dashboards.online_licensing()
    assert rep.year == 2026 and rep.targets == (Decimal("0.3"), Decimal("0.5"))
    below, first, end = (_row(rep, departments[k]) for k in ("below", "first", "end"))
    assert (below.numerator, below.denominator, below.reached, below.level) == (29, 100, [False, False], 0)
    assert (first.numerator, first.denominator, first.reached, first.level) == (3, 10, [True, False], 1)
    assert (end.numerator, end.denominator, end.reached, end.level) == (5, 10, [True, True], 2)
    assert str(first.rate_percent) == "30.0" and str(below.rate_percent) == "29.0"
    late = _row(rep, departments["late"])
    assert (late.numerator, late.denominator, late.level) == (0, 2, 0)
    planned = _row(rep, departments["planned"])
    assert (planned.denominator, planned.rate, planned.level, planned.planned_this_year) == (0, None, 0, 2)
    assert (below.planned_this_year, below.planned_next_year) == (35, 50)
    assert below.plan_next_year.measures == "高频事项全部网办"


def test_the_dashboard_counts_as_the_halls_published_statistics(departments):
    """One owner: the numbers are the hall's 网上办事统计 for the year, department by department."""
    published = {r.agency_id: (r.online_licence_items, r.licence_items) for r in stats.report(2026).rows}
    for row in dashboards.online_licensing().rows:
        if row.denominator:
            assert published[row.agency_id] == (row.numerator, row.denominator)
    first = next(r for r in stats.report(2026).rows if r.agency_id == departments["first"].pk)
    assert first.meets_first_year and not first.meets_end_of_plan  # the hall agrees at 30 % exactly


def test_targets_follow_the_halls_settings(departments, settings):
    settings.GOVPORTAL_SERVICEHALL_TARGET_FIRST_YEAR = 31
    rep = dashboards.online_licensing()
    assert rep.targets[0] == Decimal("0.31") and _row(rep, departments["first"]).level == 0


def test_sorting_and_bad_sort_is_a_400_in_chinese(departments, supervisor, client):
    names = [r.name for r in dashboards.online_licensing(sort="-rate").rows]
    assert names[:3] == ["示例市市场监督管理局", "示例市交通运输局", "示例市住房和城乡建设局"]
    assert names[-1] == "示例市林业局"  # no licensing items: no rate, last
    assert [r.name for r in dashboards.online_licensing(sort="rate").rows][0] == "示例市水利局"
    client.force_login(supervisor)
    page = client.get("/admin/monitor/dashboards/licensing/?sort=name").content.decode()
    assert page.index("示例市交通运输局") < page.index("示例市住房和城乡建设局")
    r = client.get("/admin/monitor/dashboards/licensing/?sort=<script>")
    assert r.status_code == 400 and "排序方式不正确" in r.content.decode()
    r = client.get("/admin/monitor/dashboards/licensing/export.xlsx?sort=ｒａｔｅ")  # full-width
    assert r.status_code == 400 and "排序方式不正确" in r.content.decode()
    r = client.get("/admin/monitor/dashboards/licensing/export.xlsx?sort=%00")  # NUL: refused before the view
    assert r.status_code == 400 and "空字符" in r.content.decode()


def test_licensing_screen_and_export(departments, supervisor, client):
    client.force_login(supervisor)
    page = client.get("/admin/monitor/dashboards/licensing/").content.decode()
    assert "3/10" in page and "30.0%" in page and "达到首年目标" in page and "达到期末目标" in page
    assert "未达首年目标" in page and "未报计划" in page and "推进一网通办" in page
    r = client.get("/admin/monitor/dashboards/licensing/export.xlsx?sort=name")
    assert r.status_code == 200
    rows = list(load_workbook(io.BytesIO(r.content)).active.values)
    assert rows[0][0] == "2026年各部门行政许可事项网上可办率（目标：30.0%、50.0%）"
    assert rows[1][:6] == ("部门", "网上可办许可事项数", "行政许可事项数", "网上可办率（%）",
                           "是否达到首年目标（30.0%）", "是否达到规划期末目标（50.0%）")  # fmt: skip
    assert rows[1][6:] == ("2026年计划网上可办数", "2026年推进措施", "2027年计划网上可办数", "2027年推进措施")
    by_name = {row[0]: row for row in rows[2:]}
    assert by_name["示例市交通运输局"][1:6] == (3, 10, 30.0, "是", "否")
    assert by_name["示例市住房和城乡建设局"][1:] == (
        29,
        100,
        29.0,
        "否",
        "否",
        35,
        "推进一网通办",
        50,
        "高频事项全部网办",
    )
    assert by_name["示例市林业局"][1:7] == (0, 0, None, "否", "否", 2)
