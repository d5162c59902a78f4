"""Run the background worker: the scheduler loop plus the django-tasks database worker.

`make run` starts one of these beside the web server; production runs as many as needed.
"""

from __future__ import annotations

import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from govportal.core import scheduler


class Command(BaseCommand):
    help = "运行后台任务进程（定时任务调度 + 任务队列）"

    def add_arguments(self, parser):
        parser.add_argument("--no-scheduler", action="store_true", help="只处理队列，不调度定时任务")
        parser.add_argument("--interval", type=float, default=5.0, help="调度检查间隔（秒）")

    def handle(self, *args, **options):
        if not options["no_scheduler"]:
            thread = threading.Thread(target=self._schedule, args=(options["interval"],), daemon=True)
            thread.start()
        call_command("db_worker", interval=1, verbosity=options["verbosity"])

    def _schedule(self, interval: float) -> None:
        while True:
            try:
                scheduler.tick()
            except Exception:  # noqa: BLE001 — the scheduler must survive a failed tick
                self.stderr.write("scheduler tick failed; retrying")
            finally:
                close_old_connections()
            time.sleep(interval)
