"""好差评 rules of 差评整改 (STANDARDS §3): 核实 before 整改, the return visit's own deadline (a
setting), 整改率 and 回访率 in the hall's statistics and .xlsx, the public list of
rectifications (masked), and 申诉复核 — the agency applies, the information office decides,
an upheld appeal takes the rating out of the statistics and is logged on the rated case."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from govportal.core.cases import rectification
from govportal.core.cases.models import CaseEvent, CaseTimer, Rectification
from govportal.core.cases.rectification import RectificationState as S
from govportal.core.errors import Conflict, NotAllowed
from govportal.interaction import actions as letters
from govportal.servicehall import actions as hall
from govportal.servicehall import stats
from govportal.servicehall.models import Decision
from tests.interaction.conftest import to_replied, world, write  # noqa: F401, F811  (fixture)
from tests.servicehall.conftest import direct_submit, make_form, make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def rated(world, time_machine):  # noqa: F811
    time_machine.move_to("2026-12-07 09:00 +0800", tick=False)  # Monday
    letter, _ = write(world["mailboxes"]["mayor"], title="学位咨询")
    to_replied(letter, world)
    letters.letter_rate(letter=letter, rating=2, resolved=True, comment="答复敷衍，请回电13812345678")
    return Rectification.objects.select_related("case").get()


def _completed_application(world, n, *, level, real_name=True, comment="排队久"):  # noqa: F811
    edu = world["agencies"]["edu"]
    item = make_item(edu, code=f"JY-01{n:02d}", name=f"教师资格认定{n}")
    make_form(item)
    app, _ = direct_submit(item)
    hall.application_accept(application=app, actor=world["staff"]["edu"])
    for task in app.tasks.all():
        hall.task_decide(task=task, actor=world["staff"]["edu"], decision=Decision.APPROVED)
    return hall.rating_submit(
        application=app, actor=None, level=level, answers={}, comment=comment, real_name=real_name
    )


def test_measures_cannot_be_recorded_before_verification_and_the_return_visit_has_its_deadline(
    rated,
    world,  # noqa: F811
    client,
    time_machine,
    settings,  # noqa: F811
):
    clerk = world["staff"]["edu"]
    with pytest.raises(Conflict, match="请先核实"):
        rectification.rectification_record(rectification=rated, actor=clerk, measures="补充答复")
    client.force_login(clerk)
    url = f"/admin/zhenggai/{rated.pk}/"
    response = client.post(url, {"step": "rectify", "measures": "补充答复"})
    assert response.status_code == 409
    rated.refresh_from_db()
    assert rated.case.state == S.VERIFYING and rated.measures == ""
    assert "记录整改" not in client.get(url).content.decode()  # no form before 核实
    assert client.post(url, {"step": "verify", "note": "经核实，答复未说明办理时限"}).status_code == 302
    time_machine.move_to("2026-12-09 10:00 +0800", tick=False)  # Wednesday
    settings.GOVPORTAL_RECTIFICATION_RETURN_VISIT_DAYS = 3
    client.force_login(clerk)  # a new day, a new staff session
    assert client.post(url, {"step": "rectify", "measures": "补充答复，说明办理时限"}).status_code == 302
    timer = CaseTimer.objects.get(case=rated.case, kind="return_visit")
    assert timer.due_on == date(2026, 12, 14)  # 3 WD after Wed 9 Dec (the setting)
    assert "回访期限" in client.get(url).content.decode() and "2026-12-14" in client.get(url).content.decode()
    assert client.post(url, {"step": "visit", "note": "电话回访，满意", "satisfied": "yes"}).status_code == 302
    timer.refresh_from_db()
    assert timer.stopped_on == date(2026, 12, 9)
    assert [e.type for e in CaseEvent.objects.filter(case=rated.case) if not e.type.startswith("timer")] == [
        "create",
        "verify",
        "rectify",
        "return_visit",
    ]


def test_appeal_is_applied_by_the_agency_and_decided_by_the_office_only(
    world,  # noqa: F811
    client,
    django_user_model,
    time_machine,  # noqa: F811
):
    time_machine.move_to("2026-12-07 09:00 +0800", tick=False)
    rating = _completed_application(world, 1, level=1, comment="恶意差评")
    rect = rating.rectification
    clerk = world["staff"]["edu"]
    client.force_login(clerk)
    url = f"/admin/zhenggai/{rect.pk}/"
    assert client.post(url, {"step": "appeal", "reason": ""}).status_code == 400
    assert client.post(url, {"step": "appeal", "reason": "评价人从未到窗口办理，系恶意评价"}).status_code == 302
    rect.refresh_from_db()
    assert rect.case.state == S.APPEALING and rect.appeal_reason.startswith("评价人从未")
    # the agency cannot decide its own appeal
    assert client.post(url, {"step": "appeal_uphold", "note": "成立"}).status_code == 403
    with pytest.raises(NotAllowed):
        rectification.rectification_appeal_decide(rectification=rect, actor=clerk, upheld=True, note="成立")
    assert stats.report(2026).city.bad_ratings == 1
    office = django_user_model.objects.create_superuser("xinxiban", password="x-pass-123456")
    client.force_login(office)
    page = client.get(url).content.decode()
    assert "申诉成立，不计入统计" in page
    assert client.post(url, {"step": "appeal_uphold", "note": "经调取窗口记录，评价人未办理该事项"}).status_code == 302
    rect.refresh_from_db()
    assert rect.case.state == S.EXCLUDED and rect.excluded and not rect.case.is_open
    logged = CaseEvent.objects.get(case=rating.application.case, type="rating_excluded")
    assert logged.payload["tracking_number"] == rect.case.tracking_number and logged.actor == office
    # out of the statistics: no rating, no bad rating, not in the rates' denominator
    city = stats.report(2026).city
    assert (city.ratings, city.bad_ratings, city.rect.counted, city.rect.excluded) == (0, 0, 0, 1)


def test_a_rejected_appeal_returns_to_verification(world, django_user_model, time_machine):  # noqa: F811
    time_machine.move_to("2026-12-07 09:00 +0800", tick=False)
    rect = _completed_application(world, 2, level=2).rectification
    rectification.rectification_appeal(rectification=rect, actor=world["staff"]["edu"], reason="不属实")
    office = django_user_model.objects.create_superuser("xinxiban", password="x-pass-123456")
    with pytest.raises(Conflict):
        rectification.rectification_appeal(rectification=rect, actor=world["staff"]["edu"], reason="再申诉")
    rectification.rectification_appeal_decide(rectification=rect, actor=office, upheld=False, note="评价属实")
    rect.refresh_from_db()
    assert rect.case.state == S.VERIFYING and not rect.excluded
    assert stats.report(2026).city.bad_ratings == 1


def test_rectification_and_return_visit_rates_in_statistics_and_xlsx(world, client, time_machine):  # noqa: F811
    time_machine.move_to("2026-12-07 09:00 +0800", tick=False)
    done = _completed_application(world, 3, level=1).rectification
    _completed_application(world, 4, level=2)  # real name, not rectified yet
    _completed_application(world, 5, level=2, real_name=False)  # anonymous, not rectified
    clerk = world["staff"]["edu"]
    rectification.rectification_verify(rectification=done, actor=clerk, note="属实")
    rectification.rectification_record(rectification=done, actor=clerk, measures="增设窗口")
    rectification.rectification_return_visit(rectification=done, actor=clerk, note="满意", satisfied=True)
    city = stats.report(2026).city
    assert (city.rect.counted, city.rect.rectified, city.rect.visited) == (3, 1, 1)
    assert city.rect.rectification_rate == 33.3 and city.rect.return_visit_rate == 33.3
    assert city.rect.real_name_rectification_rate == 50.0 and city.rect.real_name_return_visit_rate == 50.0
    sheet = load_workbook(BytesIO(client.get("/banshi/tongji.xlsx", {"year": "2026"}).content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = next(r for r in rows if r and r[0] == "部门")
    last = dict(zip(header, rows[-1], strict=False))
    assert last["部门"] == "全市" and last["整改率（%）"] == 33.3 and last["回访率（%）"] == 33.3
    assert last["实名差评整改率（%）"] == 50.0 and last["实名差评回访率（%）"] == 50.0
    page = client.get("/banshi/tongji/").content.decode()
    assert "实名差评整改率" in page and 'href="/cases/zhenggai/"' in page


def test_rectifications_are_published_with_personal_data_masked(rated, world, client):  # noqa: F811
    rectification.rectification_verify(rectification=rated, actor=world["staff"]["edu"], note="属实")
    rectification.rectification_record(rectification=rated, actor=world["staff"]["edu"], measures="已回电张三说明")
    page = client.get("/cases/zhenggai/")
    body = page.content.decode()
    assert page.status_code == 200
    assert rated.case.tracking_number in body and "已整改，待回访" in body and "示例市教育局" in body
    assert "13812345678" not in body and "答复敷衍" in body
    assert client.get("/cases/zhenggai/", {"page": "x"}).status_code == 404


def test_letters_statistics_show_rectification_and_return_visit_rates(rated, world, client):  # noqa: F811
    from govportal.interaction import selectors as letter_selectors

    clerk = world["staff"]["edu"]
    rectification.rectification_verify(rectification=rated, actor=clerk, note="属实")
    rectification.rectification_record(rectification=rated, actor=clerk, measures="补充答复")
    edu = next(r for r in letter_selectors.statistics(by="agency") if r.key == world["agencies"]["edu"].pk)
    assert (edu.rect.counted, edu.rect.rectification_rate, edu.rect.return_visit_rate) == (1, 100.0, 0.0)
    page = client.get("/hudong/tongji/").content.decode()
    assert "差评整改率" in page and "100.0%" in page
