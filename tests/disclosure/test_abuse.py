"""The anonymous-submission policy on disclosure requests (form /zwgk/apply/ and the API),
and the status page's lookup by POST with the proof in the session."""

from __future__ import annotations

import pytest

from govportal.disclosure.models import DisclosureRequest
from tests.disclosure.conftest import applicant
from tests.submission import captcha_headers, guard_fields

pytestmark = pytest.mark.django_db


def _api(client, **headers):
    data = {**applicant(), "agency_code": "D0001"}
    return client.post("/api/v1/disclosure/requests", data, content_type="application/json", **headers)


def test_twelve_requests_from_one_address_and_phone_are_stopped_at_the_limit(client, world):
    """Issue 15: 12 requests from one address and phone all got 201, each queuing an SMS."""
    statuses = [_api(client, **captcha_headers(client)).status_code for _ in range(12)]
    assert statuses == [201] * 5 + [429] * 7  # SUBMISSION_MAX_PER_PHONE_PER_DAY = 5
    assert DisclosureRequest.objects.count() == 5
    assert "频繁" in _api(client, **captcha_headers(client)).json()["detail"]


def test_a_request_without_a_captcha_is_refused_unless_the_client_is_trusted(client, world, settings):
    r = _api(client)
    assert r.status_code == 400 and "验证码" in r.json()["detail"]
    settings.GOVPORTAL_SUBMISSION_API_TOKENS = ["hotline"]
    assert _api(client, HTTP_AUTHORIZATION="Bearer hotline").status_code == 201


def test_the_form_needs_its_captcha_and_a_double_submit_files_one_request(client, world):
    page = client.get("/zwgk/apply/").content.decode()
    assert "/yanzheng/captcha/image/" in page and "?captcha=sms" in page
    data = {**applicant(), "agency": world["agencies"]["edu"].pk, **guard_fields(page)}
    wrong = client.post("/zwgk/apply/", {**data, "captcha_answer": "nope"})
    assert wrong.status_code == 400 and "验证码不正确" in wrong.content.decode()
    data.update(guard_fields(wrong.content.decode()))
    first = client.post("/zwgk/apply/", data)
    again = client.post("/zwgk/apply/", data)
    assert first.status_code == again.status_code == 201
    assert first.content == again.content
    assert DisclosureRequest.objects.count() == 1


def test_api_retry_with_the_same_key_gets_the_first_request(client, world):
    first = _api(client, HTTP_IDEMPOTENCY_KEY="gk-retry-0001", **captcha_headers(client))
    retry = _api(client, HTTP_IDEMPOTENCY_KEY="gk-retry-0001")
    assert first.status_code == retry.status_code == 201 and first.json() == retry.json()
    assert DisclosureRequest.objects.count() == 1


def test_status_page_takes_the_code_by_post_and_keeps_it_out_of_every_url(client, world, submit):
    req, code = submit()
    number = req.case.tracking_number
    form = client.get("/zwgk/query/", follow=True).content.decode()
    assert 'method="post"' in form and "/yanzheng/zhaohui/" in form
    r = client.post("/zwgk/query/", {"tracking_number": number, "query_code": code})
    assert r.status_code == 302 and code not in r["Location"]
    page = client.get(r["Location"]).content.decode()
    assert number in page and code not in page
