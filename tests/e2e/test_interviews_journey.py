"""The 在线访谈 journey in Chromium: during a live interview a citizen asks a question
(solving the CAPTCHA by reading its answer from the store, as a test may), the agency's
moderator approves it and the typist enters the guest's answer in the admin console, and
the citizen's open live page shows the answer by itself (live.js polling the snapshot),
without a reload. The accessibility check (axe) covers the live page."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

import pytest
from captcha.models import CaptchaStore

from govportal.core.models import Agency, AgencyKind, Role, User
from govportal.interviews import actions
from govportal.interviews.models import Guest, Interview
from tests.conftest import ensure_wagtail_base
from tests.interviews.conftest import staff

pytestmark = pytest.mark.browser


@pytest.fixture
def live_interview(django_db_serialized_rollback, transactional_db, live_server):
    ensure_wagtail_base()
    agency = Agency.objects.create(
        code="D0301", name="示例市住房和城乡建设局", short_name="住建局", kind=AgencyKind.DEPARTMENT
    )
    office = User.objects.create_superuser("journey_office", password=None)
    now = timezone.now()
    interview = Interview.objects.create(
        title="老旧小区改造和加装电梯",
        agency=agency,
        host="周晓岚",
        starts_at=now - timedelta(minutes=5),
        ends_at=now + timedelta(hours=1),
        intro="市住建局负责同志就加装电梯补贴与网友在线交流。",
    )
    Guest.objects.create(interview=interview, name="吴卫东", post="市住房和城乡建设局副局长")
    actions.interview_saved(interview=interview, actor=office)
    actions.interview_start(interview=interview, actor=office)
    return {
        "base": live_server.url.replace("127.0.0.1", "localhost"),
        "interview": interview,
        "moderator": staff(agency, Role.REVIEWER, "journey_moderator"),
        "typist": staff(agency, Role.EDITOR, "journey_typist"),
    }


def _staff_page(browser, user, base):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="zh-CN")
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}])
    return context.new_page()


def test_citizen_asks_moderator_approves_typist_answers_citizen_sees_it_live(chromium_browser, live_interview):
    from tests.e2e.test_accessibility_browser import _axe_violations

    base, interview = live_interview["base"], live_interview["interview"]
    citizen = chromium_browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 800}).new_page()
    citizen.goto(f"{base}/fangtan/{interview.pk}/")
    assert _axe_violations(citizen) == []
    citizen.get_by_label("您的问题").fill("加装电梯的补贴标准是多少？我的电话是13812345678。")
    citizen.get_by_label("姓名").fill("王芳")
    citizen.get_by_label("联系电话").fill("13812345678")
    key = citizen.locator("input[name=captcha_key]").input_value()
    citizen.locator("input[name=captcha_answer]").fill(CaptchaStore.objects.get(hashkey=key).response)
    citizen.get_by_role("button", name="提交问题").click()
    citizen.wait_for_selector("text=您的问题已收到")
    citizen.get_by_role("link", name="返回访谈页面").click()
    citizen.wait_for_selector("text=页面将自动更新")  # live.js is polling

    moderator = _staff_page(chromium_browser, live_interview["moderator"], base)
    moderator.goto(f"{base}/admin/fangtan/")
    moderator.get_by_role("link", name=interview.title).click()
    assert "13812345678" in moderator.inner_text("main")  # staff see the original
    moderator.get_by_role("button", name="采纳", exact=True).click()
    moderator.wait_for_selector("text=已完成：采纳问题")

    typist = _staff_page(chromium_browser, live_interview["typist"], base)
    typist.goto(f"{base}/admin/fangtan/{interview.pk}/")
    typist.select_option("#f-guest", label="吴卫东（市住房和城乡建设局副局长）")
    typist.select_option("#f-question", index=1)
    typist.get_by_label("内容", exact=True).fill("每台电梯最高补贴15万元，由所在街道受理申请。")
    typist.get_by_role("button", name="发布", exact=True).click()
    typist.wait_for_selector("text=已完成：发布直播内容")

    # The citizen's page, never reloaded, shows the answer and the masked question.
    citizen.wait_for_selector("#ft-posts >> text=每台电梯最高补贴15万元", timeout=10_000)
    posts = citizen.inner_text("#ft-posts")
    assert "网友“王*”问" in posts and "138****5678" in posts and "13812345678" not in posts
    assert "已答复" in citizen.inner_text("#ft-taken")
    assert _axe_violations(citizen) == []
