"""Data of the 意见征集 and 网上听证 tests: two agencies, their staff and a
draft and a hearing of each kind of state — made through the models and actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

import pytest

from govportal.core.models import AgencyKind, Role
from govportal.participation.models_drafts import Hearing, SelectionMethod, Solicitation, SolicitationArticle


def staff(agency, username, role=Role.EDITOR):
    # No password (hashing costs ~0.5 s); tests sign in with force_login.
    from govportal.cluster.permissions import agency_groups
    from govportal.core.models import User

    user = User(username=username, agency=agency, last_name=agency.short_name, first_name=str(Role(role).label))
    user.set_unusable_password()
    user.save()
    user.groups.add(agency_groups(agency)[role])
    return user


def make_solicitation(
    agency, *, title="示例市城市养犬管理规定（征求意见稿）", days_from_now=(-5, 25), published=True, **fields
):
    now = timezone.now()
    s = Solicitation.objects.create(
        agency=agency,
        title=title,
        explanation="为规范城市养犬行为，保障市民人身安全和环境卫生，起草本规定。",
        opens_at=now + timedelta(days=days_from_now[0]),
        closes_at=now + timedelta(days=days_from_now[1]),
        is_published=published,
        **fields,
    )
    for n, (heading, text) in enumerate(
        [
            ("目的依据", "为了规范养犬行为，根据有关法律法规，制定本规定。"),
            ("犬只登记", "养犬人应当为犬只办理登记。"),
            ("文明养犬", "携犬出户应当束犬链。"),
        ],
        1,
    ):
        SolicitationArticle.objects.create(solicitation=s, number=n, heading=heading, text=text, sort_order=n)
    return s


def make_hearing(
    agency,
    *,
    title="示例市居民用水阶梯价格调整听证会",
    reg=(-3, 4),
    held=10,
    capacity=2,
    selection=SelectionMethod.ORDER,
):
    now = timezone.now()
    return Hearing.objects.create(
        agency=agency,
        title=title,
        matter="拟调整居民生活用水阶梯价格，第一阶梯水价由每立方米2.58元调整为2.88元。",
        held_at=now + timedelta(days=held),
        place="市政府第一会议室",
        registration_opens_at=now + timedelta(days=reg[0]),
        registration_closes_at=now + timedelta(days=reg[1]),
        capacity=capacity,
        selection=selection,
        is_published=True,
    )


@dataclass
class World:
    city: object
    edu: object
    fin: object
    office: object
    edu_clerk: object
    fin_clerk: object


@pytest.fixture
def drafts_world(db, make_agency):
    from govportal.core.models import Agency, User

    city = Agency.objects.filter(code="C0001").first() or make_agency(
        AgencyKind.CITY_GOVERNMENT, name="示例市人民政府", short_name="市政府", code="C0001"
    )
    edu = make_agency(AgencyKind.DEPARTMENT, name="示例市教育局", short_name="教育局", code="PD001")
    fin = make_agency(AgencyKind.DEPARTMENT, name="示例市财政局", short_name="财政局", code="PD002")
    office = User.objects.create_superuser("xxb_drafts", password=None)
    return World(city, edu, fin, office, staff(edu, "edu_drafts"), staff(fin, "fin_drafts"))
