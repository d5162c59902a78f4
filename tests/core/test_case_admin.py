"""The admin shows cases, their event log and the outbox read-only."""

from __future__ import annotations

from django.urls import reverse

import pytest

from govportal.core.cases.actions import case_create
from govportal.core.outbox.actions import outbox_put
from govportal.core.outbox.models import OutboxMessage, Status
from tests.core.casetypes import TEST_TYPE  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.cn", "pw"))
    return client


def test_event_log_is_listed_and_inspectable_but_not_editable(admin_client):
    case, _ = case_create(case_type="test_request", actor=None, title="查看日志")
    event = case.events.get()
    listing = admin_client.get(reverse("case_events:index"))
    assert listing.status_code == 200 and case.tracking_number in listing.content.decode()
    assert admin_client.get(reverse("case_events:inspect", args=[event.pk])).status_code == 200
    for url in (f"/admin/cases/events/edit/{event.pk}/", f"/admin/cases/events/delete/{event.pk}/"):
        assert admin_client.get(url).status_code in {302, 403, 404}
        admin_client.post(url, {"label": "改写"})
    event.refresh_from_db()
    assert event.label == "提交"
    assert admin_client.get("/admin/cases/events/new/").status_code in {302, 403, 404}


def test_failed_outbox_messages_are_visible(admin_client):
    message = outbox_put(key="k-failed", channel="sms", recipient="13800000000", body="x")
    OutboxMessage.objects.filter(pk=message.pk).update(status=Status.FAILED, last_error="ConnectionError: 网关不可用")
    page = admin_client.get(reverse("outbox:index") + "?status=failed").content.decode()
    assert "k-failed" in page and "网关不可用" in page
