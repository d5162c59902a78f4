"""Who sees which request: a clerk only their agency's (another's is a 404 in the admin),
the city's information office every one; the admin screens drive the real actions."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from govportal.core.models import User
from govportal.disclosure import selectors
from govportal.disclosure.choices import Channel
from govportal.disclosure.models import DisclosureRequest
from tests.disclosure.conftest import applicant

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_requests(world, submit):
    edu_req, _ = submit()
    town_req, _ = submit(agency=world["agencies"]["town"])
    return edu_req, town_req


def test_clerk_sees_only_own_agency_requests(clerks, two_requests):
    edu_req, town_req = two_requests
    assert list(selectors.requests_for(clerks["edu"])) == [edu_req]
    assert list(selectors.requests_for(clerks["town"])) == [town_req]
    with pytest.raises(selectors.NotFound):
        selectors.request_for(clerks["edu"], town_req.pk)


def test_information_office_sees_every_request(world, two_requests):
    office = User.objects.create(username="xxb", is_superuser=True, is_staff=True, agency=world["agencies"]["city"])
    assert set(selectors.requests_for(office)) == set(two_requests)


def test_staff_without_the_permission_and_anonymous_see_none(world, two_requests):
    nobody = User.objects.create(username="nobody", agency=world["agencies"]["edu"])
    assert not selectors.requests_for(nobody).exists()
    from django.contrib.auth.models import AnonymousUser

    assert not selectors.requests_for(AnonymousUser()).exists()


def test_admin_request_page_of_other_agency_is_404(client, clerks, two_requests):
    edu_req, town_req = two_requests
    client.force_login(clerks["edu"])
    assert client.get(f"/admin/zwgk/{edu_req.pk}/").status_code == 200
    assert client.get(f"/admin/zwgk/{town_req.pk}/").status_code == 404
    listing = client.get("/admin/zwgk/").content.decode()
    assert edu_req.case.tracking_number in listing and town_req.case.tracking_number not in listing


def test_clerk_registers_a_letter_and_replies_through_the_admin(client, world, clerks):
    client.force_login(clerks["edu"])
    with time_machine.travel("2026-11-04 10:00 +0800", tick=False):
        response = client.post(
            "/admin/zwgk/register/",
            {
                **applicant(),
                "agency": world["agencies"]["edu"].pk,
                "channel": Channel.REGISTERED_POST,
                "received_on": "2026-11-02",
            },
        )
        assert response.status_code == 302
        req = DisclosureRequest.objects.get()
        assert req.received_on == date(2026, 11, 2) and req.case.due_date == date(2026, 11, 30)
        bad = client.post(f"/admin/zwgk/{req.pk}/", {"action": "reply", "outcome": "refused", "sub_reason": ""})
        assert bad.status_code == 400
        ok = client.post(
            f"/admin/zwgk/{req.pk}/",
            {"action": "reply", "outcome": "refused", "sub_reason": "process", "reply_text": "属于过程性信息。"},
        )
        assert ok.status_code == 302
    req.refresh_from_db()
    assert req.outcome == "refused" and req.case.state == "replied"
    # Back in the present, a month after the travelled-to day: the staff session (30 idle
    # minutes at most, docs/security.md) ended long ago.
    client.force_login(clerks["edu"])
    pdf = client.get(f"/admin/zwgk/{req.pk}/letter.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
