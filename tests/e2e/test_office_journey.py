"""协同办公 in Chromium: a city-government clerk drafts a notice asking for a reply, the
签发人 signs it, the clerk sends it, and the township's clerk signs for it and replies; axe
on every screen visited."""

from __future__ import annotations

from django.test import Client

import pytest

from govportal.core.models import Agency, AgencyKind, Role, User
from govportal.office import actions
from govportal.office.models import Delivery
from tests.conftest import ensure_wagtail_base

pytestmark = pytest.mark.browser


@pytest.fixture
def two_agencies(django_db_serialized_rollback, transactional_db, live_server):
    from govportal.cluster.permissions import agency_groups

    ensure_wagtail_base()
    city = Agency.objects.create(
        code="C0001", name="示例市人民政府", short_name="市政府", kind=AgencyKind.CITY_GOVERNMENT
    )
    town = Agency.objects.create(
        code="X0001", name="示例市青山镇人民政府", short_name="青山镇", kind=AgencyKind.TOWNSHIP
    )

    def user(agency, username, group, first_name):
        u = User.objects.create(username=username, agency=agency, last_name=agency.short_name, first_name=first_name)
        u.groups.add(group)
        return u

    return {
        "base": live_server.url,
        "city_clerk": user(city, "e2e_city_oa", actions.office_roles_ensure(agency=city), "收发员"),
        "city_leader": user(city, "e2e_city_ld", agency_groups(city)[Role.LEADER], "秘书长"),
        "town_clerk": user(town, "e2e_town_oa", actions.office_roles_ensure(agency=town), "收发员"),
        "town": town,
    }


def _as(browser, user, base):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="zh-CN")
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}])
    return context.new_page()


def test_a_clerk_sends_and_another_agencys_clerk_signs_for_and_replies(chromium_browser, two_agencies):
    from tests.e2e.test_accessibility_browser import _axe_violations

    w, base = two_agencies, two_agencies["base"]
    clerk = _as(chromium_browser, w["city_clerk"], base)
    clerk.goto(f"{base}/admin/office/new/")
    assert _axe_violations(clerk) == []
    clerk.select_option("#f-issuer", label="市政府秘书长")
    clerk.get_by_label("标题").fill("关于报送冬季安全生产大检查情况的通知")
    clerk.get_by_text("选择主送单位").click()
    clerk.get_by_label("青山镇").first.check()
    clerk.get_by_label("正文").fill("请于3个工作日内报送本辖区冬季安全生产大检查情况。")
    clerk.select_option("#f-disclosure", label="不予公开")
    clerk.get_by_label("需回复时的回复期限（工作日，可空）").fill("3")
    clerk.get_by_role("button", name="保存草稿").click()
    clerk.get_by_role("button", name="提交签发").click()
    clerk.wait_for_selector("text=待签发")

    leader = _as(chromium_browser, w["city_leader"], base)
    leader.goto(clerk.url)
    leader.get_by_role("button", name="签发", exact=True).click()
    leader.wait_for_selector("text=已签发")

    clerk.reload()
    # Wait for the POST's redirect to load (it shows, and so uses up, Wagtail's success message):
    # the reload then checks the page itself, not the fading message — and not a reload that
    # raced the POST and got the message instead.
    with clerk.expect_navigation():
        clerk.get_by_role("button", name="发出").click()
    clerk.wait_for_selector("text=签收情况")
    clerk.reload()
    assert _axe_violations(clerk) == []

    town = _as(chromium_browser, w["town_clerk"], base)
    town.goto(f"{base}/admin/office/")
    assert _axe_violations(town) == []
    town.get_by_role("link", name="关于报送冬季安全生产大检查情况的通知").click()
    town.get_by_role("button", name="签收", exact=True).click()
    town.get_by_label("回复内容").fill("我镇已完成检查，发现隐患2处，均已整改。")
    with town.expect_navigation():
        town.get_by_role("button", name="提交回复").click()
    town.wait_for_selector("text=本单位回复")
    town.reload()
    assert _axe_violations(town) == []

    delivery = Delivery.objects.select_related("case").get(agency=w["town"])
    assert delivery.case.state == "replied" and delivery.signed_by == w["town_clerk"]
    clerk.reload()
    assert "已签收 1，未签收 0" in clerk.content() and "我镇已完成检查" in clerk.content()
