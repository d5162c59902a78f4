"""Disclosure reply files are stored files (govportal/core/files): not at
/media/disclosure/replies/<tracking number>/<name> any more, and readable only by the
applicant who proved the query code, the handling agency and the information office."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

import pytest

from govportal.core.models import User
from govportal.disclosure import actions
from govportal.disclosure.choices import Outcome
from tests.conftest import files_under

pytestmark = pytest.mark.django_db
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9"


def _replied_with_file(submit, clerks):
    req, code = submit()
    actions.disclosure_request_confirm_receipt(req=req, actor=clerks["edu"], received_on=timezone.localdate())
    clerk = Client()
    clerk.force_login(clerks["edu"])
    upload = SimpleUploadedFile("IMG_0001.jpg", JPEG, content_type="image/jpeg")
    r = clerk.post(
        f"/admin/zwgk/{req.pk}/",
        {"action": "reply", "outcome": Outcome.DISCLOSED, "reply_text": "见附件。", "attachments": upload},
    )
    assert r.status_code == 302, r.content.decode()
    req.refresh_from_db()
    return req, code, req.attachments.select_related("stored").get()


def test_reply_file_is_private_and_only_the_applicant_with_the_code_gets_it(submit, clerks, file_roots):
    req, code, attachment = _replied_with_file(submit, clerks)
    number = req.case.tracking_number
    stored = attachment.stored
    assert files_under(file_roots["media"]) == [] and files_under(file_roots["private"]) == [stored.file.name]
    assert number not in stored.file.name and "IMG_0001" not in stored.file.name
    anonymous = Client()
    assert anonymous.get(f"/media/disclosure/replies/{number}/IMG_0001.jpg").status_code == 404
    assert anonymous.get(stored.url).status_code == 404

    applicant = Client()
    page = applicant.post("/zwgk/query/", {"tracking_number": number, "query_code": code}, follow=True).content.decode()
    link = re.search(r'href="(/files/[0-9a-f-]{36}/)"', page).group(1)
    assert link == stored.url and code not in link  # the link carries only the random key
    r = applicant.get(link)
    assert r.status_code == 200 and b"".join(r.streaming_content) == JPEG
    assert r["Content-Type"] == "image/jpeg" and r["X-Content-Type-Options"] == "nosniff"
    assert 'filename="IMG_0001.jpg"' in r["Content-Disposition"] and r["Content-Disposition"].startswith("attachment")
    # A wrong code proves nothing.
    guesser = Client()
    guesser.get("/zwgk/query/", {"tracking_number": number, "query_code": "WRONG234"})
    assert guesser.get(link).status_code == 404


def test_reply_file_for_staff_handling_agency_and_information_office_only(submit, clerks, file_roots):
    req, _, attachment = _replied_with_file(submit, clerks)

    def status(user) -> int:
        c = Client()
        c.force_login(user)
        return c.get(attachment.stored.url).status_code

    clerk = Client()
    clerk.force_login(clerks["edu"])
    assert attachment.stored.url in clerk.get(f"/admin/zwgk/{req.pk}/").content.decode()
    assert status(clerks["edu"]) == 200
    assert status(clerks["town"]) == 404  # another agency's clerk
    assert status(User.objects.create(username="xinxiban", is_superuser=True, is_staff=True)) == 200
