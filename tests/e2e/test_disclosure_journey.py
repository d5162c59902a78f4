"""A citizen's disclosure request in the browser: the form → tracking number and query code
→ (the clerk confirms receipt and replies, through the actions) → the status page read with
the query code → the decision letter downloaded."""

from __future__ import annotations

import shutil  # noqa: F401 — the browser comes from tests/e2e/conftest.py
from urllib.parse import urlsplit

import pytest
from captcha.models import CaptchaStore

from govportal.core.models import User
from govportal.disclosure import actions
from govportal.disclosure.choices import Outcome
from govportal.disclosure.models import DisclosureRequest
from tests.disclosure.conftest import world  # noqa: F401 — fixture

pytestmark = pytest.mark.browser


@pytest.fixture
def journey(django_db_serialized_rollback, transactional_db, world, live_server):  # noqa: F811
    return {"port": urlsplit(live_server.url).port, "world": world}


def test_citizen_requests_reads_the_reply_and_downloads_the_letter(chromium_browser, journey):
    base = f"http://localhost:{journey['port']}"
    context = chromium_browser.new_context(locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    page.goto(f"{base}/zwgk/apply/")
    page.select_option("#id_agency", label="示例市教育局")
    page.check("input[name=applicant_type][value=person]")
    page.fill("#id_name", "张三")
    page.select_option("#id_id_type", "id_card")
    page.fill("#id_id_number", "430102199001011238")
    page.fill("#id_phone", "13800000000")
    page.fill("#id_email", "zhangsan@example.com")
    page.fill("#id_description", "请公开2026年示例市义务教育学校招生划片方案。")
    page.check("input[name=delivery_form][value=electronic]")
    page.check("input[name=delivery_channel][value=email]")
    key = page.locator("input[name=captcha_key]").input_value()
    page.fill("#id_captcha_answer", CaptchaStore.objects.get(hashkey=key).response)  # as a test may
    page.click("form.zwgk-form button[type=submit]")
    codes = page.locator(".receipt code").all_inner_texts()
    number, code = codes[0].strip(), codes[1].strip()
    assert number.startswith("GK") and len(code) == 8

    req = DisclosureRequest.objects.get(case__tracking_number=number)
    office = User.objects.create(username="journey_xxb", is_superuser=True, agency=journey["world"]["agencies"]["city"])
    actions.disclosure_request_confirm_receipt(req=req, actor=office)
    actions.disclosure_request_reply(req=req, actor=office, outcome=Outcome.DISCLOSED, reply_text="划片方案见附件。")

    page.goto(f"{base}/zwgk/query/")  # the old address: redirected to the kernel's /cases/
    page.fill("#tracking_number", number)
    page.fill("#query_code", code)
    page.click("section.case-lookup > form button[type=submit]")
    body = page.inner_text("main")
    assert "已答复" in body and "予以公开" in body and "划片方案见附件。" in body
    assert "确认收到申请" in body and "作出答复" in body
    with page.expect_download() as download:
        page.click("text=下载答复告知书（PDF）")
    path = download.value.path()
    with open(path, "rb") as fh:
        assert fh.read(4) == b"%PDF"
    context.close()
