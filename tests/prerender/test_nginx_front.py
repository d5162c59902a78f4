"""Through nginx with the repo's config in front of the app: anonymous readers get the stored
file, anyone with a session (a logged-in editor) or a query gets Django, display cookies
pick their variant, and a publish is visible at once."""

from __future__ import annotations

import os
import subprocess

from django.test import Client

import pytest

from govportal.core.models import Role
from govportal.prerender import nginx
from tests.conftest import column, publish_article
from tests.prerender.nginx_helpers import NGINX, free_port, get, wait_for_port

pytestmark = pytest.mark.skipif(NGINX is None, reason="nginx is not installed (bin/test installs it)")


@pytest.fixture
def front(django_db_serialized_rollback, transactional_db, cluster, live_server, prerender_dir, tmp_path):
    port = free_port()
    upstream = live_server.url.removeprefix("http://")
    conf = nginx.write(
        tmp_path / "nginx",
        listen=f"127.0.0.1:{port}",
        upstreams=[upstream],
        prerender_dir=prerender_dir,
        static_root=tmp_path / "static",
        media_root=tmp_path / "media",
        worker_processes="1",
        # As root, nginx's workers run as nobody, who cannot enter pytest's private tmp dirs.
        user="root" if os.geteuid() == 0 else None,
    )
    proc = subprocess.Popen(
        [NGINX, "-p", str(conf.parent), "-c", str(conf), "-e", str(conf.parent / "error.log"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port, 15, proc)
        yield {"port": port, "cluster": cluster}
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_readers_get_files_sessions_get_django(front, make_staff):
    port = front["port"]
    status, headers, first = get(port, "/")
    assert status == 200 and headers.get("x-prerender") == "stored"  # rendered by Django, stored
    status, headers, again = get(port, "/")
    assert headers.get("x-prerender") == "hit" and again == first  # from the file
    assert headers["cache-control"] == "no-cache" and headers["vary"] == "Cookie"

    # A logged-in editor (a real session) always gets the live page.
    editor = make_staff(front["cluster"]["agencies"]["city"], Role.EDITOR)
    client = Client()
    client.force_login(editor)
    session = f"sessionid={client.cookies['sessionid'].value}"
    for cookie in (session, "csrftoken=abc", f"gp_elder=1; {session}"):
        status, headers, _ = get(port, "/", cookie=cookie)
        assert status == 200 and "x-prerender" not in headers, cookie

    # Queries other than ?page=N go to Django; 关怀版 has its own file.
    assert "x-prerender" not in get(port, "/?utm_source=x")[1]
    assert get(port, "/", cookie="gp_elder=1")[1].get("x-prerender") == "stored"
    status, headers, elder = get(port, "/", cookie="gp_elder=1; other=1")
    assert headers.get("x-prerender") == "hit" and 'class="elder"' in elder
    assert 'class="elder"' not in get(port, "/")[2]

    # Publishing: the department's column shows the new article at once, then from a file.
    col = column(front["cluster"]["homes"]["edu"], "gzdt")
    get(port, "/gzdt/", host="jyj.localhost")
    assert get(port, "/gzdt/", host="jyj.localhost")[1].get("x-prerender") == "hit"
    publish_article(col, "新学期校园安全大检查")  # transactional test: commits, refreshes
    status, headers, body = get(port, "/gzdt/", host="jyj.localhost")
    assert "新学期校园安全大检查" in body
    assert headers.get("x-prerender") == "hit"  # rendered again in the background job


SECURITY_HEADERS = (
    "content-security-policy",
    "x-frame-options",
    "x-content-type-options",
    "referrer-policy",
    "cross-origin-opener-policy",
)


def test_a_file_from_nginx_carries_the_security_headers_of_djangos_answer(front):
    """issue 16: nginx's own files had no CSP (and lost any header Django adds later)."""
    port = front["port"]
    status, from_django, body = get(port, "/")
    assert status == 200 and from_django.get("x-prerender") == "stored"
    status, from_file, again = get(port, "/")
    assert from_file.get("x-prerender") == "hit" and again == body
    for name in SECURITY_HEADERS:
        assert from_django.get(name), name
        assert from_file.get(name) == from_django[name], name
    assert "'unsafe-inline'" not in from_file["content-security-policy"].split("script-src")[1].split(";")[0]
    assert "strict-transport-security" not in from_file  # plain HTTP, as Django over HTTP
    # A made-up name under the .localhost wildcard is answered live, and nothing is stored.
    for _ in range(2):
        status, headers, _ = get(port, "/", host="made-up.localhost")
        assert status == 200 and "x-prerender" not in headers
        assert headers.get("content-security-policy") == from_django["content-security-policy"]
