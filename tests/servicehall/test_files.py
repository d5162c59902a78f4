"""Application materials are stored files (govportal/core/files): private, random names,
read by the applicant who proved the query code and by the agencies on the application."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

import pytest

from govportal.core.models import User
from govportal.servicehall.models import Application
from tests.conftest import files_under
from tests.servicehall.conftest import form_post, pdf_upload, submit
from tests.servicehall.test_applications import _codes
from tests.submission import guard_fields

pytestmark = pytest.mark.django_db


def test_material_is_private_and_read_by_the_applicant_and_the_lead_agency_only(client, hall, file_roots):
    response = submit(client, hall["item"], licence=pdf_upload("营业执照.html"))
    number, code = _codes(response)
    app = Application.objects.get(case__tracking_number=number)
    stored = app.files.select_related("stored").get().stored
    assert stored.extension == "pdf" and stored.file.name.endswith(".pdf") and stored.case_id == app.case_id
    assert files_under(file_roots["media"]) == [] and files_under(file_roots["private"]) == [stored.file.name]

    assert Client().get(stored.url).status_code == 404  # anonymous
    applicant = Client()
    page = applicant.post(
        "/banshi/jindu/", {"tracking_number": number, "query_code": code}, follow=True
    ).content.decode()
    assert stored.url in page
    r = applicant.get(stored.url)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert 'filename="营业执照.pdf"' in r["Content-Disposition"] or "filename*=utf-8''" in r["Content-Disposition"]

    def status(user) -> int:
        c = Client()
        c.force_login(user)
        return c.get(stored.url).status_code

    assert status(hall["staff"]["lead"]) == 200
    assert status(hall["staff"]["other"]) == 404
    assert status(User.objects.create(username="xinxiban", is_superuser=True, is_staff=True)) == 200
    # The admin's download link goes through the same check.
    lead = Client()
    lead.force_login(hall["staff"]["lead"])
    detail = lead.get(f"/admin/banshi/{app.pk}/").content.decode()
    assert stored.url in detail and "/media/" not in detail


def test_a_draft_material_belongs_to_the_case_once_submitted_and_a_replaced_one_is_deleted(
    client, hall, file_roots, django_capture_on_commit_callbacks
):
    url = f"/banshi/shixiang/{hall['item'].code}/shenqing/"
    draft = client.post(url, {**form_post(), "action": "draft", "licence": pdf_upload("first.pdf")})
    assert draft.status_code == 302
    app = Application.objects.get()
    first = app.files.get().stored
    assert first.case_id is None and Client().get(first.url).status_code == 404
    other = SimpleUploadedFile("second.pdf", b"%PDF-1.7\nsecond\n%%EOF\n", content_type="application/pdf")
    guard = guard_fields(client.get(f"/banshi/caogao/{app.draft_key}/").content.decode())
    with django_capture_on_commit_callbacks(execute=True):  # the request's commit
        done = client.post(f"/banshi/caogao/{app.draft_key}/", {**form_post(), **guard, "licence": other})
    assert done.status_code == 200
    app.refresh_from_db()
    second = app.files.get().stored
    assert second.name == "second.pdf" and second.case_id == app.case_id
    assert files_under(file_roots["private"]) == [second.file.name]  # the replaced draft file is gone
    assert re.fullmatch(r"[0-9a-f]{2}/[0-9a-f]{32}\.pdf", second.file.name)
