"""Citizen lookup through the page and the API: status, public history, due date; the code
by POST or header, never in a URL; wrong codes limited per client, never per case."""

from __future__ import annotations

import pytest

from govportal.core.cases.actions import case_create, case_transition
from govportal.core.cases.models import ActorKind
from tests.core.casetypes import TEST_TYPE  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_and_code(time_machine):
    time_machine.move_to("2026-11-27 09:00 +0800")
    case, code = case_create(case_type="test_request", actor=None, title="申请公开道路规划")
    case_transition(case=case, name="accept", actor=None, actor_kind=ActorKind.CLERK)
    case_transition(case=case, name="internal_note", actor=None, actor_kind=ActorKind.CLERK, payload={"note": "内部"})
    return case, code


def test_api_shows_status_public_history_and_due_date(client, case_and_code):
    case, code = case_and_code
    response = client.get(f"/api/v1/cases/{case.tracking_number}", HTTP_X_QUERY_CODE=code)
    assert response.status_code == 200
    data = response.json()
    assert data["tracking_number"] == case.tracking_number
    assert data["status"] == "办理中" and data["type"] == "测试申请"
    assert data["due_date"] == "2026-12-25"
    assert data["due_explanation"] == "受理日 2026-11-27，20个工作日，截止 2026-12-25"
    assert [e["label"] for e in data["history"]] == ["提交", "受理"]  # the internal note is not public


def test_api_gives_same_404_for_wrong_code_and_unknown_case(client, case_and_code):
    case, _ = case_and_code
    wrong = client.get(f"/api/v1/cases/{case.tracking_number}", {"query_code": "AAAAAAAA"})
    unknown = client.get("/api/v1/cases/YS20990101-00001", {"query_code": "AAAAAAAA"})
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()


def test_api_rate_limits_guessing(client, case_and_code, settings):
    settings.GOVPORTAL_CASE_LOOKUP_MAX_FAILURES_PER_CLIENT = 2
    case, code = case_and_code
    for _ in range(2):
        client.get(f"/api/v1/cases/{case.tracking_number}", {"query_code": "WRONG"})
    response = client.get(f"/api/v1/cases/{case.tracking_number}", {"query_code": code})
    assert response.status_code == 429


def test_api_takes_the_code_in_a_header_a_body_or_the_discouraged_parameter(client, case_and_code):
    case, code = case_and_code
    url = f"/api/v1/cases/{case.tracking_number}"
    by_header = client.get(url, HTTP_X_QUERY_CODE=code)
    by_body = client.post(url, {"query_code": code}, content_type="application/json")
    by_param = client.get(url, {"query_code": code})
    assert by_header.status_code == by_body.status_code == by_param.status_code == 200
    assert by_header.json() == by_body.json() == by_param.json()
    assert client.post(url, {"query_code": "AAAAAAAA"}, content_type="application/json").status_code == 404
    description = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/cases/{tracking_number}"]["get"]
    assert "X-Query-Code" in description["description"] and "不推荐" in description["description"]


def test_citizen_page_posts_the_code_and_shows_the_answer_at_a_url_without_it(client, case_and_code):
    case, code = case_and_code
    empty = client.get("/cases/")
    html = empty.content.decode()
    assert empty.status_code == 200 and 'name="query_code"' in html and 'method="post"' in html
    assert "/yanzheng/zhaohui/" in html  # 找回查询码 is one link away
    posted = client.post("/cases/", {"tracking_number": case.tracking_number, "query_code": code})
    assert posted.status_code == 302 and code not in posted["Location"]
    page = client.get(posted["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "办理中" in html and "2026-12-25" in html and "受理日 2026-11-27" in html
    assert "2026-11-27 09:00" in html and "内部备注" not in html
    assert page["Cache-Control"] == "private, no-store"
    # Another browser with the same URL (no proof in its session) sees only the form.
    from django.test import Client

    other = Client().get(posted["Location"]).content.decode()
    assert "2026-12-25" not in other and 'name="query_code"' in other


def test_an_old_link_with_the_code_is_checked_once_and_redirected_without_it(client, case_and_code):
    case, code = case_and_code
    r = client.get("/cases/", {"tracking_number": case.tracking_number, "query_code": code})
    assert r.status_code == 302 and code not in r["Location"]
    assert "2026-12-25" in client.get(r["Location"]).content.decode()


def test_citizen_page_wrong_code(client, case_and_code):
    case, _ = case_and_code
    page = client.post("/cases/", {"tracking_number": case.tracking_number, "query_code": "AAAAAAAA"})
    assert page.status_code == 404 and "办件编号或查询码不正确" in page.content.decode()


def test_wrong_codes_lock_out_the_guessing_client_not_the_case_owner(case_and_code, settings):
    """Before: 20 wrong codes from anyone locked the case for 15 minutes, its owner too."""
    from django.test import Client

    settings.GOVPORTAL_CASE_LOOKUP_MAX_FAILURES_PER_CLIENT = 10
    case, code = case_and_code
    attacker, owner = Client(REMOTE_ADDR="10.6.6.6"), Client(REMOTE_ADDR="10.1.1.1")
    statuses = [
        attacker.post("/cases/", {"tracking_number": case.tracking_number, "query_code": "AAAAAAAA"}).status_code
        for _ in range(25)
    ]
    assert statuses[:10] == [404] * 10 and set(statuses[10:]) == {429}
    r = owner.post("/cases/", {"tracking_number": case.tracking_number, "query_code": code})
    assert r.status_code == 302
    assert "2026-12-25" in owner.get(r["Location"]).content.decode()
