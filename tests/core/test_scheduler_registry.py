"""Every periodic job is registered in a fresh process, as a scheduler-only worker
(`run_worker --no-queue`, or any worker with TASKS_QUEUE=redis) starts: a job whose module is
imported only when a task runs would never fire there (the outbox retry sweep did not)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def test_a_fresh_process_registers_every_periodic_job_in_the_code():
    declared = set()
    for path in (ROOT / "govportal").rglob("*.py"):
        declared |= set(re.findall(r'@periodic\(\s*"([^"]+)"', path.read_text()))
    assert {"outbox_retry", "case_deadline_sweep"} <= declared
    code = (
        "import django; django.setup()\n"
        "from govportal.core import scheduler\n"
        "print(' '.join(sorted(j.name for j in scheduler.registered_jobs())))\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "govportal.config.settings"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert set(out.stdout.split()) == declared
