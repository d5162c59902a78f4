"""The API: the guide list and detail with the current form, multipart submission, and the
citizen's lookup by tracking number + query code."""

from __future__ import annotations

import pytest

from tests.servicehall.conftest import form_post, make_item, pdf_upload
from tests.submission import captcha_headers

pytestmark = pytest.mark.django_db


def test_services_list_only_published_items(client, hall):
    make_item(hall["agencies"]["lead"], code="HIDDEN-1", name="内部事项", published=False)
    body = client.get("/api/v1/services").json()
    assert [s["code"] for s in body] == [hall["item"].code]
    assert body[0]["item_type"] == "行政许可" and body[0]["online"] is True


def test_service_detail_has_the_whole_guide_and_the_current_form(client, hall):
    body = client.get(f"/api/v1/services/{hall['item'].pk}").json()
    assert body["materials"][0] == {"name": "食品经营许可申请书", "form": "原件", "count": 1, "required": True}
    assert body["steps"] == ["申请", "受理", "审查", "决定"]
    assert body["statutory_limit"] == 20 and body["promised_limit"] == 10 and body["visits"] == 0
    assert body["form"]["version"] == 1
    kinds = {f["key"]: f["kind"] for f in body["form"]["fields"]}
    assert kinds["id_number"] == "id_number" and kinds["licence"] == "file"
    assert client.get("/api/v1/services/999999").status_code == 404


def test_submit_and_look_up_an_application(client, hall):
    data = {k: v for k, v in form_post().items() if k != "action"}
    response = client.post(
        "/api/v1/applications",
        {**data, "item": hall["item"].pk, "licence": pdf_upload()},
        **captcha_headers(client),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["tracking_number"].startswith("BS") and len(body["query_code"]) == 8
    assert body["form_version"] == 1
    got = client.get(f"/api/v1/applications/{body['tracking_number']}", HTTP_X_QUERY_CODE=body["query_code"]).json()
    assert got["status"] == "待受理" and got["item"] == "食品经营许可"
    wrong = client.get(f"/api/v1/applications/{body['tracking_number']}", {"query_code": "ZZZZZZZZ"})
    assert wrong.status_code == 404 and wrong.json()["detail"] == "办件编号或查询码不正确"


def test_bad_submission_is_a_chinese_400(client, hall):
    data = {k: v for k, v in form_post(id_number="110105194912310021").items() if k != "action"}
    response = client.post("/api/v1/applications", {**data, "item": hall["item"].pk, "licence": pdf_upload()})
    assert response.status_code == 400 and "身份证号不正确" in response.json()["detail"]
    assert client.post("/api/v1/applications", {"item": "x"}).status_code == 404
