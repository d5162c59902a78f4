"""Public HTML views that let an application error escape get a Chinese page with its status."""

from __future__ import annotations

from django.http import HttpResponse
from django.test import RequestFactory

import pytest

from govportal.core.errors import Conflict, InvalidInput, NotFound
from govportal.core.middleware import GovPortalErrorMiddleware


@pytest.mark.parametrize(
    ("error", "status"),
    [(InvalidInput("手机号码格式不正确"), 400), (NotFound("办件不存在"), 404), (Conflict("该信件已答复"), 409)],
)
def test_application_error_becomes_chinese_page_with_its_status(db, error, status):
    middleware = GovPortalErrorMiddleware(lambda request: HttpResponse())
    request = RequestFactory().get("/hudong/")
    response = middleware.process_exception(request, error)
    assert response.status_code == status
    body = response.content.decode()
    assert error.message in body
    assert response["Cache-Control"] == "private, no-store"


def test_other_exceptions_are_left_to_django(db):
    middleware = GovPortalErrorMiddleware(lambda request: HttpResponse())
    assert middleware.process_exception(RequestFactory().get("/"), ValueError("x")) is None
