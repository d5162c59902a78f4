"""The systemd units under deploy/systemd/ run what `make serve` runs, restart always, and are
valid units (systemd-analyze verify, where systemd is installed)."""

from __future__ import annotations

import configparser
import re
import shlex
import shutil
import subprocess
from pathlib import Path

from django.core.management import get_commands

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
UNITS = ROOT / "deploy" / "systemd"
SERVICES = ["govportal-web.service", "govportal-worker.service", "govportal-scheduler.service"]


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(UNITS / name)
    return parser


def _exec_start(unit: configparser.ConfigParser) -> list[str]:
    words = shlex.split(unit["Service"]["ExecStart"].replace("\\\n", " "))
    if words[:2] == ["/bin/sh", "-c"]:
        words = shlex.split(words[2])
    return words[1:] if words[0] == "exec" else words


@pytest.mark.parametrize("name", SERVICES)
def test_every_service_restarts_always_and_never_gives_up(name):
    unit = _unit(name)
    assert unit["Service"]["Restart"] == "always"
    assert unit["Unit"]["StartLimitIntervalSec"] == "0"
    assert unit["Service"]["EnvironmentFile"] == "/etc/govportal/env"
    assert unit["Unit"]["PartOf"] == "govportal.target"
    assert name in _unit("govportal.target")["Unit"]["Wants"].split()
    assert _unit("nginx.service.d/restart.conf")["Service"]["Restart"] == "always"


def test_worker_and_scheduler_run_the_commands_make_serve_runs():
    serve = (ROOT / "bin" / "serve").read_text()
    for name, flag in (("govportal-worker.service", "--no-scheduler"), ("govportal-scheduler.service", "--no-queue")):
        argv = _exec_start(_unit(name))
        assert argv[1:4] == ["manage.py", "run_worker", flag]
        assert "run_worker" in get_commands()
        assert f"manage.py run_worker {flag}" in serve


def test_web_unit_runs_gunicorn_with_the_options_of_make_serve():
    argv = _exec_start(_unit("govportal-web.service"))
    assert argv[0].endswith("/gunicorn") and argv[1] == "govportal.config.wsgi:application"
    serve = (ROOT / "bin" / "serve").read_text()
    serve_cmd = re.search(r'GUNICORN="([^"]+)"', serve).group(1).replace("\\\n", " ")
    serve_flags = {w for w in shlex.split(serve_cmd) if w.startswith("--")}
    assert {w for w in argv if w.startswith("--")} == serve_flags


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd is not installed here")
@pytest.mark.parametrize("name", SERVICES)
def test_units_verify(name):
    result = subprocess.run(
        ["systemd-analyze", "verify", str(UNITS / name)], capture_output=True, text=True, timeout=60
    )
    # The code lives under /srv/govportal/app on a server, not on this machine.
    problems = [
        line
        for line in result.stderr.splitlines()
        if line.strip() and "/srv/govportal/app/.venv/bin/python is not executable" not in line
    ]
    assert problems == []
