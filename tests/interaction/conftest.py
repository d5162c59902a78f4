"""Fixtures of 互动交流: agencies, staff and mailboxes made through the models and actions
(no sites needed except for page tests, which add the `cluster` fixture)."""

from __future__ import annotations

import pytest

from govportal.core import calendar
from govportal.core.models import AgencyKind, Role
from govportal.interaction import actions
from govportal.interaction.models import Category, Mailbox, MailboxCategory, MailboxKind


def _clear_counters() -> None:
    # Rate-limit and lookup counters live in the cache (Redis in CI's PostgreSQL stage).
    from django.core.cache import cache

    if hasattr(cache, "delete_pattern"):  # django-redis
        cache.delete_pattern("abuse:*")
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _isolation():
    _clear_counters()
    calendar.invalidate()
    yield
    calendar.invalidate()


def _staff(agency, role, username):
    # No password: hashing one takes ~0.5 s here, and tests log in with force_login.
    from govportal.cluster.permissions import agency_groups
    from govportal.core.models import User

    user = User(username=username, agency=agency, last_name=agency.short_name, first_name=str(Role(role).label))
    user.set_unusable_password()
    user.save()
    user.groups.add(agency_groups(agency)[role])
    return user


@pytest.fixture
def world(db, make_agency):
    from govportal.core.models import Agency

    city = Agency.objects.filter(code="C0001").first() or make_agency(
        AgencyKind.CITY_GOVERNMENT,
        name="示例市人民政府",
        short_name="市政府",
        code="C0001",
        email="xinxiban@example.gov.cn",
    )
    edu = Agency.objects.filter(code="D0001").first() or make_agency(
        AgencyKind.DEPARTMENT, name="示例市教育局", short_name="教育局", code="D0001", email="jyj@example.gov.cn"
    )
    traffic = make_agency(AgencyKind.DEPARTMENT, name="示例市交通运输局", short_name="交通局", code="D0002")
    mayor = Mailbox.objects.create(
        kind=MailboxKind.MAYOR,
        name="市长信箱",
        slug="szxx",
        agency=city,
        triage_agency=city,
        warning_days=2,
        red_days=3,
    )
    MailboxCategory.objects.create(mailbox=mayor, category=Category.CONSULT, reply_days=5)
    MailboxCategory.objects.create(mailbox=mayor, category=Category.COMPLAIN, reply_days=10)
    MailboxCategory.objects.create(mailbox=mayor, category=Category.SUGGEST)  # default from settings
    edu_box = Mailbox.objects.create(
        kind=MailboxKind.AGENCY, name="教育局信箱", slug="jyj", agency=edu, triage_agency=edu
    )
    supervision = Mailbox.objects.create(
        kind=MailboxKind.SUPERVISION, name="公众监督信箱", slug="jdxx", agency=city, triage_agency=city
    )
    errors = Mailbox.objects.create(
        kind=MailboxKind.ERROR_REPORT, name="我为政府网站找错", slug="zc", agency=city, triage_agency=city
    )
    staff = {
        "city": _staff(city, Role.EDITOR, "city_clerk"),
        "city_leader": _staff(city, Role.LEADER, "city_leader"),
        "edu": _staff(edu, Role.EDITOR, "edu_clerk"),
        "edu_reviewer": _staff(edu, Role.REVIEWER, "edu_reviewer"),
        "edu_leader": _staff(edu, Role.LEADER, "edu_leader"),
        "traffic": _staff(traffic, Role.EDITOR, "traffic_clerk"),
    }
    staff["edu"].email = "edu.clerk@example.gov.cn"
    staff["edu"].save()
    staff["edu_leader"].email, staff["edu_leader"].phone = "edu.leader@example.gov.cn", "13900000001"
    staff["edu_leader"].save()
    return {
        "agencies": {"city": city, "edu": edu, "traffic": traffic},
        "mailboxes": {"mayor": mayor, "edu": edu_box, "supervision": supervision, "errors": errors},
        "staff": staff,
    }


def write(mailbox, *, category=Category.CONSULT, title="孩子入学咨询", may_publish=True, **fields):
    values = {
        "content": "请问2027年秋季小学入学需要准备哪些材料？我的电话13812345678。",
        "name": "张三",
        "phone": "13812345678",
        "email": "zhangsan@example.com",
        **fields,
    }
    return actions.letter_submit(mailbox=mailbox, category=category, title=title, may_publish=may_publish, **values)


def to_reviewing(letter, world, text="您好，所需材料见教育局网站入学专栏。"):
    s = world["staff"]
    actions.letter_accept(letter=letter, actor=s["city"], assign_to=world["agencies"]["edu"])
    actions.letter_submit_reply(letter=letter, actor=s["edu"], text=text)
    return letter


def to_replied(letter, world, *, publish=True):
    to_reviewing(letter, world)
    actions.letter_approve_reply(letter=letter, actor=world["staff"]["edu_reviewer"], publish=publish)
    return letter


# The JSON body of POST /api/v1/letters (tests/interaction/test_api.py, test_submission_cost.py).
API_LETTER = {
    "mailbox": "szxx",
    "category": "consult",
    "title": "公交线路咨询",
    "content": "请问102路公交车什么时候恢复原线路运行？",
    "name": "李四",
    "phone": "13900001111",
    "may_publish": True,
}
