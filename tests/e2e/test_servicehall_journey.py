"""网上办事大厅 in Chromium, without JavaScript: a citizen finds a guide, applies online
(with an upload), the departments decide in parallel, and the citizen sees each step,
downloads the licence and rates the service. (axe needs JavaScript: the same pages are
checked with it in test_accessibility_browser's site_pages.)"""

from __future__ import annotations

import pytest
from captcha.models import CaptchaStore

from govportal.servicehall import actions
from govportal.servicehall.models import Application, Decision, Rating
from tests.servicehall.conftest import VALID_ID, make_form, make_item

pytestmark = pytest.mark.browser


@pytest.fixture
def hall_site(django_db_serialized_rollback, transactional_db, cluster, settings, tmp_path, live_server, make_agency):
    from django.contrib.auth import get_user_model

    from govportal.core.models import AgencyKind

    settings.MEDIA_ROOT = tmp_path
    lead = make_agency(AgencyKind.DEPARTMENT, name="示例市市场监督管理局", short_name="市场监管局", code="D0901")
    co = make_agency(AgencyKind.DEPARTMENT, name="示例市消防救援支队", short_name="消防支队", code="D0902")
    item = make_item(lead, code="430100-SJ-0900", name="食品经营许可", co=[(co, "消防安全审查", 3)])
    make_form(item)
    officer = get_user_model().objects.create_superuser("journey_officer", password="x-pass-123456")
    return {"item": item, "officer": officer, "base": live_server.url.replace("127.0.0.1", "localhost")}


def _shots(page, artifacts_dir, name):
    page.screenshot(path=str(artifacts_dir / f"hall-{name}-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(artifacts_dir / f"hall-{name}.png"), full_page=True)
    page.set_viewport_size({"width": 375, "height": 800})


def _solve_captcha(page):
    key = page.locator("input[name=captcha_key]").input_value()
    page.get_by_label("图中的字母").fill(CaptchaStore.objects.get(hashkey=key).response)  # as a test may


def test_citizen_goes_from_guide_to_application_to_result(chromium_browser, hall_site, tmp_path, artifacts_dir):
    base = hall_site["base"]
    context = chromium_browser.new_context(
        locale="zh-CN", java_script_enabled=False, viewport={"width": 375, "height": 800}
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(f"{base}/banshi/?audience=enterprise")
    page.get_by_role("link", name="食品经营许可").click()
    assert page.get_by_role("heading", name="申请材料").is_visible()
    _shots(page, artifacts_dir, "guide")
    page.get_by_role("link", name="在线申请").click()
    page.get_by_label("申请单位名称").fill("示例市好味食品有限公司")
    page.get_by_label("经办人身份证号码").fill(VALID_ID)
    page.get_by_label("手机号码（接收短信）").fill("13800138000")
    page.get_by_label("企业名称").fill("示例市好味食品有限公司")
    page.get_by_label("法定代表人身份证号").fill("110105194912310021")  # wrong check digit first
    page.get_by_label("经营面积（平方米）").fill("120")
    page.get_by_label("经营项目").select_option("预包装食品销售")
    page.get_by_label("门店电话").fill("13900139000")
    page.get_by_label("经营场所").fill("示例市青山路 8 号")
    scan = tmp_path / "licence.pdf"
    scan.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.get_by_label("营业执照").set_input_files(str(scan))
    _solve_captcha(page)
    page.get_by_role("button", name="提交申请").click()
    assert "身份证号不正确" in page.content()
    page.get_by_label("法定代表人身份证号").fill(VALID_ID)
    page.get_by_label("营业执照").set_input_files(str(scan))
    _solve_captcha(page)
    page.get_by_role("button", name="提交申请").click()
    number = page.locator("#tracking-number").inner_text()
    code = page.locator("#query-code").inner_text()
    assert number.startswith("BS") and len(code) == 8

    app = Application.objects.get(case__tracking_number=number)
    actions.application_accept(application=app, actor=hall_site["officer"])
    for task in app.tasks.all():
        actions.task_decide(task=task, actor=hall_site["officer"], decision=Decision.APPROVED, opinion="符合条件")

    page.goto(f"{base}/banshi/jindu/")
    page.get_by_label("办件编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    assert page.locator("#case-status").inner_text() == "已办结（准予）"
    assert "示例市消防救援支队（协办）" in page.content()
    _shots(page, artifacts_dir, "status")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载结果文书（PDF）").click()
    assert download.value.suggested_filename == f"{number}.pdf"
    page.get_by_role("radio", name="满意", exact=True).check()
    for question in (
        "办事指南是否准确清晰",
        "是否一次办成（最多跑一次）",
        "是否在承诺时限内办结",
        "工作人员服务态度是否满意",
        "网上申请是否方便",
    ):
        page.get_by_role("group", name=question).get_by_role("radio", name="是").check()
    page.get_by_role("button", name="提交评价").click()
    assert "您的评价：满意" in page.content()
    assert Rating.objects.get(application=app).level == 4
    context.close()
