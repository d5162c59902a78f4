"""Letter attachments are stored files (govportal/core/files, docs/security.md): the issue 15
reproductions — a PDF named x.html served as HTML on the admin's origin, and citizens'
files public at their own names under /media/letters/ — fail, through HTTP."""

from __future__ import annotations

import re
import time

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

import pytest
import time_machine

from govportal.interaction.models import Letter
from tests.conftest import files_under
from tests.interaction.test_pages import PNG, form_data

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n<script>alert(document.cookie)</script>\n%%EOF\n"


def _write_with(client, upload) -> tuple[Letter, str]:
    r = client.post("/hudong/szxx/xiexin/", {**form_data(client), "attachments": [upload]})
    assert r.status_code == 200, r.content.decode()
    code = re.search(r'id="query-code">(\w+)<', r.content.decode()).group(1)
    return Letter.objects.get(), code


def _link(page: str) -> str:
    return re.search(r'href="(/files/[0-9a-f-]{36}/)"', page).group(1)


def test_a_pdf_named_html_is_stored_as_pdf_and_served_as_an_attachment(world, client, file_roots):
    letter, _ = _write_with(client, SimpleUploadedFile("x.html", PDF, content_type="text/html"))
    attachment = letter.attachments.select_related("stored").get()
    stored = attachment.stored
    # The storage name is random with the detected extension; the citizen's name is display only.
    assert stored.file.name.endswith(".pdf") and "x" not in stored.file.name.rsplit("/", 1)[-1].removesuffix(".pdf")
    assert stored.name == "x.html" and stored.content_type == "application/pdf"
    # Nothing of the citizen's lands under the public media root; the bytes are in the private store.
    assert files_under(file_roots["media"]) == []
    assert files_under(file_roots["private"]) == [stored.file.name]

    clerk = Client()
    clerk.force_login(world["staff"]["city"])  # the mayor's mailbox is triaged by the city
    page = clerk.get(f"/admin/letters/{letter.pk}/").content.decode()
    url = _link(page)
    assert "/media/" not in page
    r = clerk.get(url)
    assert r.status_code == 200 and b"".join(r.streaming_content) == PDF
    assert r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"].startswith("attachment;") and 'filename="x.pdf"' in r["Content-Disposition"]
    assert r["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in r["Content-Security-Policy"] and "no-store" in r["Cache-Control"]


def test_anonymous_gets_404_for_the_file_and_for_any_old_style_media_url(world, client, file_roots, now):
    letter, _ = _write_with(client, SimpleUploadedFile("IMG_0001.png", PNG, content_type="image/png"))
    stored = letter.attachments.get().stored
    anonymous = Client()
    assert anonymous.get(stored.url).status_code == 404
    assert anonymous.get(f"/media/letters/{now:%Y/%m}/IMG_0001.png").status_code == 404
    assert anonymous.get(f"/media/{stored.file.name}").status_code == 404  # not under /media/ at all


def test_writer_who_proved_the_code_gets_the_file_others_do_not(world, client, file_roots, settings):
    letter, code = _write_with(client, SimpleUploadedFile("IMG_0001.png", PNG, content_type="image/png"))
    number = letter.case.tracking_number
    writer = Client()
    url = letter.attachments.get().stored.url
    assert writer.get(url).status_code == 404  # before proving the code
    assert writer.post("/hudong/chaxun/", {"tracking_number": number, "query_code": "WRONG234"}).status_code == 404
    assert writer.get(url).status_code == 404
    # The lookup is the kernel's: POST-redirect-GET to /cases/ (the code stays out of the URL).
    page = writer.post("/hudong/chaxun/", {"tracking_number": number, "query_code": code}, follow=True).content.decode()
    assert _link(page) == url and code not in url
    r = writer.get(url)
    assert r.status_code == 200 and r["Content-Type"] == "image/png" and b"".join(r.streaming_content) == PNG
    # The proof lasts CITIZEN_FILE_SECONDS in that session only.
    assert Client().get(url).status_code == 404
    with time_machine.travel(time.time() + settings.GOVPORTAL_CITIZEN_FILE_SECONDS + 60, tick=False):
        assert writer.get(url).status_code == 404


def test_staff_of_the_letter_read_it_other_agencies_get_404_the_information_office_reads_all(world, file_roots):
    from govportal.interaction import actions
    from tests.interaction.conftest import write

    upload = SimpleUploadedFile("IMG_0001.png", PNG, content_type="image/png")
    letter, _ = write(world["mailboxes"]["mayor"], attachments=[upload])
    url = letter.attachments.get().stored.url
    s = world["staff"]

    def status(user) -> int:
        c = Client()
        c.force_login(user)
        return c.get(url).status_code

    assert status(s["city"]) == 200  # triage
    assert status(s["edu"]) == 404 and status(s["traffic"]) == 404  # not (yet) theirs
    actions.letter_accept(letter=letter, actor=s["city"], assign_to=world["agencies"]["edu"])
    assert status(s["edu"]) == 200 and status(s["traffic"]) == 404  # now the handling agency's
    office = get_user_model().objects.create(username="xinxiban", is_superuser=True, is_staff=True)
    assert status(office) == 200


def test_behind_nginx_the_view_hands_the_file_over_with_x_accel_redirect(world, file_roots, settings):
    from tests.interaction.conftest import write

    settings.GOVPORTAL_PRIVATE_MEDIA_ACCEL_PREFIX = "/_private/"
    letter, _ = write(world["mailboxes"]["mayor"], attachments=[SimpleUploadedFile("a.pdf", PDF)])
    stored = letter.attachments.get().stored
    c = Client()
    c.force_login(world["staff"]["city"])
    r = c.get(stored.url)
    assert r.status_code == 200 and r.content == b""
    assert r["X-Accel-Redirect"] == f"/_private/{stored.file.name}"
    assert r["Content-Type"] == "application/pdf" and r["X-Content-Type-Options"] == "nosniff"
    assert r["Content-Disposition"].startswith("attachment;")
    anonymous = Client().get(stored.url)
    assert anonymous.status_code == 404 and "X-Accel-Redirect" not in anonymous
