"""Issue 18.15: from 1 November the admin asks the information office for next year's State
Council holiday notice; entering it replaces the year's estimated rows and recomputes open
cases' due dates, each change logged. Frozen time, through the admin pages."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from govportal.core import calendar
from govportal.core.calendar_models import CalendarDay, CalendarYear, DayKind, YearStatus
from govportal.core.cases.actions import case_create, case_transition
from govportal.core.cases.models import ActorKind, CaseEvent
from tests.core.casetypes import TEST_TYPE  # noqa: F401 — registers the test case type

pytestmark = pytest.mark.django_db

ESTIMATE = "holidays 0.0（规则估算，无调休上班日）"
NOTICE_DAYS = "2027-01-01..2027-01-03 放假 元旦\n2027-02-06..2027-02-13 放假 春节\n2027-02-14 上班 春节\n"


@pytest.fixture(autouse=True)
def _fresh_calendar():
    calendar.invalidate()
    yield
    calendar.invalidate()


@pytest.fixture
def provisional_2027():
    """2027 as ``seed_calendar`` leaves it: estimated rows, one of them wrong (01-04)."""
    CalendarDay.objects.filter(date__year=2027).delete()
    CalendarYear.objects.update_or_create(
        year=2027, defaults={"status": YearStatus.PROVISIONAL, "notice": "", "source": ESTIMATE}
    )
    for day, note in ((date(2027, 1, 1), "元旦"), (date(2027, 1, 4), "元旦"), (date(2027, 2, 6), "春节")):
        CalendarDay.objects.create(date=day, kind=DayKind.HOLIDAY, note=note, source=ESTIMATE)
    calendar.invalidate()


@pytest.fixture
def office(django_user_model):
    return django_user_model.objects.create_superuser("xinxiban", password="x", email="x@example.gov.cn")


def test_banner_asks_the_information_office_from_1_november(client, office, provisional_2027, django_user_model):
    with time_machine.travel("2026-10-31 10:00 +0800", tick=False):
        client.force_login(office)
        assert "请录入2027年节假日安排" not in client.get("/admin/").content.decode()
    with time_machine.travel("2026-11-01 10:00 +0800", tick=False):
        client.force_login(office)
        page = client.get("/admin/").content.decode()
        assert "请录入2027年节假日安排" in page and 'href="/admin/gongzuorili/notice/"' in page
        clerk = django_user_model.objects.create_user("clerk", password="x")
        client.force_login(clerk)
        assert client.get("/admin/gongzuorili/notice/").status_code in (302, 403)


def test_entering_the_notice_replaces_estimates_and_recomputes_open_cases(
    client, office, provisional_2027, django_capture_on_commit_callbacks
):
    with time_machine.travel("2026-12-10 10:00 +0800", tick=False):
        case, _ = case_create(case_type="test_request", actor=None, title="申请")
        case_transition(case=case, name="accept", actor=None, actor_kind=ActorKind.CLERK)
        case.refresh_from_db()
        # 20 WD from 12-10: 15 in December, then 01-01 and 01-04 (estimated holidays) skipped.
        assert case.due_date == date(2027, 1, 11)
        client.force_login(office)
        bad = client.post(
            "/admin/gongzuorili/notice/",
            {"year": 2027, "notice": "国办发明电〔2026〕9号", "days": "2027-01-05 上班 元旦"},
        )
        assert bad.status_code == 400 and "第 1 行：2027-01-05 是工作日，无需登记调休上班" in bad.content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            ok = client.post(
                "/admin/gongzuorili/notice/", {"year": 2027, "notice": "国办发明电〔2026〕9号", "days": NOTICE_DAYS}
            )
        assert ok.status_code == 302
    year = CalendarYear.objects.get(year=2027)
    assert year.status == YearStatus.CONFIRMED and year.notice == "国办发明电〔2026〕9号"
    days = dict(CalendarDay.objects.filter(date__year=2027).values_list("date", "kind"))
    assert date(2027, 1, 4) not in days  # the estimate is gone
    assert days[date(2027, 2, 14)] == DayKind.WORKDAY and days[date(2027, 2, 12)] == DayKind.HOLIDAY
    assert not CalendarDay.objects.filter(date__year=2027, source=ESTIMATE).exists()
    case.refresh_from_db()
    assert case.due_date == date(2027, 1, 8)
    assert "暂未经国务院通知确认" not in case.due_explanation
    event = CaseEvent.objects.get(case=case, type="deadline_recomputed")
    assert event.actor == office
    assert (event.payload["old_due_date"], event.payload["new_due_date"]) == ("2027-01-11", "2027-01-08")
    with time_machine.travel("2026-12-10 11:00 +0800", tick=False):
        client.force_login(office)
        assert "请录入2027年节假日安排" not in client.get("/admin/").content.decode()
