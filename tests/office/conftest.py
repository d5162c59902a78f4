"""Fixtures of 协同办公: the small cluster (city government, a department, a township with its
site) plus a second township, with OA clerks, the signing leader and plain staff."""

from __future__ import annotations

import pytest

from govportal.core import calendar
from govportal.core.models import Agency, AgencyKind, Role, User
from govportal.office import actions


@pytest.fixture(autouse=True)
def _fresh_calendar():
    calendar.invalidate()
    yield
    calendar.invalidate()


def _user(agency, username, *, groups=(), first_name="") -> User:
    # No password (hashing is slow): tests log in with force_login.
    user = User(username=username, agency=agency, last_name=agency.short_name, first_name=first_name or username)
    user.email = f"{username}@example.gov.cn"
    user.set_unusable_password()
    user.save()
    user.groups.add(*groups)
    return user


@pytest.fixture
def office(cluster):
    from govportal.cluster.permissions import agency_groups

    a = cluster["agencies"]
    town2 = Agency.objects.get_or_create(
        code="X0002", defaults={"name": "示例市白沙镇人民政府", "short_name": "白沙镇", "kind": AgencyKind.TOWNSHIP}
    )[0]
    agencies = {"city": a["city"], "edu": a["edu"], "town": a["town"], "town2": town2}
    users = {}
    for key, agency in agencies.items():
        clerks = actions.office_roles_ensure(agency=agency)
        users[f"{key}_clerk"] = _user(agency, f"{key}_oa", groups=[clerks], first_name="收发员")
        users[f"{key}_leader"] = _user(
            agency, f"{key}_ld", groups=[agency_groups(agency)[Role.LEADER]], first_name="领导"
        )
        users[f"{key}_staff"] = _user(
            agency, f"{key}_st", groups=[agency_groups(agency)[Role.EDITOR]], first_name="科员"
        )
    users["office"] = User.objects.create_superuser("xxb_office", password=None)
    return {"agencies": agencies, "users": users, "homes": cluster["homes"]}


DOC = {
    "kind": "notice",
    "title": "关于做好2026年冬季森林防火工作的通知",
    "body": "各乡镇人民政府、街道办事处：\n为切实做好今冬明春森林防火工作，现将有关事项通知如下。\n一、压实责任。\n二、加强巡查。",
    "urgency": "",
    "disclosure": "active",
    "number_mark": "示例市政",
    "attachment_note": "",
}


def draft(office, *, target="townships", agencies=(), cc=(), sender="city", files=(), **data):
    return actions.document_draft(
        actor=office["users"][f"{sender}_clerk"],
        data={**DOC, **data},
        issuer=office["users"][f"{sender}_leader"],
        target=target,
        agencies=agencies,
        cc_agencies=cc,
        files=files,
    )


def sent(office, sender="city", **kwargs):
    document = draft(office, sender=sender, **kwargs)
    users = office["users"]
    actions.document_submit(document=document, actor=users[f"{sender}_clerk"])
    actions.document_sign(document=document, actor=users[f"{sender}_leader"])
    actions.document_send(document=document, actor=users[f"{sender}_clerk"])
    document.refresh_from_db()
    return document
