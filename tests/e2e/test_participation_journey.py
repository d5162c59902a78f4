"""The survey journey in Chromium: a citizen finds an open survey on /canyu/, answers every
kind of question (solving the CAPTCHA by reading its answer from the store, as a test may) and
is thanked; closed results (charts with their tables) and an evaluation pass axe too."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

import pytest
from captcha.models import CaptchaStore

from govportal.core.models import Agency, AgencyKind
from govportal.participation import actions
from govportal.participation.models import SurveyResponse
from tests.conftest import ensure_wagtail_base
from tests.participation.conftest import answers, make_evaluation, make_survey

pytestmark = pytest.mark.browser


@pytest.fixture
def surveys(django_db_serialized_rollback, transactional_db, live_server):
    ensure_wagtail_base()
    city = Agency.objects.create(
        code="C0001", name="示例市人民政府", short_name="市政府", kind=AgencyKind.CITY_GOVERNMENT
    )
    edu = Agency.objects.create(code="D0001", name="示例市教育局", short_name="教育局", kind=AgencyKind.DEPARTMENT)
    open_survey = make_survey(edu)
    closed = make_survey(city, title="城区停车收费标准问卷调查", days=1)
    for i, rides in enumerate("112"):
        data = {k: list(v) if isinstance(v, list | tuple) else [v] for k, v in answers(closed, rides=rides).items()}
        actions.survey_answer(survey=closed, voter=f"anon:{i}", data=data)
    closed.closes_at = timezone.now() - timedelta(minutes=1)
    closed.save()
    evaluation = make_evaluation(city, [edu])
    return {
        "base": live_server.url.replace("127.0.0.1", "localhost"),
        "open": open_survey,
        "closed": closed,
        "evaluation": evaluation,
    }


def test_citizen_answers_a_survey_and_results_and_evaluation_pages_are_accessible(chromium_browser, surveys):
    from tests.e2e.test_accessibility_browser import _axe_violations

    base = surveys["base"]
    page = chromium_browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 800}).new_page()
    page.goto(f"{base}/canyu/")
    assert _axe_violations(page) == []
    page.get_by_role("link", name="城区公交线路优化问卷调查").click()
    assert _axe_violations(page) == []
    page.get_by_role("radio", name="是").check()
    page.get_by_role("checkbox", name="2路").check()
    page.get_by_role("radio", name="4分").check()
    page.get_by_label("增加班次").fill("2")
    page.get_by_label("延长运营时间").fill("1")
    page.get_by_label("新增站点").fill("3")
    page.get_by_label("其他意见和建议").fill("建议在学校门口增设站点。")
    key = page.locator("input[name=captcha_key]").input_value()
    page.locator("input[name=captcha_answer]").fill(CaptchaStore.objects.get(hashkey=key).response)
    page.get_by_role("button", name="提交问卷").click()
    page.wait_for_selector("text=提交成功")
    assert _axe_violations(page) == []
    response = SurveyResponse.objects.get(survey=surveys["open"])
    assert response.answers.count() == 7  # one option, one line, a score, three ranks, a text

    page.goto(f"{base}/canyu/diaocha/{surveys['closed'].pk}/")
    page.wait_for_selector("svg.chart")
    assert page.locator("table.cy-table").count() >= 3
    assert _axe_violations(page) == []
    page.goto(f"{base}/canyu/pingyi/{surveys['evaluation'].pk}/")
    assert _axe_violations(page) == []
