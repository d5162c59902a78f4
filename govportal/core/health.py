"""Health endpoints for process supervisors, nginx and load balancers (docs/deploy.md).

- ``/healthz`` — liveness: this process answers. No database, no cache: a liveness probe that
  touched PostgreSQL would have every app server restarted when the database blinks.
- ``/readyz`` — readiness: the database answers, Redis answers (when ``REDIS_URL`` is set),
  and the work behind the site keeps up: the oldest due task in the queue and the oldest due
  outbox message have waited at most ``HEALTH_MAX_QUEUE_LAG`` seconds. 200 when all hold,
  503 otherwise; both with a JSON body naming each check.

Answered by a middleware at the top of the stack, before host validation, the HTTPS
redirect, sessions and the pre-render store: a balancer probing an app server by its address
gets an answer whatever Host it sends, the answer is never stored as a page, and a probe
costs no session or cookie. The bodies say only ok/failed and the lag in seconds — no error
text (which could name hosts or users); failures are logged.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.db import connection
from django.db.models import Min, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from govportal.core.outbox.models import OutboxMessage, Status

logger = logging.getLogger(__name__)

LIVENESS_PATH = "/healthz"
READINESS_PATH = "/readyz"


def _lag_seconds(oldest: datetime | None, now: datetime) -> float:
    return max(0.0, (now - oldest).total_seconds()) if oldest else 0.0


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def check_redis() -> dict:
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    finally:
        client.close()
    return {}


def task_queue_lag(now: datetime) -> float | None:
    """Seconds the oldest due task has waited, or None when no queue is used (the immediate
    backend of tests runs tasks inline)."""
    backend = settings.TASKS["default"]["BACKEND"]
    if backend == "django_tasks_db.DatabaseBackend":
        from django_tasks_db.models import DBTaskResult, get_date_max

        never = get_date_max()
        ages = DBTaskResult.objects.ready().aggregate(
            queued=Min("enqueued_at", filter=Q(run_after=never)),
            delayed=Min("run_after", filter=~Q(run_after=never)),
        )
        return max(_lag_seconds(ages["queued"], now), _lag_seconds(ages["delayed"], now))
    if backend == "django_tasks_rq.RQBackend":
        import django_rq
        from rq.job import Job

        queue = django_rq.get_queue("default")
        first = queue.get_job_ids(0, 0)
        if not first:
            return 0.0
        job = Job.fetch(first[0], connection=queue.connection)
        enqueued = job.enqueued_at
        if enqueued is not None and timezone.is_naive(enqueued):
            enqueued = timezone.make_aware(enqueued, timezone.UTC)
        return _lag_seconds(enqueued, now)
    return None


def outbox_lag(now: datetime) -> float:
    """Seconds the oldest due, undelivered outbox message has waited past its time. A message
    backing off after a failed attempt is not due, so a dead SMS gateway shows in the
    outbox admin, not as an unready site."""
    oldest = OutboxMessage.objects.filter(status=Status.PENDING, next_attempt_at__lte=now).aggregate(
        oldest=Min("next_attempt_at")
    )["oldest"]
    return _lag_seconds(oldest, now)


def check_queue_lag() -> dict:
    now = timezone.now()
    limit = settings.GOVPORTAL_HEALTH_MAX_QUEUE_LAG
    tasks = task_queue_lag(now)
    outbox = outbox_lag(now)
    result = {"outbox_lag_seconds": round(outbox, 1), "max_lag_seconds": limit}
    if tasks is not None:
        result["task_lag_seconds"] = round(tasks, 1)
    if max(outbox, tasks or 0.0) > limit:
        raise LagError(result)
    return result


class LagError(Exception):
    def __init__(self, detail: dict):
        super().__init__("queue lag over the limit")
        self.detail = detail


def readiness_checks() -> list[tuple[str, Callable[[], dict]]]:
    checks: list[tuple[str, Callable[[], dict]]] = [("database", check_database)]
    if settings.REDIS_URL:
        checks.append(("redis", check_redis))
    checks.append(("queue", check_queue_lag))
    return checks


def readiness() -> tuple[bool, dict]:
    ready, report = True, {}
    for name, check in readiness_checks():
        started = time.perf_counter()
        try:
            detail = check()
            entry = {"status": "ok", **detail}
        except LagError as exc:
            ready = False
            entry = {"status": "lagging", **exc.detail}
        except Exception:  # noqa: BLE001 — any failure means not ready; the text goes to the log only
            logger.exception("readiness check %s failed", name)
            ready = False
            entry = {"status": "failed"}
            if name == "database":
                connection.close()  # a broken connection is not reused by the next probe
        entry["ms"] = round((time.perf_counter() - started) * 1000, 1)
        report[name] = entry
    return ready, report


def _answer(status: int, body: dict) -> HttpResponse:
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store"
    return response


class HealthMiddleware:
    """Answers /healthz and /readyz (GET or HEAD) before the rest of the stack runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if path not in (LIVENESS_PATH, READINESS_PATH):
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = _answer(405, {"status": "method not allowed"})
            response["Allow"] = "GET, HEAD"
            return response
        if path == LIVENESS_PATH:
            return _answer(200, {"status": "ok"})
        ready, checks = readiness()
        return _answer(200 if ready else 503, {"status": "ready" if ready else "not ready", "checks": checks})
