"""好差评: five levels plus the evaluation questions after completion; a bad rating opens a
rectification task with a working-day limit (a setting) and a return visit."""

from __future__ import annotations

from datetime import date

import pytest

from govportal.core.cases.rectification import RectificationState
from govportal.core.errors import Conflict
from govportal.servicehall import actions
from govportal.servicehall.forms import RATING_QUESTIONS
from govportal.servicehall.models import Decision, Rating, Rectification
from tests.servicehall.conftest import direct_submit

pytestmark = pytest.mark.django_db


def _complete(hall):
    app, code = direct_submit(hall["item"])
    actions.application_accept(application=app, actor=hall["staff"]["lead"])
    for task in app.tasks.all():
        key = next(k for k, a in hall["agencies"].items() if a.pk == task.agency_id)
        actions.task_decide(task=task, actor=hall["staff"][key], decision=Decision.APPROVED)
    return app, code


def _answers(level: int) -> dict:
    return {"level": str(level), "comment": "排队太久", **{k: "yes" for k, _ in RATING_QUESTIONS}}


def test_rating_before_completion_is_refused(hall):
    app, _ = direct_submit(hall["item"])
    with pytest.raises(Conflict):
        actions.rating_submit(application=app, actor=None, level=5, answers={})


def test_good_rating_through_the_status_page_opens_no_rectification(client, hall):
    app, code = _complete(hall)
    client.get("/banshi/jindu/", {"tracking_number": app.case.tracking_number, "query_code": code})
    response = client.post(f"/banshi/jindu/{app.case.tracking_number}/pingjia/", _answers(4))
    assert response.status_code == 302
    rating = Rating.objects.get()
    assert rating.level == 4 and rating.answers["one_visit"] is True and not rating.is_bad
    assert not Rectification.objects.exists()
    assert client.post(f"/banshi/jindu/{app.case.tracking_number}/pingjia/", _answers(5)).status_code == 409


def test_incomplete_rating_form_is_400(client, hall):
    app, code = _complete(hall)
    client.get("/banshi/jindu/", {"tracking_number": app.case.tracking_number, "query_code": code})
    assert client.post(f"/banshi/jindu/{app.case.tracking_number}/pingjia/", {"level": "5"}).status_code == 400
    assert not Rating.objects.exists()


@pytest.mark.parametrize("level", [2, 1])
def test_bad_rating_opens_rectification_due_in_15_working_days(hall, time_machine, level):
    time_machine.move_to("2026-12-07 09:00 +0800")
    app, _ = _complete(hall)
    actions.rating_submit(application=app, actor=None, level=level, answers={})
    rect = Rectification.objects.get()
    assert rect.agency == hall["agencies"]["lead"]
    assert rect.due_date == date(2026, 12, 28)  # 15 WD after Mon 7 Dec


def test_rectification_limit_is_a_setting(hall, settings, time_machine):
    settings.GOVPORTAL_RECTIFICATION_DAYS = 5  # env SERVICEHALL_RECTIFICATION_DAYS, now the kernel's
    time_machine.move_to("2026-12-07 09:00 +0800")
    app, _ = _complete(hall)
    actions.rating_submit(application=app, actor=None, level=1, answers={})
    assert Rectification.objects.get().due_date == date(2026, 12, 14)


def test_rectification_and_return_visit_in_the_admin_only_by_the_department(client, hall):
    # 差评整改 is the kernel's screen now (/admin/zhenggai/); the hall's old addresses redirect
    # there (307: a form's POST goes on as a POST).
    app, _ = _complete(hall)
    actions.rating_submit(application=app, actor=None, level=1, answers={}, comment="态度差")
    rect = Rectification.objects.get()
    old = f"/admin/banshi/rectifications/{rect.pk}/"
    client.force_login(hall["staff"]["other"])
    assert "态度差" not in client.get("/admin/banshi/rectifications/", follow=True).content.decode()
    assert client.post(old, {"measures": "x"}, follow=True).status_code == 404
    client.force_login(hall["staff"]["lead"])
    assert "态度差" in client.get("/admin/banshi/rectifications/", follow=True).content.decode()
    client.post(old, {"step": "visit", "note": "早了"}, follow=True)
    rect.refresh_from_db()
    assert rect.state == RectificationState.VERIFYING  # a return visit needs the rectification first
    client.post(old, {"step": "rectify", "measures": "增设窗口"}, follow=True)
    rect.refresh_from_db()
    assert rect.state == RectificationState.VERIFYING  # … and the rectification the verification (核实)
    client.post(old, {"step": "verify", "note": "经核实，窗口人员态度生硬"}, follow=True)
    client.post(old, {"step": "rectify", "measures": "增设窗口，开展服务礼仪培训"}, follow=True)
    client.post(old, {"step": "visit", "note": "电话回访，群众满意", "satisfied": "yes"}, follow=True)
    rect.refresh_from_db()
    assert rect.state == RectificationState.VISITED and rect.return_visit_satisfied is True
    assert not actions.rectification_is_late(rect)
