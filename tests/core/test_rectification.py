"""差评整改 as a kernel case type: a bad rating of a letter or an application opens one
rectification case (its own tracking number, clock and states) for the agency that handled
the rated case, linked both ways; only that agency sees and works it in the admin (another
agency's clerk gets 404); supervisors of the hall see the hall's, without acting."""

from __future__ import annotations

from datetime import date

import pytest

from govportal.core.cases import rectification
from govportal.core.cases.models import Case, CaseEvent, OverdueLevel, Rectification
from govportal.core.cases.rectification import RectificationState as S
from govportal.core.errors import Conflict, NotFound
from govportal.interaction import actions as letters
from govportal.servicehall import actions as hall
from govportal.servicehall.models import Decision
from tests.interaction.conftest import to_replied, world, write  # noqa: F401  (fixture)
from tests.servicehall.conftest import direct_submit, make_form, make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def replied(world, time_machine):  # noqa: F811
    time_machine.move_to("2026-12-07 09:00 +0800", tick=False)  # Monday
    letter, _ = write(world["mailboxes"]["mayor"], title="学位咨询")
    to_replied(letter, world)  # handled and replied by 教育局; the mailbox's triage is 市政府
    return letter


def test_bad_letter_rating_opens_one_rectification_case_for_the_handling_agency(replied, world):  # noqa: F811
    letters.letter_rate(letter=replied, rating=2, resolved=True, comment="答复敷衍")
    rect = Rectification.objects.select_related("case").get()
    assert rect.rated_case_id == replied.case_id and rect.level == 2 and rect.comment == "答复敷衍"
    assert rect.case.case_type == "rectification" and rect.case.tracking_number.startswith("ZG20261207-")
    assert rect.case.agency == world["agencies"]["edu"] and rect.case.state == S.VERIFYING
    assert rect.case.due_date == date(2026, 12, 28)  # 15 WD after Mon 7 Dec (the setting)
    # The rated case's log links to it.
    link = CaseEvent.objects.get(case=replied.case, type="rectification_opened")
    assert link.payload["tracking_number"] == rect.case.tracking_number and not link.is_public
    # A retry of the same rating opens no second one.
    with pytest.raises(Conflict):
        letters.letter_rate(letter=replied, rating=2, resolved=True)
    again = rectification.rectification_open(
        rated_case=replied.case, rating_event=rect.rating_event, level=2, agency=world["agencies"]["edu"]
    )
    assert again == rect and Rectification.objects.count() == 1
    assert rectification.rectification_of(replied.case) == rect


def test_unresolved_bad_rating_reopens_the_letter_and_opens_a_rectification(replied, world):  # noqa: F811
    letters.letter_rate(letter=replied, rating=1, resolved=False)
    replied.refresh_from_db()
    assert replied.case.is_open
    assert Rectification.objects.get().case.agency == world["agencies"]["edu"]


@pytest.mark.parametrize("level", [5, 4, 3])
def test_good_ratings_open_no_rectification(replied, level):
    letters.letter_rate(letter=replied, rating=level, resolved=True)
    assert not Rectification.objects.exists()
    assert not Case.objects.filter(case_type="rectification").exists()


def test_bad_application_rating_opens_one_for_the_items_department(world, time_machine):  # noqa: F811
    edu = world["agencies"]["edu"]
    item = make_item(edu, code="JY-0009", name="教师资格认定")
    make_form(item)
    app, _ = direct_submit(item)
    hall.application_accept(application=app, actor=world["staff"]["edu"])
    for task in app.tasks.all():
        hall.task_decide(task=task, actor=world["staff"]["edu"], decision=Decision.APPROVED)
    rating = hall.rating_submit(application=app, actor=None, level=1, answers={}, comment="态度差")
    rect = rating.rectification
    assert rect.rated_case_id == app.case_id and rect.case.agency == edu
    with pytest.raises(Conflict):
        hall.rating_submit(application=app, actor=None, level=1, answers={})
    assert Rectification.objects.count() == 1


def test_only_the_handling_agency_sees_and_works_it_in_the_admin(replied, world, client, django_user_model):  # noqa: F811
    letters.letter_rate(letter=replied, rating=2, resolved=True, comment="答复敷衍")
    rect = Rectification.objects.get()
    url = f"/admin/zhenggai/{rect.pk}/"
    for other in ("traffic", "city"):  # another agency; the mailbox's triage agency
        client.force_login(world["staff"][other])
        assert client.get(url).status_code == 404
        assert client.post(url, {"step": "verify", "note": "x"}).status_code == 404
        assert "答复敷衍" not in client.get("/admin/zhenggai/").content.decode()
    rect.refresh_from_db()
    assert rect.state == S.VERIFYING
    with pytest.raises(NotFound):
        rectification.rectification_verify(rectification=rect, actor=world["staff"]["traffic"], note="x")

    client.force_login(world["staff"]["edu"])
    listing = client.get("/admin/zhenggai/").content.decode()
    assert "答复敷衍" in listing and rect.case.tracking_number in listing and replied.case.tracking_number in listing
    page = client.get(url).content.decode()
    assert replied.case.tracking_number in page and "待核实" in page
    assert f'href="/admin/letters/{replied.pk}/"' in page  # to the rated letter …
    letter_page = client.get(f"/admin/letters/{replied.pk}/").content.decode()
    assert f'href="/admin/zhenggai/{rect.pk}/"' in letter_page  # … and back
    assert client.post(url, {"step": "visit", "note": "早了"}).status_code == 409  # not rectified yet
    assert client.post(url, {"step": "verify", "note": ""}).status_code == 400  # a note is required
    assert client.post(url, {"step": "verify", "note": "经核实，答复未说明办理时限"}).status_code == 302
    assert client.post(url, {"step": "rectify", "measures": "补充答复，说明办理时限"}).status_code == 302
    assert client.post(url, {"step": "visit", "note": "电话回访，满意", "satisfied": "yes"}).status_code == 302
    rect.refresh_from_db()
    assert rect.state == S.VISITED and rect.return_visit_satisfied is True
    assert not rect.case.is_open and rect.case.closed_on_time is True
    assert not rectification.is_late(rect)
    assert [e.type for e in CaseEvent.objects.filter(case=rect.case)] == ["create", "verify", "rectify", "return_visit"]

    boss = django_user_model.objects.create_superuser("xinxiban", password="x-pass-123456")
    client.force_login(boss)
    assert client.get(url).status_code == 200


def test_hall_supervisors_see_the_halls_rectifications_but_do_not_act(world, client, django_user_model):  # noqa: F811
    from django.contrib.auth.models import Permission

    edu = world["agencies"]["edu"]
    item = make_item(edu, code="JY-0010", name="教师资格认定")
    make_form(item)
    app, _ = direct_submit(item)
    hall.application_accept(application=app, actor=world["staff"]["edu"])
    for task in app.tasks.all():
        hall.task_decide(task=task, actor=world["staff"]["edu"], decision=Decision.APPROVED)
    rect = hall.rating_submit(application=app, actor=None, level=2, answers={}, comment="排队久").rectification
    boss = django_user_model.objects.create_user("duban", password="x-pass-123456")
    boss.user_permissions.add(
        Permission.objects.get(codename="supervise_servicehall"), Permission.objects.get(codename="access_admin")
    )
    client.force_login(boss)
    assert "排队久" in client.get("/admin/zhenggai/").content.decode()
    assert client.get(f"/admin/zhenggai/{rect.pk}/").status_code == 200
    assert client.post(f"/admin/zhenggai/{rect.pk}/", {"step": "verify", "note": "x"}).status_code == 404


def test_rectification_turns_red_when_its_limit_passes(replied, time_machine):
    from govportal.core.cases.actions import cases_sweep_overdue

    letters.letter_rate(letter=replied, rating=1, resolved=True)
    rect = Rectification.objects.get()
    time_machine.move_to("2027-01-08 09:00 +0800", tick=False)
    cases_sweep_overdue()
    rect.case.refresh_from_db()
    assert rect.case.overdue_level == OverdueLevel.RED and rectification.is_late(rect)


def test_the_handling_agency_is_told_of_a_new_rectification_and_reminded_when_it_runs_late(
    replied,
    world,  # noqa: F811
    time_machine,
):
    from govportal.core.cases.actions import cases_sweep_overdue
    from govportal.core.outbox.models import OutboxMessage

    clerk = world["staff"]["edu"]  # 教育局's editor, who handled the letter
    clerk.email = "clerk@jyj.example.gov.cn"
    clerk.save(update_fields=["email"])
    letters.letter_rate(letter=replied, rating=1, resolved=True, comment="没有解决")
    rect = Rectification.objects.select_related("case").get()
    told = OutboxMessage.objects.filter(case=rect.case, recipient="clerk@jyj.example.gov.cn")
    assert [m.channel for m in told] == ["email"]
    assert rect.case.tracking_number in told[0].body and "2026-12-28" in told[0].body
    assert "差评整改" in told[0].subject
    # Past its limit: one reminder at red, not one per sweep.
    time_machine.move_to("2027-01-08 09:00 +0800", tick=False)
    cases_sweep_overdue()
    cases_sweep_overdue()
    reminders = told.filter(body__contains="【")
    assert reminders.count() >= 1
    assert reminders.filter(body__contains=OverdueLevel.RED.label).count() == 1
