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
    "id_number": "430102199001011234",
    "phone": "13800000000",
    "email": "zhangsan@example.com",
    "description": "请公开2026年示例市义务教育学校招生划片方案。",
    "delivery_form": DeliveryForm.ELECTRONIC,
    "delivery_channel": DeliveryChannel.EMAIL,
}


def applicant(**overrides) -> dict:
    return {**APPLICANT, **overrides}


@pytest.fixture
def clerks(cluster, make_staff):
    a = cluster["agencies"]
    return {
        "edu": make_staff(a["edu"], Role.EDITOR, "edu_clerk"),
        "edu_head": make_staff(a["edu"], Role.LEADER, "edu_head"),
        "town": make_staff(a["town"], Role.EDITOR, "town_clerk"),
    }


@pytest.fixture
def submit(cluster):
    def do(agency=None, **overrides):
        return actions.disclosure_request_submit(
            agency=agency or cluster["agencies"]["edu"], data=applicant(**overrides)
        )

    return do


def path_of(page) -> str:
    from urllib.parse import urlparse

    return urlparse(page.url).path
