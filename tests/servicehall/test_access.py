"""Who sees and does what in the service hall (`servicehall/access.py`), table-driven:
role × own/other agency × action → allowed or 404, through the admin's HTTP screens, and
the steps `available_steps` gives each role (the admin's buttons and the actions' guards).

A supervisor (监察, ``servicehall.supervise_servicehall``) sees every agency's items,
applications and rectifications, read-only: before issue 17 they saw every item but only
their own agency's applications."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

import pytest

from govportal.core.cases.workflow import available_steps
from govportal.core.errors import NotFound
from govportal.core.models import User
from govportal.servicehall import actions
from govportal.servicehall.models import Decision
from govportal.servicehall.workflow import State
from tests.servicehall.conftest import direct_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(hall):
    group = Group.objects.create(name="网上办事督查")
    group.permissions.add(
        Permission.objects.get(codename="supervise_servicehall"), Permission.objects.get(codename="access_admin")
    )
    supervisor = User.objects.create(username="jiancha", password="!")
    supervisor.groups.add(group)
    office = User.objects.create(username="xxb", password="!", is_superuser=True, is_staff=True)
    return {
        "office": office,
        "supervisor": supervisor,
        "lead": hall["staff"]["lead"],  # the item's agency: the window (一口受理)
        "co": hall["staff"]["fire"],  # a co-processing department
        "other": hall["staff"]["other"],  # an unrelated agency
    }


@pytest.fixture
def app(hall):
    application, _ = direct_submit(hall["item"])
    return application


# role → (sees the application, sees it in the queue, may accept it, sees the item's edit screen)
MATRIX = {
    "office": (200, True, 302, 200),
    "supervisor": (200, True, 404, 200),
    "lead": (200, True, 302, 200),
    "co": (404, False, 404, 404),  # before acceptance the co-department has no task yet
    "other": (404, False, 404, 404),
}


@pytest.mark.parametrize("role", list(MATRIX))
def test_application_access_matrix(client, hall, people, app, role):
    sees, in_queue, accept, item_edit = MATRIX[role]
    client.force_login(people[role])
    assert client.get(f"/admin/banshi/{app.pk}/").status_code == sees
    assert (app.case.tracking_number in client.get("/admin/banshi/").content.decode()) is in_queue
    assert client.get(f"/admin/snippets/servicehall/serviceitem/edit/{hall['item'].pk}/").status_code == item_edit
    assert client.post(f"/admin/banshi/{app.pk}/accept/").status_code == accept
    app.case.refresh_from_db()
    assert app.case.state == (State.PROCESSING if accept == 302 else State.SUBMITTED)


def test_after_acceptance_a_co_department_sees_the_application_and_decides_only_its_task(client, hall, people, app):
    actions.application_accept(application=app, actor=people["lead"])
    fire_task = app.tasks.get(agency=hall["agencies"]["fire"])
    env_task = app.tasks.get(agency=hall["agencies"]["env"])
    client.force_login(people["co"])
    assert client.get(f"/admin/banshi/{app.pk}/").status_code == 200
    assert client.post(f"/admin/banshi/tasks/{env_task.pk}/decide/", {"decision": "approved"}).status_code == 404
    assert client.post(f"/admin/banshi/{app.pk}/suspend/", {"reason": "专家评审"}).status_code == 404
    assert client.post(f"/admin/banshi/tasks/{fire_task.pk}/decide/", {"decision": "approved"}).status_code == 302


def test_supervisor_sees_every_application_read_only(client, hall, people, app):
    actions.application_accept(application=app, actor=people["lead"])
    task = app.tasks.get(agency=hall["agencies"]["fire"])
    client.force_login(people["supervisor"])
    page = client.get(f"/admin/banshi/{app.pk}/").content.decode()
    assert app.case.tracking_number in page
    assert "窗口办理" not in page and "本部门意见" not in page  # no buttons
    assert client.post(f"/admin/banshi/{app.pk}/suspend/", {"reason": "专家评审"}).status_code == 404
    assert client.post(f"/admin/banshi/tasks/{task.pk}/decide/", {"decision": "approved"}).status_code == 404
    task.refresh_from_db()
    assert task.decision == Decision.PENDING
    with pytest.raises(NotFound):
        actions.application_suspend(application=app, actor=people["supervisor"], reason="专家评审")


# role → the steps available on a submitted application, then on one being processed
STEPS = {
    "office": ({"accept", "request_supplement", "refuse"}, {"suspend"}),
    "supervisor": (set(), set()),
    "lead": ({"accept", "request_supplement", "refuse"}, {"suspend"}),
    "co": (set(), set()),
    "other": (set(), set()),
}


@pytest.mark.parametrize("role", list(STEPS))
def test_available_steps_of_an_application(people, app, role):
    submitted, processing = STEPS[role]
    assert {t.name for t in available_steps(people[role], app.case)} == submitted
    actions.application_accept(application=app, actor=people["lead"])
    app.case.refresh_from_db()
    assert {t.name for t in available_steps(people[role], app.case)} == processing


def test_the_window_sees_exactly_the_available_steps_as_buttons(client, people, app):
    client.force_login(people["lead"])
    page = client.get(f"/admin/banshi/{app.pk}/").content.decode()
    for step in ("accept", "request_supplement", "refuse"):
        assert f"/{step}/" in page
    assert "/suspend/" not in page and "/resume/" not in page
