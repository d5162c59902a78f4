"""The mailbox journey in Chromium: a citizen writes to the mayor (solving the CAPTCHA by
reading its answer from the store, as a test may), clerks accept, answer and approve in the
Wagtail admin, and the citizen reads the reply with the query code and rates it."""

from __future__ import annotations

from django.test import Client

import pytest
from captcha.models import CaptchaStore

from govportal.core.models import Agency, AgencyKind, Role
from govportal.interaction.models import Category, Letter, Mailbox, MailboxCategory, MailboxKind
from tests.conftest import ensure_wagtail_base
from tests.interaction.conftest import _staff

pytestmark = pytest.mark.browser


@pytest.fixture
def mayor_box(django_db_serialized_rollback, transactional_db, live_server):
    ensure_wagtail_base()
    city = Agency.objects.create(
        code="C0001", name="示例市人民政府", short_name="市政府", kind=AgencyKind.CITY_GOVERNMENT
    )
    box = Mailbox.objects.create(kind=MailboxKind.MAYOR, name="市长信箱", slug="szxx", agency=city, triage_agency=city)
    MailboxCategory.objects.create(mailbox=box, category=Category.CONSULT, reply_days=5)
    return {
        "base": live_server.url.replace("127.0.0.1", "localhost"),
        "clerk": _staff(city, Role.EDITOR, "journey_clerk"),
        "reviewer": _staff(city, Role.REVIEWER, "journey_reviewer"),
    }


def _staff_context(browser, user, base):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="zh-CN")
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}])
    return context


def test_citizen_writes_to_the_mayor_clerk_answers_citizen_reads_and_rates(chromium_browser, mayor_box):
    from tests.e2e.test_accessibility_browser import _axe_violations

    base = mayor_box["base"]
    citizen = chromium_browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 800})
    page = citizen.new_page()
    page.goto(f"{base}/hudong/szxx/xiexin/")
    assert _axe_violations(page) == []
    page.get_by_label("咨询").check()
    page.get_by_label("标题").fill("小区门口路灯不亮")
    page.get_by_label("内容").fill("人民路88号小区门口的路灯已经坏了两周，晚上出行很不方便，请尽快维修。")
    page.get_by_label("姓名").fill("王芳")
    page.get_by_label("联系电话").fill("13812345678")
    page.get_by_label("同意在网站上公开本信及答复").check()
    key = page.locator("input[name=captcha_key]").input_value()
    page.locator("input[name=captcha_answer]").fill(CaptchaStore.objects.get(hashkey=key).response)
    page.get_by_role("button", name="提交").click()
    page.wait_for_selector("#query-code")
    number, code = page.inner_text("#tracking-number").strip(), page.inner_text("#query-code").strip()
    letter = Letter.objects.get(case__tracking_number=number)

    clerk = _staff_context(chromium_browser, mayor_box["clerk"], base).new_page()
    clerk.goto(f"{base}/admin/letters/")
    clerk.get_by_role("link", name=number).click()
    clerk.select_option("#accept-agency", label="市政府")
    clerk.get_by_role("button", name="受理", exact=True).click()
    clerk.get_by_label("答复内容").fill("王芳您好！已安排维修班组于三日内修复路灯。感谢您的监督！")
    clerk.get_by_role("button", name="提交审核").click()
    clerk.wait_for_selector("text=待审核")

    reviewer = _staff_context(chromium_browser, mayor_box["reviewer"], base).new_page()
    reviewer.goto(f"{base}/admin/letters/{letter.pk}/")
    reviewer.get_by_role("button", name="审核通过并答复来信人").click()
    reviewer.wait_for_selector("text=已答复")

    page.goto(f"{base}/hudong/chaxun/")  # the old address: redirected to the kernel's /cases/
    page.get_by_label("办件编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    assert "已安排维修班组于三日内修复路灯" in page.inner_text("#reply-text")
    assert _axe_violations(page) == []
    page.get_by_label("满意", exact=True).check()
    page.get_by_label("已解决").check()
    page.get_by_role("button", name="提交评价").click()
    page.wait_for_selector("text=感谢您的评价")
    letter.refresh_from_db()
    assert letter.rating == 4 and letter.resolved is True and letter.is_published
