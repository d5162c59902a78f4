"""`make serve` (bin/serve) starts the production shape — nginx, gunicorn, the worker — on
the test PostgreSQL database, answers through nginx (a page from Django, then the same page
as a stored file, a static file), and Ctrl-C stops all of it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

import pytest

from tests.prerender.nginx_helpers import NGINX, free_port, get, wait_for_port

ROOT = Path(settings.BASE_DIR)

pytestmark = [
    pytest.mark.skipif(NGINX is None, reason="nginx is not installed (bin/test installs it)"),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="production mode refuses SQLite: runs in the PostgreSQL suite"
    ),
]


def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def test_make_serve_starts_answers_through_nginx_and_stops(django_db_serialized_rollback, transactional_db, cluster):
    var = Path(tempfile.mkdtemp(prefix="gp-serve-test-"))
    var.chmod(0o755)  # nginx's workers (nobody, when run as root) read the files under it
    port, app_port = free_port(), free_port()
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("GOVPORTAL_ENV", "DEBUG", "TASKS_BACKEND", "EMAIL_HOST", "EMAIL_BACKEND")
        },
        "PORT": str(port),
        "APP_PORT": str(app_port),
        "DATABASE_URL": _database_url(),
        "GOVPORTAL_VAR_DIR": str(var),
        "SERVE_NO_DEMO": "1",
        "WEB_WORKERS": "1",
        "WEB_THREADS": "2",
        "NGINX_WORKERS": "1",
    }
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
    proc = subprocess.Popen(
        ["bin/serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for_port(port, 50, proc)
        wait_for_port(app_port, 30, proc)
        status, headers, body = get(port, "/")
        assert status == 200 and "示例市人民政府" in body
        assert headers.get("x-prerender") == "stored"
        status, headers, again = get(port, "/")
        assert headers.get("x-prerender") == "hit" and again == body
        assert get(port, "/static/css/site.css")[0] == 200
        assert get(port, "/admin/login/")[0] == 200  # staff pages: always Django
        # gunicorn keeps no idle connection (one held by a busy worker would wait behind its
        # requests while another worker sits free); nginx keeps the reader's.
        assert get(app_port, "/admin/login/")[1].get("connection") == "close"
        assert get(port, "/admin/login/")[1].get("connection") == "keep-alive"
    finally:
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends
        try:
            output = proc.communicate(timeout=20)[0].decode(errors="replace")
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            raise
    assert proc.returncode is not None, output
    # No EMAIL_HOST given: mail goes to files under var/, not to a port 25 nobody serves.
    assert f"EMAIL_HOST 未设置：邮件写入 {var}/mail/" in output
    for p in (port, app_port):
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", p)) != 0, f"port {p} still answers after Ctrl-C"
