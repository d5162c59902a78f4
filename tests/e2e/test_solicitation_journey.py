"""The 意见征集 journey in Chromium: a citizen opens a draft from the area's list, comments on
one article (solving the CAPTCHA by reading its answer from the store, as a test may); the
drafting agency publishes the comment in the admin and the citizen sees it, masked. Axe
runs on every new public page (list, draft, form, hearing list and detail, registration)."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

import pytest
from captcha.models import CaptchaStore

from govportal.core.models import Agency, AgencyKind, Role
from govportal.participation.models_drafts import Hearing, SolicitationComment
from tests.conftest import ensure_wagtail_base
from tests.participation.drafts_fixtures import make_hearing, make_solicitation, staff

pytestmark = pytest.mark.browser


@pytest.fixture
def drafts(django_db_serialized_rollback, transactional_db, live_server):
    ensure_wagtail_base()
    agency = Agency.objects.create(code="PD001", name="示例市公安局", short_name="公安局", kind=AgencyKind.DEPARTMENT)
    draft = make_solicitation(agency)
    hearing = make_hearing(agency)
    past = make_hearing(agency, title="示例市出租车运价调整听证会", reg=(-40, -20), held=-10, capacity=1)
    Hearing.objects.filter(pk=past.pk).update(
        record="听证会如期举行，参加人原则同意调价方案。", record_published_at=timezone.now() - timedelta(days=9)
    )
    return {
        "base": live_server.url.replace("127.0.0.1", "localhost"),
        "draft": draft,
        "hearing": hearing,
        "past": past,
        "clerk": staff(agency, "journey_drafts_clerk", Role.EDITOR),
    }


def test_citizen_comments_on_an_article_and_sees_it_after_review(chromium_browser, drafts):
    from tests.e2e.test_accessibility_browser import _axe_violations

    base, draft = drafts["base"], drafts["draft"]
    citizen = chromium_browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 800})
    page = citizen.new_page()
    page.goto(f"{base}/canyu/zhengji/")
    assert _axe_violations(page) == []
    page.get_by_role("link", name=draft.title).click()
    assert _axe_violations(page) == []
    page.get_by_role("link", name="对第2条 犬只登记提意见").click()
    assert _axe_violations(page) == []
    assert page.locator("#id_article").input_value() == "2"
    page.get_by_label("意见内容").fill("建议登记可以在网上办理，不必到派出所。")
    page.get_by_label("姓名").fill("孙丽")
    page.get_by_label("联系电话").fill("13912345678")
    key = page.locator("input[name=captcha_key]").input_value()
    page.locator("input[name=captcha_answer]").fill(CaptchaStore.objects.get(hashkey=key).response)
    page.get_by_role("button", name="提交意见").click()
    page.wait_for_selector("text=意见已提交")
    assert _axe_violations(page) == []
    comment = SolicitationComment.objects.get()
    assert comment.article.number == 2

    client = Client()
    client.force_login(drafts["clerk"])
    clerk_context = chromium_browser.new_context(locale="zh-CN")
    clerk_context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}])
    clerk = clerk_context.new_page()
    clerk.goto(f"{base}/admin/canyu/zhengji/{draft.pk}/")
    clerk.get_by_role("button", name="公开", exact=True).click()
    clerk.wait_for_selector("text=已公开")

    page.goto(f"{base}/canyu/zhengji/{draft.pk}/")
    assert page.get_by_text("建议登记可以在网上办理").is_visible()
    assert page.get_by_text("孙*").first.is_visible()
    for url in (
        f"{base}/canyu/tingzheng/",
        f"{base}/canyu/tingzheng/{drafts['hearing'].pk}/baoming/",
        f"{base}/canyu/tingzheng/{drafts['past'].pk}/",
        f"{base}/canyu/",
    ):
        page.goto(url)
        assert _axe_violations(page) == [], url
