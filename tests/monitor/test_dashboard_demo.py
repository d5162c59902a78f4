"""The 监管 dashboards on the small demo: agencies and villages still without a site or page,
departments below 30 %, between 30 % and 50 %, and at or above 50 %; every screen and
export answers for the demo's supervisor."""

from __future__ import annotations

from django.urls import reverse

from govportal.core.models import User
from govportal.monitor import dashboards
from tests.test_demo import demo  # noqa: F401 — the class-scoped small demo load


class TestDashboardsDemo:
    def test_goals_rates_and_replies_show_a_meaningful_picture(self, client, db, demo):  # noqa: F811
        goals = {g.goal.agency_kind: g for g in dashboards.goal_progress()}
        assert {a.short_name for a in goals["party_mass"].missing} == {"市科协", "市文联"}
        assert [a.short_name for a in goals["institution"].missing] == ["交易中心"]
        assert [a.short_name for a in goals["village"].missing] == ["新屋村", "松林村"]
        assert goals["village"].done >= 12 and not goals["village"].reached
        assert goals["township"].reached and not goals["township"].missing

        rows = {r.name: r for r in dashboards.online_licensing().rows}
        assert rows["示例市农业农村局"].level == 0  # 2 of 7
        assert rows["示例市生态环境局"].level == 1  # 2 of 6
        assert rows["示例市公安局"].level == 2  # 1 of 2: 50 % exactly
        assert rows["示例市农业农村局"].planned_next_year == 4

        replies = dashboards.reply_times(by="mailbox", period=dashboards.parse_period("12m", ""))
        assert replies.total.received > 0 and replies.total.answered > 0

        client.force_login(User.objects.get(username="jianguan_duban"))
        overview = client.get(reverse("monitor_dash:overview")).content.decode()
        below = sum(1 for r in rows.values() if r.level == 0)
        assert f"个部门，其中 {below} 个未达到首年目标" in overview
        assert f"党群部门网站全覆盖：{goals['party_mass'].done}/{goals['party_mass'].total}" in overview
        assert "项目标尚未达标" in overview and "收信" in overview
        for name in ("overview", "goals", "goals_export", "licensing", "licensing_export", "replies", "replies_export"):
            assert client.get(reverse(f"monitor_dash:{name}")).status_code == 200, name
