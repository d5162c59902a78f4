"""Run the background worker: the scheduler loop, plus the task queue when it is a table.

`make run` starts one of these beside the web server; production runs as many as needed.
What it runs depends on ``TASKS_QUEUE`` (ADR 0002):

- ``database``: the scheduler and django-tasks-db's ``db_worker`` (the embedded default);
- ``redis``: the scheduler only. The queue lives in Redis and is worked by RQ workers,
  ``manage.py rqworker default --job-class django_tasks_rq.Job``, on any number of machines;
  a database worker here would only poll an empty table.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from govportal.core import scheduler

RQ_WORKER_COMMAND = "manage.py rqworker default --job-class django_tasks_rq.Job"


@dataclass(frozen=True)
class WorkerPlan:
    scheduler: bool
    queue_command: str | None  # management command that works the queue in this process
    notice: str = ""  # shown on start when this process does not work the queue


def worker_plan(tasks_queue: str, *, scheduler: bool = True, queue: bool = True) -> WorkerPlan:
    """What one `run_worker` process runs for this ``TASKS_QUEUE`` and these options."""
    if tasks_queue == "database":
        plan = WorkerPlan(scheduler=scheduler, queue_command="db_worker" if queue else None)
    elif tasks_queue == "redis":
        plan = WorkerPlan(
            scheduler=scheduler,
            queue_command=None,
            notice=f"任务队列在 Redis（TASKS_QUEUE=redis）：本进程只运行定时任务调度；请另行运行 {RQ_WORKER_COMMAND}",
        )
    else:
        raise CommandError(f"未知的 TASKS_QUEUE：{tasks_queue}")
    if not plan.scheduler and plan.queue_command is None:
        raise CommandError("没有可运行的内容：--no-scheduler 与 --no-queue（或 TASKS_QUEUE=redis）不能同时使用")
    return plan


class Command(BaseCommand):
    help = "运行后台任务进程（定时任务调度 + 任务队列）"

    def add_arguments(self, parser):
        parser.add_argument("--no-scheduler", action="store_true", help="只处理队列，不调度定时任务")
        parser.add_argument("--no-queue", action="store_true", help="只调度定时任务，不处理队列")
        parser.add_argument("--interval", type=float, default=5.0, help="调度检查间隔（秒）")

    def handle(self, *args, **options):
        plan = worker_plan(
            getattr(settings, "TASKS_QUEUE", "database"),
            scheduler=not options["no_scheduler"],
            queue=not options["no_queue"],
        )
        if plan.notice:
            self.stdout.write(plan.notice)
        if plan.queue_command is None:
            self._schedule(options["interval"])
            return
        if plan.scheduler:
            thread = threading.Thread(target=self._schedule, args=(options["interval"],), daemon=True)
            thread.start()
        call_command(plan.queue_command, interval=1, verbosity=options["verbosity"])

    def _schedule(self, interval: float) -> None:
        while True:
            try:
                scheduler.tick()
            except Exception:  # noqa: BLE001 — the scheduler must survive a failed tick
                self.stderr.write("scheduler tick failed; retrying")
            finally:
                close_old_connections()
            time.sleep(interval)
