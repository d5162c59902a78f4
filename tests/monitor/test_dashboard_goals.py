"""建设目标: goals (seeded by the data migration, edited by the information office) measured
against the registry and the live sites — done/total, share, deadline countdown, the agencies
still missing; the screen and its .xlsx."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from govportal.cluster import actions as cluster_actions
from govportal.cluster.models import SiteKind
from govportal.core.models import AgencyKind
from govportal.monitor import dashboards
from govportal.monitor.models import ConstructionGoal, GoalRequirement

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal_world(cluster, make_agency):
    """On top of the small cluster (portal, 教育局, 青山镇 with 东坪村's page): three 党群部门,
    two with a live site (one of them unpublished), one without; a second village without a
    page; a 事业单位 without a site; an inactive 党群部门 (not counted)."""
    portal, town_home = cluster["homes"]["city"], cluster["homes"]["town"]
    town = cluster["agencies"]["town"]
    party = [
        make_agency(AgencyKind.PARTY_MASS, name=f"示例市党群{n}", short_name=f"党群{n}", code=f"P000{n}")
        for n in (1, 2, 3)
    ]
    cluster_actions.site_create(
        actor=None, agency=party[0], kind=SiteKind.PARTY_MASS, title="党群一", slug="dq1", parent=portal
    )
    unpublished = cluster_actions.site_create(
        actor=None, agency=party[1], kind=SiteKind.PARTY_MASS, title="党群二", slug="dq2", parent=portal
    )
    unpublished.unpublish()
    make_agency(AgencyKind.PARTY_MASS, name="示例市已撤销党群", short_name="已撤销", code="P0009", is_active=False)
    make_agency(AgencyKind.VILLAGE, name="青山镇石门村", short_name="石门村", parent=town, code="V0002")
    make_agency(AgencyKind.INSTITUTION, name="示例市档案馆", short_name="档案馆", code="S0001")
    return {"party": party, "town_home": town_home}


def _progress(kind, today):
    return next(p for p in dashboards.goal_progress(today=today) if p.goal.agency_kind == kind)


def test_the_data_migration_seeds_the_plans_goals():
    goals = {g.agency_kind: g for g in ConstructionGoal.objects.all()}
    assert set(goals) == {"township", "party_mass", "institution", "dual_managed", "village"}
    assert goals["village"].requirement == GoalRequirement.VILLAGE_PAGE
    assert {g.target_percent for g in goals.values()} == {100}


def test_party_mass_goal_counts_live_sites_of_active_agencies(goal_world, time_machine):
    time_machine.move_to("2027-06-20 10:00 +0800", tick=False)
    p = _progress(AgencyKind.PARTY_MASS, date(2027, 6, 20))
    # 3 active 党群部门; only 党群1's site is live (党群2's was unpublished, 党群3 has none).
    assert (p.done, p.total) == (1, 3)
    assert [a.short_name for a in p.missing] == ["党群2", "党群3"]
    assert str(p.share_percent) == "33.3"
    assert not p.reached
    # Seeded deadline 2027-06-30: 10 days left, within the warning window (90 days).
    assert p.days_left == 10 and p.due_soon and not p.overdue and p.status == "剩余 10 天"


def test_goal_overdue_after_its_deadline_and_reached_at_the_target_exactly(goal_world):
    after = date(2027, 7, 3)
    p = _progress(AgencyKind.PARTY_MASS, after)
    assert p.days_left == -3 and p.overdue and p.status == "逾期 3 天"
    # The target compares exactly, without rounding the share first: 1 of 3 reaches 33 %
    # (0.99 needed) but not 34 % (1.02 needed).
    goal = p.goal
    goal.target_percent = 33
    goal.save()
    assert _progress(AgencyKind.PARTY_MASS, after).reached
    goal.target_percent = 34
    goal.save()
    assert not _progress(AgencyKind.PARTY_MASS, after).reached


def test_village_goal_counts_live_village_pages_only(goal_world):
    p = _progress(AgencyKind.VILLAGE, date(2027, 1, 1))
    assert (p.done, p.total) == (1, 2) and [a.short_name for a in p.missing] == ["石门村"]
    assert p.share == dashboards.Decimal("0.5")
    # A township's own site does not count as a village page, and the township goal is met.
    t = _progress(AgencyKind.TOWNSHIP, date(2027, 1, 1))
    assert (t.done, t.total) == (1, 1) and t.reached and t.status == "已达标"


def test_goal_with_no_agency_of_its_kind_is_reached(goal_world):
    p = _progress(AgencyKind.DUAL_MANAGED, date(2027, 1, 1))
    assert (p.done, p.total, p.share) == (0, 0, None) and p.reached


def test_goal_clean_refuses_a_village_goal_that_asks_for_a_site():
    goal = ConstructionGoal(name="x", agency_kind=AgencyKind.VILLAGE, requirement=GoalRequirement.SITE,
                            deadline=date(2027, 1, 1))  # fmt: skip
    with pytest.raises(Exception) as exc:
        goal.full_clean()
    assert "村/社区的达标条件是开通村/社区页面" in str(exc.value)


def test_goals_screen_and_export_for_the_supervisor(goal_world, supervisor, client, time_machine):
    time_machine.move_to("2027-06-20 10:00 +0800", tick=False)
    client.force_login(supervisor)
    page = client.get("/admin/monitor/dashboards/goals/").content.decode()
    assert "党群部门网站全覆盖" in page and "1/3" in page and "33.3%" in page and "剩余 10 天" in page
    assert "示例市党群3" in page and "石门村" in page and "示例市档案馆" in page
    assert "示例市已撤销党群" not in page
    assert "设置建设目标" not in page  # read-only: the goals' screens are the information office's
    r = client.get("/admin/monitor/dashboards/goals/export.xlsx")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.values)
    assert rows[0][0] == "网站建设目标完成情况（截至 2027-06-20）"
    assert rows[1][0] == "建设目标" and rows[1][-1] == "未完成单位"
    party = next(row for row in rows[2:] if row[0] == "党群部门网站全覆盖")
    assert party[4:] == ("2027-06-30", 1, 3, 33.3, "否", "剩余 10 天", "示例市党群2、示例市党群3")


def test_information_office_edits_a_goal_and_the_change_is_logged(office, client):
    from wagtail.models import ModelLogEntry

    goal = ConstructionGoal.objects.get(agency_kind=AgencyKind.PARTY_MASS)
    client.force_login(office)
    r = client.post(
        f"/admin/monitor/goals/edit/{goal.pk}/",
        {
            "name": goal.name,
            "agency_kind": "party_mass",
            "requirement": "site",
            "target_percent": "90",
            "deadline": "2027-09-30",
            "basis": goal.basis,
            "sort_order": "20",
            "is_active": "on",
        },
    )
    assert r.status_code == 302
    goal.refresh_from_db()
    assert (goal.target_percent, goal.deadline) == (90, date(2027, 9, 30))
    assert ModelLogEntry.objects.filter(object_id=str(goal.pk), action="wagtail.edit", user=office).exists()
    # A target above 100 % is refused with a message, not saved.
    r = client.post(
        f"/admin/monitor/goals/edit/{goal.pk}/",
        {
            "name": goal.name,
            "agency_kind": "party_mass",
            "requirement": "site",
            "target_percent": "150",
            "deadline": "2027-09-30",
            "sort_order": "20",
            "is_active": "on",
        },
    )
    assert r.status_code == 200 and "100" in r.content.decode()
    goal.refresh_from_db()
    assert goal.target_percent == 90
