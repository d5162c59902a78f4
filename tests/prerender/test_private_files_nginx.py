"""Through nginx with the repo's config: a stored file reaches a reader only through the
app's check and X-Accel-Redirect to the `internal` /_private/ location; nothing under
/_private/, /media/documents/ or /media/original_images/ is served directly."""

from __future__ import annotations

import os
import subprocess

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

import pytest

from govportal.core.files.actions import stored_file_create
from govportal.core.models import User
from govportal.prerender import nginx
from tests.prerender.nginx_helpers import NGINX, free_port, get, wait_for_port

pytestmark = pytest.mark.skipif(NGINX is None, reason="nginx is not installed (bin/test installs it)")
PDF = b"%PDF-1.4\n<script>alert(1)</script>\n%%EOF\n"


@pytest.fixture
def front(django_db_serialized_rollback, transactional_db, live_server, prerender_dir, file_roots, settings, tmp_path):
    settings.GOVPORTAL_PRIVATE_MEDIA_ACCEL_PREFIX = "/_private/"
    port = free_port()
    conf = nginx.write(
        tmp_path / "nginx",
        listen=f"127.0.0.1:{port}",
        upstreams=[live_server.url.removeprefix("http://")],
        prerender_dir=prerender_dir,
        static_root=tmp_path / "static",
        media_root=file_roots["media"],
        private_root=file_roots["private"],
        worker_processes="1",
        user="root" if os.geteuid() == 0 else None,
    )
    proc = subprocess.Popen(
        [NGINX, "-p", str(conf.parent), "-c", str(conf), "-e", str(conf.parent / "error.log"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port, 15, proc)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_stored_file_goes_through_the_check_then_nginx_sends_it(front, file_roots):
    port = front
    record = stored_file_create(
        upload=SimpleUploadedFile("x.html", PDF),
        kind="interaction.letter",
        allowed=["pdf"],
        max_bytes=1024,
        label="附件",
    )
    office = User.objects.create(username="xinxiban", is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(office)
    session = f"sessionid={client.cookies['sessionid'].value}"

    status, headers, body = get(port, record.url, cookie=session)
    assert status == 200 and body.encode() == PDF
    assert headers["content-type"] == "application/pdf"
    assert headers["content-disposition"].startswith("attachment;") and "x.pdf" in headers["content-disposition"]
    assert headers["x-content-type-options"] == "nosniff" and "x-accel-redirect" not in headers

    assert get(port, record.url)[0] == 404  # anonymous: the app says no, nginx sends nothing
    assert get(port, f"/_private/{record.file.name}", cookie=session)[0] == 404  # internal only
    (file_roots["media"] / "documents").mkdir(parents=True)
    (file_roots["media"] / "documents" / "draft.pdf").write_bytes(PDF)
    (file_roots["media"] / "original_images").mkdir()
    (file_roots["media"] / "original_images" / "draft.png").write_bytes(b"\x89PNG")
    assert get(port, "/media/documents/draft.pdf")[0] == 404
    assert get(port, "/media/original_images/draft.png")[0] == 404
    assert get(port, "/media/x/../documents/draft.pdf")[0] == 404
