"""The steps of a disclosure request each role may take (`disclosure/access.py` over the
transition table, `available_steps`), the admin's forms that follow them, and the actions'
guards that give the same answer."""

from __future__ import annotations

import pytest

from govportal.core.cases.workflow import available_steps
from govportal.core.errors import NotAllowed
from govportal.core.models import Role, User
from govportal.disclosure import actions
from tests.disclosure.conftest import staff

pytestmark = pytest.mark.django_db

PROCESSING_STEPS = {"request_correction", "consult", "extend", "delay", "fee_notice", "reply", "withdraw"}
HEAD_ONLY = {"extend", "delay"}  # Art. 33 extension and Art. 35 longer period: the office head


@pytest.fixture
def people(world, clerks):
    office = User.objects.create(username="xxb", is_superuser=True, is_staff=True)
    nobody = User.objects.create(username="nobody", agency=world["agencies"]["edu"])  # no handle_request
    return {
        "office": office,
        "edu": clerks["edu"],
        "edu_head": clerks["edu_head"],
        "edu_reviewer": staff(world["agencies"]["edu"], Role.REVIEWER, "edu_reviewer"),
        "town": clerks["town"],
        "nobody": nobody,
    }


# role → (steps on a submitted request, steps once it is being processed)
STEPS = {
    "office": ({"receive", "withdraw"}, PROCESSING_STEPS),
    "edu": ({"receive", "withdraw"}, PROCESSING_STEPS - HEAD_ONLY),  # extending needs the office head
    "edu_reviewer": ({"receive", "withdraw"}, PROCESSING_STEPS - HEAD_ONLY),
    "edu_head": ({"receive", "withdraw"}, PROCESSING_STEPS),
    "town": (set(), set()),  # another agency
    "nobody": (set(), set()),  # the agency's staff without the disclosure permission
}


@pytest.mark.parametrize("role", list(STEPS))
def test_available_steps_of_a_request(submit, people, role):
    req, _ = submit()
    submitted, processing = STEPS[role]
    assert {t.name for t in available_steps(people[role], req.case)} == submitted
    actions.disclosure_request_confirm_receipt(req=req, actor=people["edu"])
    req.case.refresh_from_db()
    assert {t.name for t in available_steps(people[role], req.case)} == processing


def test_the_extension_form_is_shown_only_to_who_may_extend(client, submit, people):
    req, _ = submit()
    actions.disclosure_request_confirm_receipt(req=req, actor=people["edu"])
    client.force_login(people["edu_head"])
    assert 'value="extend"' in client.get(f"/admin/zwgk/{req.pk}/").content.decode()
    client.force_login(people["edu"])
    page = client.get(f"/admin/zwgk/{req.pk}/").content.decode()
    assert 'value="reply"' in page and 'value="extend"' not in page and "没有批准延期的权限" in page


@pytest.mark.parametrize(
    ("role", "message"),
    [("edu", "负责人同意"), ("town", "无权办理"), ("nobody", "无权办理")],
)
def test_the_action_guard_refuses_a_step_not_available(submit, people, role, message):
    req, _ = submit()
    actions.disclosure_request_confirm_receipt(req=req, actor=people["edu"])
    with pytest.raises(NotAllowed, match=message):
        actions.disclosure_request_extend(req=req, actor=people[role], days=5, reason="需要调查核实")
    actions.disclosure_request_extend(req=req, actor=people["edu_head"], days=5, reason="需要调查核实")


@pytest.mark.parametrize(("role", "status"), [("edu", 200), ("town", 404), ("office", 200)])
def test_request_page_by_role(client, submit, people, role, status):
    req, _ = submit()
    client.force_login(people[role])
    assert client.get(f"/admin/zwgk/{req.pk}/").status_code == status
