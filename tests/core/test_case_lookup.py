"""Citizen lookup through the page and the API: status, public history, due date."""

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
    response = client.get(f"/api/v1/cases/{case.tracking_number}", {"query_code": code})
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


def test_citizen_page_form_and_answer(client, case_and_code):
    case, code = case_and_code
    empty = client.get("/cases/")
    assert empty.status_code == 200 and 'name="query_code"' in empty.content.decode()
    page = client.get("/cases/", {"tracking_number": case.tracking_number, "query_code": code})
    html = page.content.decode()
    assert page.status_code == 200
    assert "办理中" in html and "2026-12-25" in html and "受理日 2026-11-27" in html
    assert "2026-11-27 09:00" in html and "内部备注" not in html
    assert page["Cache-Control"] == "private, no-store"


def test_citizen_page_wrong_code(client, case_and_code):
    case, _ = case_and_code
    page = client.get("/cases/", {"tracking_number": case.tracking_number, "query_code": "AAAAAAAA"})
    assert page.status_code == 404 and "办件编号或查询码不正确" in page.content.decode()
