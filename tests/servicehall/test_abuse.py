"""The anonymous-submission policy on online applications (form and API), and the status
page's lookup by POST with the proof in the session."""

from __future__ import annotations

import pytest

from govportal.core.cases.models import Case
from govportal.servicehall.models import Application
from tests.servicehall.conftest import direct_submit, form_post, pdf_upload, submit
from tests.submission import captcha_headers, guard_fields

pytestmark = pytest.mark.django_db


def _api(client, hall, **headers):
    data = {k: v for k, v in form_post().items() if k != "action"}
    return client.post("/api/v1/applications", {**data, "item": hall["item"].pk, "licence": pdf_upload()}, **headers)


def test_applications_from_one_address_are_stopped_at_the_limit(client, hall, settings):
    settings.GOVPORTAL_SUBMISSION_MAX_PER_CLIENT_PER_HOUR = 3
    settings.GOVPORTAL_SUBMISSION_MAX_PER_PHONE_PER_DAY = 100
    statuses = [_api(client, hall, **captcha_headers(client)).status_code for _ in range(5)]
    assert statuses == [201, 201, 201, 429, 429]
    assert Application.objects.filter(case__isnull=False).count() == 3


def test_an_application_without_a_captcha_is_refused(client, hall):
    r = _api(client, hall)
    assert r.status_code == 400 and "验证码" in r.json()["detail"]
    url = f"/banshi/shixiang/{hall['item'].code}/shenqing/"
    data = {**form_post(), **guard_fields(client.get(url).content.decode()), "captcha_answer": "nope"}
    page = client.post(url, {**data, "licence": pdf_upload()})
    assert page.status_code == 400 and "验证码不正确" in page.content.decode()
    assert not Case.objects.exists()


def test_a_signed_in_citizen_needs_no_captcha_but_the_limits_apply(client, hall, settings):
    client.post("/banshi/zhuce/", {"phone": "13700137000", "name": "李雪梅", "password": "secret-pass-1"})
    page = client.get(f"/banshi/shixiang/{hall['item'].code}/shenqing/").content.decode()
    assert "captcha-image" not in page and 'name="form_token"' in page
    settings.GOVPORTAL_SUBMISSION_MAX_PER_CLIENT_PER_HOUR = 1
    assert submit(client, hall["item"]).status_code == 200
    assert submit(client, hall["item"]).status_code == 429


def test_double_submit_of_one_application_form_files_one_application(client, hall):
    url = f"/banshi/shixiang/{hall['item'].code}/shenqing/"
    data = {**form_post(), **guard_fields(client.get(url).content.decode())}
    first = client.post(url, {**data, "licence": pdf_upload()})
    again = client.post(url, {**data, "licence": pdf_upload()})
    assert first.status_code == again.status_code == 200
    assert Case.objects.count() == 1
    number = Case.objects.get().tracking_number
    assert number in first.content.decode() and number in again.content.decode()


def test_status_page_takes_the_code_by_post_and_keeps_it_out_of_every_url(client, hall):
    app, code = direct_submit(hall["item"])
    number = app.case.tracking_number
    form = client.get("/banshi/jindu/", follow=True).content.decode()
    assert 'method="post"' in form and "/yanzheng/zhaohui/" in form
    r = client.post("/banshi/jindu/", {"tracking_number": number, "query_code": code})
    assert r.status_code == 302 and code not in r["Location"]
    page = client.get(r["Location"]).content.decode()
    assert "待受理" in page and code not in page
    assert client.post("/banshi/jindu/", {"tracking_number": number, "query_code": "WRONG234"}).status_code == 404
