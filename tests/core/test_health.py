"""/healthz (liveness) and /readyz (readiness: database, Redis, queue lag) through HTTP."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

import pytest

from govportal.core.outbox.actions import outbox_put
from govportal.core.outbox.models import OutboxMessage

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_liveness_answers_without_touching_the_database():
    # No django_db mark: pytest-django refuses any database access in this test.
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_liveness_answers_a_probe_by_address_whatever_the_host(settings):
    settings.ALLOWED_HOSTS = ["www.example.gov.cn"]
    settings.SECURE_SSL_REDIRECT = True
    response = Client().get("/healthz", HTTP_HOST="10.0.0.7:8001")
    assert response.status_code == 200  # not 400 (host) nor 301 (HTTPS)
    # Every other path still validates the host.
    assert Client().get("/", HTTP_HOST="10.0.0.7:8001").status_code == 400


def test_readiness_fails_with_503_when_the_database_is_unreachable():
    # No django_db mark: the connection is refused, as when PostgreSQL is down.
    response = Client().get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "not ready"
    assert body["checks"]["database"]["status"] == "failed"
    assert "Database access" not in response.content.decode()  # no error text leaks out


@pytest.mark.django_db
def test_readiness_is_ready_when_database_and_queues_are_fine(settings):
    settings.TASKS = DB_QUEUE
    response = Client().get("/readyz")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ready"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["queue"] == {
        "status": "ok",
        "outbox_lag_seconds": 0.0,
        "task_lag_seconds": 0.0,
        "max_lag_seconds": settings.GOVPORTAL_HEALTH_MAX_QUEUE_LAG,
        "ms": body["checks"]["queue"]["ms"],
    }


@pytest.mark.django_db
def test_readiness_checks_redis_when_configured(settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["redis"]["status"] == "failed"
    assert response.json()["checks"]["database"]["status"] == "ok"


@pytest.mark.django_db
def test_readiness_without_redis_url_does_not_check_it(settings):
    settings.REDIS_URL = ""
    response = Client().get("/readyz")
    assert response.status_code == 200
    assert "redis" not in response.json()["checks"]


@pytest.mark.django_db
def test_readiness_is_503_when_an_outbox_message_waits_past_the_limit(settings):
    settings.GOVPORTAL_HEALTH_MAX_QUEUE_LAG = 60
    outbox_put(key="health-test-1", channel="sms", recipient="13800000000", body="x")
    assert Client().get("/readyz").status_code == 200  # due now: no lag yet
    OutboxMessage.objects.filter(key="health-test-1").update(next_attempt_at=timezone.now() - timedelta(minutes=5))
    response = Client().get("/readyz")
    assert response.status_code == 503
    queue = response.json()["checks"]["queue"]
    assert queue["status"] == "lagging" and queue["outbox_lag_seconds"] >= 300
    # A message backing off after a failed attempt is not due: not a lag.
    OutboxMessage.objects.filter(key="health-test-1").update(next_attempt_at=timezone.now() + timedelta(minutes=5))
    assert Client().get("/readyz").status_code == 200


@pytest.mark.django_db
def test_readiness_is_503_when_the_task_queue_is_not_worked(settings):
    from django_tasks_db.models import DBTaskResult

    from govportal.core.outbox.tasks import retry_due_outbox_messages

    settings.TASKS = DB_QUEUE
    settings.GOVPORTAL_HEALTH_MAX_QUEUE_LAG = 60
    # A task due ten minutes ago that no worker took (the rows django-tasks-db writes).
    DBTaskResult.objects.create(
        task_path=retry_due_outbox_messages.module_path,
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now() - timedelta(minutes=10),
    )
    response = Client().get("/readyz")
    assert response.status_code == 503
    queue = response.json()["checks"]["queue"]
    assert queue["status"] == "lagging" and queue["task_lag_seconds"] >= 600
    DBTaskResult.objects.update(status="SUCCESSFUL")
    assert Client().get("/readyz").status_code == 200


@pytest.mark.django_db
def test_health_answers_are_never_prerendered_and_refuse_writes(prerender_dir):
    client = Client()
    for path in ("/healthz", "/readyz"):
        assert client.get(path).status_code == 200
        assert client.head(path).status_code == 200
        response = client.post(path)
        assert response.status_code == 405 and response["Allow"] == "GET, HEAD"
    assert not any(p.is_file() for p in prerender_dir.rglob("*"))
