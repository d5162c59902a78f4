"""The 企业风采 journey in Chromium: an enterprise applies through the public form (solving
the CAPTCHA by reading its answer from the store, as a test may), the investment bureau
approves it in the Wagtail admin, and a reader finds it from the portal home — its image
window (with the pause button) and the 企业风采 entry. axe checks every new public page."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

import pytest
from captcha.models import CaptchaStore

from govportal.cluster.actions import site_create
from govportal.cluster.models import SiteKind
from govportal.core.models import Agency, AgencyKind, Role
from govportal.enterprise.models import Enterprise, ImageWindow, InvestmentProject, ReviewState
from tests.conftest import ensure_wagtail_base
from tests.enterprise.conftest import BUREAU_CODE, VALID_CODE, picture, staff

pytestmark = pytest.mark.browser


@pytest.fixture
def world(django_db_serialized_rollback, transactional_db, live_server):
    # The portal alone (the whole small cluster costs a minute in a transactional test).
    ensure_wagtail_base()
    city = Agency.objects.create(
        code="C0001", name="示例市人民政府", short_name="市政府", kind=AgencyKind.CITY_GOVERNMENT
    )
    portal = site_create(
        actor=None,
        agency=city,
        kind=SiteKind.PORTAL,
        title="示例市人民政府",
        slug="portal",
        hostname="localhost",
        site_code="4301000001",
        icp_record="湘ICP备00000001号",
    )
    bureau = Agency.objects.create(
        code=BUREAU_CODE, name="示例市商务局", short_name="商务局", kind=AgencyKind.DEPARTMENT
    )
    ImageWindow.objects.create(
        home=portal,
        agency=city,
        slogan="山水示例 投资首选",
        image=picture(),
        alt_text="示例市经济开发区鸟瞰",
        link_url="/qiye/zhaoshang/",
        link_text="查看招商项目",
        starts_at=timezone.now() - timedelta(hours=1),
        state=ReviewState.APPROVED,
    )
    ImageWindow.objects.create(
        home=portal,
        agency=city,
        slogan="名优特产 香飘四方",
        image=picture(),
        alt_text="青山镇高山茶园",
        starts_at=timezone.now() - timedelta(hours=1),
        state=ReviewState.APPROVED,
    )
    InvestmentProject.objects.create(
        agency=bureau,
        title="青山镇高山茶精深加工项目",
        sector="food",
        location="青山镇",
        scale="总投资约2亿元",
        description="建设茶叶精深加工生产线。",
        terms="标准厂房租金“三免两减半”。",
        contact_name="周强",
        contact_phone="0731-84560001",
        is_published=True,
    )
    return {"base": live_server.url.replace("127.0.0.1", "localhost"), "clerk": staff(bureau, Role.REVIEWER, "e2e_swu")}


def _staff_context(browser, user, base):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="zh-CN")
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}])
    return context


def test_enterprise_applies_bureau_approves_reader_finds_it(chromium_browser, world):
    from tests.e2e.test_accessibility_browser import _axe_violations

    base = world["base"]
    applicant = chromium_browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 800}).new_page()
    applicant.goto(f"{base}/qiye/shenbao/")
    assert _axe_violations(applicant) == []
    applicant.get_by_label("企业名称").fill("示例市青山茶业有限公司")
    applicant.get_by_label("统一社会信用代码").fill(VALID_CODE)
    applicant.get_by_label("企业类型").select_option(label="民营企业")
    applicant.get_by_label("所属行业").select_option(label="食品加工")
    applicant.get_by_label("所在乡镇（街道、园区）").fill("青山镇")
    applicant.get_by_label("企业简介").fill("公司专业从事高山绿茶种植、加工和销售，拥有标准化生态茶园三千亩。")
    applicant.locator("#id_product_1_name").fill("青山云雾茶")
    applicant.get_by_label("联系人").fill("李明")
    applicant.get_by_label("联系电话").fill("13812345678")
    key = applicant.locator("input[name=captcha_key]").input_value()
    applicant.locator("input[name=captcha_answer]").fill(CaptchaStore.objects.get(hashkey=key).response)
    applicant.get_by_role("button", name="提交申报").click()
    applicant.wait_for_selector("text=申报已提交")
    enterprise = Enterprise.objects.get(credit_code=VALID_CODE)

    clerk = _staff_context(chromium_browser, world["clerk"], base).new_page()
    clerk.goto(f"{base}/admin/qiye/")
    clerk.get_by_role("link", name="示例市青山茶业有限公司").click()
    clerk.get_by_role("button", name="审核通过并发布").click()
    clerk.wait_for_selector("text=已发布")
    enterprise.refresh_from_db()
    assert enterprise.state == "approved"

    reader = chromium_browser.new_context(locale="zh-CN").new_page()
    reader.goto(f"{base}/")
    assert reader.locator(".qy-windows").is_visible()
    pause = reader.locator("[data-pause]")
    assert pause.is_visible() and pause.get_attribute("aria-pressed") == "false"
    pause.click()
    assert pause.get_attribute("aria-pressed") == "true"
    assert _axe_violations(reader) == []
    reader.locator("header").get_by_role("link", name="企业风采").first.click()
    reader.wait_for_url("**/qiye/")
    assert _axe_violations(reader) == []
    reader.get_by_role("link", name="示例市青山茶业有限公司").click()
    reader.wait_for_selector("h1:has-text('示例市青山茶业有限公司')")
    assert "138****5678" in reader.content()
    assert _axe_violations(reader) == []
    for path in ("/qiye/chanpin/", "/qiye/zhaoshang/", "/qiye/zhaoshang/zixun/"):
        reader.goto(f"{base}{path}")
        assert _axe_violations(reader) == [], path
