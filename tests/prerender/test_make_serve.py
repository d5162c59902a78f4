"""`make serve` (bin/serve) starts the production shape — nginx, gunicorn, the worker — on
the test PostgreSQL database, answers through nginx (a page from Django, then the same page
as a stored file, a static file), survives kill -9 of each of its parts (bin/supervise), and
Ctrl-C stops all of it."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import tempfile
import threading
import time
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


def _forget_keys(env: dict) -> None:
    import redis

    client = redis.Redis.from_url(env["REDIS_URL"])
    for key in client.scan_iter(f"{env['CACHE_KEY_PREFIX']}*"):
        client.delete(key)


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
        # Its own keys in the shared Redis: the served site's outbox flag must not stop the
        # deliveries of the tests running beside it.
        "CACHE_KEY_PREFIX": f"gp-serve-test-{os.getpid()}",
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
        finally:
            _forget_keys(env)
    assert proc.returncode is not None, output
    # No EMAIL_HOST given: mail goes to files under var/, not to a port 25 nobody serves.
    assert f"EMAIL_HOST 未设置：邮件写入 {var}/mail/" in output
    for p in (port, app_port):
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", p)) != 0, f"port {p} still answers after Ctrl-C"


def _children(pid: int) -> list[tuple[int, str]]:
    out = subprocess.run(["ps", "--ppid", str(pid), "-o", "pid=,args="], capture_output=True, text=True).stdout
    return [(int(p), args) for p, _, args in (line.strip().partition(" ") for line in out.splitlines() if line.strip())]


def _part(supervisor: int, marker: str) -> int | None:
    found = [pid for pid, args in _children(supervisor) if marker in args]
    return found[0] if found else None


def _wait(what: str, predicate, timeout: float = 60) -> None:
    """A generous wait for recovery: a condition, not a timing, is what the test checks."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"not within {timeout:.0f} s: {what}")


def _restarted(supervisor: int, marker: str, old: int) -> bool:
    new = _part(supervisor, marker)
    return new is not None and new != old


def _post_letter(port: int, i: int) -> tuple[int, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    body = {
        "mailbox": "szxx",
        "category": "consult",
        "title": f"进程重启测试来信{i}",
        "content": "小区门前道路积水严重，请尽快处理。",
        "name": "张三",
        "phone": "13800000000",
    }
    conn.request(
        "POST",
        "/api/v1/letters",
        body=json.dumps(body, ensure_ascii=False).encode(),
        headers={"Host": f"localhost:{port}", "Content-Type": "application/json", "Authorization": "Bearer t-1"},
    )
    response = conn.getresponse()
    data = json.loads(response.read() or b"{}")
    conn.close()
    return response.status, data


def test_make_serve_survives_killed_worker_gunicorn_worker_scheduler_and_nginx(
    django_db_serialized_rollback, transactional_db, cluster
):
    """kill -9 of each part: the site keeps answering (live pages without a single 502 while
    a gunicorn worker dies under load), a letter sent while the background worker is dead is
    kept and its SMS delivered once the supervisor has restarted the worker."""
    from govportal.core.outbox.models import OutboxMessage, Status
    from govportal.interaction.models import Category, Mailbox, MailboxCategory, MailboxKind

    city = cluster["agencies"]["city"]
    mayor = Mailbox.objects.create(
        kind=MailboxKind.MAYOR, name="市长信箱", slug="szxx", agency=city, triage_agency=city
    )
    MailboxCategory.objects.create(mailbox=mayor, category=Category.CONSULT, reply_days=5)
    var = Path(tempfile.mkdtemp(prefix="gp-serve-kill-"))
    var.chmod(0o755)
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
        "WEB_WORKERS": "2",
        "WEB_THREADS": "2",
        "NGINX_WORKERS": "1",
        # Its own keys in the shared Redis: the served site's outbox flag must not stop the
        # deliveries of the tests running beside it.
        "CACHE_KEY_PREFIX": f"gp-serve-test-{os.getpid()}",
        "LETTER_API_TOKENS": "t-1",
    }
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
    proc = subprocess.Popen(
        ["bin/serve"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    sup = proc.pid  # bin/serve execs bin/supervise
    try:
        wait_for_port(port, 60, proc)
        wait_for_port(app_port, 30, proc)
        _wait("every part running", lambda: all(_part(sup, m) for m in ("--no-scheduler", "--no-queue", "nginx")))

        # 1. The background worker (task queue) dies: the site keeps taking letters.
        worker = _part(sup, "--no-scheduler")
        os.kill(worker, signal.SIGKILL)
        status, answer = _post_letter(port, 1)
        assert status == 201, answer
        assert get(port, "/")[0] == 200
        _wait("worker restarted", lambda: _restarted(sup, "--no-scheduler", worker))
        message = OutboxMessage.objects.get(case__tracking_number=answer["tracking_number"])
        _wait("the SMS of the letter delivered", lambda: OutboxMessage.objects.get(pk=message.pk).status == Status.SENT)

        # 2. A gunicorn worker dies under load: nginx retries the GETs it dropped. A response
        # the worker had started writing when it died (headers sent, body not) cannot be
        # retried by anyone: at most one per reader may be cut off, and only at the kill.
        gunicorn = _part(sup, "gunicorn")
        statuses, errors, stop = [], [], threading.Event()

        def reader():
            while not stop.is_set():
                try:
                    statuses.append(get(port, "/api/v1/mailboxes")[0])
                except Exception as exc:  # noqa: BLE001 — a cut-off answer is recorded with its time
                    errors.append((time.monotonic(), exc))

        readers = [threading.Thread(target=reader) for _ in range(4)]
        for t in readers:
            t.start()
        _wait("reads flowing", lambda: len(statuses) >= 20)
        victim = _children(gunicorn)[0][0]
        killed_at = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        _wait("gunicorn replaced its worker", lambda: victim not in [p for p, _ in _children(gunicorn)])
        _wait("gunicorn back to two workers", lambda: len(_children(gunicorn)) == 2)
        replaced_at = time.monotonic()
        seen = len(statuses)
        _wait("reads after the replacement", lambda: len(statuses) >= seen + 20)
        stop.set()
        for t in readers:
            t.join(timeout=30)
        cut_off = (http.client.IncompleteRead, http.client.RemoteDisconnected, ConnectionResetError)
        assert len(errors) <= len(readers), errors
        for at, exc in errors:
            assert isinstance(exc, cut_off), repr(exc)
            assert killed_at <= at <= replaced_at, (at - killed_at, repr(exc))
        assert set(statuses) == {200}, {s: statuses.count(s) for s in set(statuses)}

        # 3. The scheduler dies: restarted.
        scheduler = _part(sup, "--no-queue")
        os.kill(scheduler, signal.SIGKILL)
        _wait("scheduler restarted", lambda: _restarted(sup, "--no-queue", scheduler))

        # 4. nginx's master dies (its workers with it): restarted on the same port.
        nginx_master = _part(sup, "nginx")
        os.kill(nginx_master, signal.SIGKILL)
        _wait("nginx restarted", lambda: _restarted(sup, "nginx", nginx_master))

        def answers() -> bool:
            try:
                return get(port, "/healthz")[0] == 200
            except OSError:
                return False

        _wait("nginx answering again", answers)
        assert get(port, "/readyz")[0] == 200
        status, answer = _post_letter(port, 2)
        assert status == 201, answer
        assert proc.poll() is None  # nothing of it stopped the whole stack
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            output = proc.communicate(timeout=30)[0].decode(errors="replace")
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            raise
        finally:
            _forget_keys(env)
    assert "worker (pid" in output and "killed by SIGKILL" in output, output
    for p in (port, app_port):
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", p)) != 0, f"port {p} still answers after Ctrl-C"
