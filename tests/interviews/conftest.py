"""Fixtures of 在线访谈: two agencies with staff, an interview of each, made through the
actions (the kernel case included). No sites needed except for page tests."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

import pytest

from govportal.core import calendar
from govportal.core.models import AgencyKind, Role, User
from govportal.interviews import actions
from govportal.interviews.models import Guest, Interview


def _clear_counters() -> None:
    from django.core.cache import cache

    if hasattr(cache, "delete_pattern"):  # django-redis
        cache.delete_pattern("abuse:*")
        cache.delete_pattern("*interviews:live*")
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _isolation():
    _clear_counters()
    calendar.invalidate()
    yield
    calendar.invalidate()


def staff(agency, role, username):
    from govportal.cluster.permissions import agency_groups

    user = User(username=username, agency=agency, last_name=agency.short_name, first_name=str(Role(role).label))
    user.set_unusable_password()
    user.save()
    user.groups.add(agency_groups(agency)[role])
    return user


def make_interview(agency, *, title="优化营商环境政策解读", host="李主持", days=1, actor=None) -> Interview:
    start = timezone.now() + timedelta(days=days)
    interview = Interview.objects.create(
        title=title,
        agency=agency,
        host=host,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        intro="围绕优化营商环境的新政策，与网友在线交流。",
    )
    Guest.objects.create(interview=interview, name="王局长", post="市发展改革委主任", intro="分管营商环境工作。")
    return actions.interview_saved(interview=interview, actor=actor)


@pytest.fixture
def world(db, make_agency):
    from govportal.core.models import Agency

    city = Agency.objects.filter(code="C0001").first() or make_agency(
        AgencyKind.CITY_GOVERNMENT, name="示例市人民政府", short_name="市政府", code="C0001"
    )
    a = make_agency(AgencyKind.DEPARTMENT, name="示例市发展和改革委员会", short_name="发改委", code="D0101")
    b = make_agency(AgencyKind.DEPARTMENT, name="示例市财政局", short_name="财政局", code="D0102")
    office = User.objects.create_superuser("ft_office", password=None)
    return {
        "city": city,
        "a": a,
        "b": b,
        "office": office,
        "a_typist": staff(a, Role.EDITOR, "ft_a_typist"),
        "a_moderator": staff(a, Role.REVIEWER, "ft_a_moderator"),
        "b_typist": staff(b, Role.EDITOR, "ft_b_typist"),
        "interview": make_interview(a, actor=office),
        "b_interview": make_interview(b, title="财政预算公开解读", actor=office),
    }
