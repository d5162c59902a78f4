"""The WSGI entry point: what each web worker does once at start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_worker_freezes_the_loaded_application_out_of_full_gc_passes():
    """Objects loaded with the app are moved to the permanent generation: a full collection
    walks only what requests created since."""
    code = "import gc, govportal.config.wsgi; print(gc.get_freeze_count())"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "govportal.config.settings"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert int(out.stdout.split()[-1]) > 100_000
