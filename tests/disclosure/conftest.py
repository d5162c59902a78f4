"""Disclosure fixtures: the shared small cluster (its sites get their 政府信息公开 column
through the real ``site_create`` hook), documents published through Wagtail, requests
through the real actions."""

from __future__ import annotations

from django.core.cache import cache
from django.utils import timezone

import pytest

from govportal.core import calendar
from govportal.core.models import Role
from govportal.disclosure import actions
from govportal.disclosure.choices import ApplicantType, Category, DeliveryChannel, DeliveryForm, IdType
from govportal.disclosure.models import DisclosureDocumentPage, DisclosureIndexPage


@pytest.fixture(autouse=True)
def _isolation():
    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("caselookup:*")
    else:
        cache.clear()
    calendar.invalidate()
    yield
    calendar.invalidate()


def disclosure_column(home) -> DisclosureIndexPage:
    return DisclosureIndexPage.objects.child_of(home).get()


def publish_document(home, title: str, *, category=Category.REGULATIONS, date_made=None, **fields):
    doc = DisclosureDocumentPage(
        title=title,
        summary=fields.pop("summary", f"{title}的内容概述。"),
        date_made=date_made or timezone.localdate(),
        category=category,
        body="<p>正文。</p>",
        **fields,
    )
    disclosure_column(home).add_child(instance=doc)
    doc.save_revision().publish()
    doc.refresh_from_db()
    return doc


APPLICANT = {
    "applicant_type": ApplicantType.PERSON,
    "name": "张三",
    "id_type": IdType.ID_CARD,
    "id_number": "430102199001011238",
    "phone": "13800000000",
    "email": "zhangsan@example.com",
    "description": "请公开2026年示例市义务教育学校招生划片方案。",
    "delivery_form": DeliveryForm.ELECTRONIC,
    "delivery_channel": DeliveryChannel.EMAIL,
}


def applicant(**overrides) -> dict:
    return {**APPLICANT, **overrides}


@pytest.fixture
def world(db, make_agency):
    """A lighter cluster for the request and report tests: city, education bureau and a
    township, each with a site that has only its 政府信息公开 column."""
    from govportal.cluster.actions import site_create
    from govportal.cluster.models import SiteKind
    from govportal.core.models import AgencyKind
    from tests.conftest import ensure_wagtail_base

    ensure_wagtail_base()
    city = make_agency(AgencyKind.CITY_GOVERNMENT, name="示例市人民政府", short_name="市政府", code="C0001")
    edu = make_agency(AgencyKind.DEPARTMENT, name="示例市教育局", short_name="教育局", code="D0001")
    town = make_agency(AgencyKind.TOWNSHIP, name="示例市青山镇人民政府", short_name="青山镇", code="X0001")
    portal = site_create(
        actor=None,
        agency=city,
        kind=SiteKind.PORTAL,
        title="示例市人民政府",
        slug="portal",
        hostname="localhost",
        with_columns=False,
    )
    homes = {"city": portal}
    for key, agency, kind, slug in (("edu", edu, SiteKind.DEPARTMENT, "jyj"), ("town", town, SiteKind.TOWNSHIP, "qsz")):
        homes[key] = site_create(
            actor=None, agency=agency, kind=kind, title=agency.name, slug=slug, parent=portal, with_columns=False
        )
    for home in homes.values():
        actions.disclosure_column_ensure(home=home)
    return {"agencies": {"city": city, "edu": edu, "town": town}, "homes": homes}


def staff(agency, role=Role.EDITOR, username: str | None = None):
    """A staff user without a password (no slow hashing): tests log in with force_login."""
    from govportal.cluster.permissions import agency_groups
    from govportal.core.models import User

    user = User.objects.create(
        username=username or f"{agency.code.lower()}_{role}", password="!", agency=agency, last_name=agency.short_name
    )
    user.groups.add(agency_groups(agency)[role])
    return user


@pytest.fixture
def clerks(world):
    a = world["agencies"]
    return {
        "edu": staff(a["edu"], Role.EDITOR, "edu_clerk"),
        "edu_head": staff(a["edu"], Role.LEADER, "edu_head"),
        "town": staff(a["town"], Role.EDITOR, "town_clerk"),
    }


@pytest.fixture
def submit(world):
    def do(agency=None, **overrides):
        return actions.disclosure_request_submit(agency=agency or world["agencies"]["edu"], data=applicant(**overrides))

    return do


def path_of(page) -> str:
    from urllib.parse import urlparse

    return urlparse(page.url).path
