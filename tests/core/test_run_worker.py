"""`manage.py run_worker` runs what TASKS_QUEUE needs (ADR 0002): the scheduler plus the
database worker on the database queue, the scheduler only when RQ workers own the queue.

The loops never end, so the command's scheduler loop and `call_command` are replaced by
recorders; the choice itself is `worker_plan`."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError

import pytest

from govportal.core.management.commands import run_worker
from govportal.core.management.commands.run_worker import worker_plan


@pytest.fixture
def started(monkeypatch):
    """Record what the command starts instead of starting it."""
    calls: list[str] = []
    monkeypatch.setattr(run_worker.Command, "_schedule", lambda self, interval: calls.append("scheduler"))
    monkeypatch.setattr(run_worker, "call_command", lambda name, **kwargs: calls.append(name))

    class _InlineThread:
        def __init__(self, target, args=(), daemon=None):
            self._run = lambda: target(*args)

        def start(self):
            self._run()

    monkeypatch.setattr(run_worker.threading, "Thread", _InlineThread)
    return calls


def test_database_queue_runs_scheduler_and_database_worker(settings, started):
    settings.TASKS_QUEUE = "database"
    out = StringIO()
    call_command("run_worker", stdout=out)
    assert started == ["scheduler", "db_worker"]
    assert out.getvalue() == ""


def test_redis_queue_runs_only_the_scheduler_and_names_the_rq_worker_command(settings, started):
    settings.TASKS_QUEUE = "redis"
    out = StringIO()
    call_command("run_worker", stdout=out)
    assert started == ["scheduler"]
    assert "manage.py rqworker default --job-class django_tasks_rq.Job" in out.getvalue()


def test_no_scheduler_on_database_queue_runs_only_the_worker(settings, started):
    settings.TASKS_QUEUE = "database"
    call_command("run_worker", "--no-scheduler")
    assert started == ["db_worker"]


def test_no_queue_on_database_queue_runs_only_the_scheduler(settings, started):
    settings.TASKS_QUEUE = "database"
    call_command("run_worker", "--no-queue")
    assert started == ["scheduler"]


def test_nothing_to_run_is_refused(settings, started):
    settings.TASKS_QUEUE = "redis"
    with pytest.raises(CommandError):
        call_command("run_worker", "--no-scheduler")
    assert started == []


@pytest.mark.parametrize(
    ("queue", "scheduler", "work_queue", "expected"),
    [
        ("database", True, True, (True, "db_worker")),
        ("database", False, True, (False, "db_worker")),
        ("database", True, False, (True, None)),
        ("redis", True, True, (True, None)),
        ("redis", True, False, (True, None)),
    ],
)
def test_worker_plan_table(queue, scheduler, work_queue, expected):
    plan = worker_plan(queue, scheduler=scheduler, queue=work_queue)
    assert (plan.scheduler, plan.queue_command) == expected


@pytest.mark.parametrize(("queue", "scheduler", "work_queue"), [("database", False, False), ("redis", False, True)])
def test_worker_plan_refuses_an_empty_process(queue, scheduler, work_queue):
    with pytest.raises(CommandError):
        worker_plan(queue, scheduler=scheduler, queue=work_queue)


def test_worker_plan_refuses_an_unknown_queue():
    with pytest.raises(CommandError):
        worker_plan("celery")
