"""Issue 15, point 5 (disclosure requests): the shared citizen-input rules at the form and
the API; over-long fields answer 422, never a database error."""

from __future__ import annotations

import pytest

from govportal.disclosure.models import DisclosureRequest
from tests.disclosure.conftest import applicant
from tests.submission import captcha_headers

pytestmark = pytest.mark.django_db

URL = "/api/v1/disclosure/requests"


def _post(client, **overrides):
    # An anonymous caller: the API asks for a solved CAPTCHA like the form (core/antiabuse).
    return client.post(
        URL,
        {**applicant(), "agency_code": "D0001", **overrides},
        content_type="application/json",
        **captcha_headers(client),
    )


def test_the_api_refuses_an_id_number_like_abc_and_a_phone_like_0000000(client, world):
    r = _post(client, id_type="id_card", id_number="abc")
    assert r.status_code == 400 and "身份证号" in r.json()["detail"]
    r = _post(client, id_type="id_card", id_number="430102199001011234")  # wrong check digit
    assert r.status_code == 400
    r = _post(client, phone="0000000")
    assert r.status_code == 422 and "手机号码" in r.json()["detail"]
    assert not DisclosureRequest.objects.exists()


@pytest.mark.parametrize(
    "field", ["name", "contact_person", "id_number", "phone", "email", "address", "purpose", "description"]
)
def test_every_over_long_field_is_a_422_in_chinese(client, world, field):
    r = _post(client, **{field: "测" * 3000})
    assert r.status_code == 422, r.content
    assert "不能超过" in r.json()["detail"] or "不正确" in r.json()["detail"]
    assert not DisclosureRequest.objects.exists()


def test_the_form_refuses_abc_and_0000000(client, world):
    page = client.get("/zwgk/apply/")
    assert page.status_code == 200
    data = {**applicant(), "agency": world["agencies"]["edu"].pk, "id_number": "abc", "phone": "0000000"}
    r = client.post("/zwgk/apply/", data)
    body = r.content.decode()
    assert r.status_code in (200, 400) and "身份证号不正确" in body or "请填写正确的手机号码" in body
    assert not DisclosureRequest.objects.exists()


def test_a_spaced_or_full_width_id_number_is_stored_normalised(client, world):
    r = _post(client, id_number="430102 19900101 1238")
    assert r.status_code == 201
    assert DisclosureRequest.objects.get().id_number == "430102199001011238"
