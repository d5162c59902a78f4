"""bin/supervise: a program that dies is started again and what its group left behind is
killed; SIGINT stops every program and their children."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def _children(pid: int) -> dict[int, str]:
    out = subprocess.run(["ps", "--ppid", str(pid), "-o", "pid=,args="], capture_output=True, text=True).stdout
    return {int(p): a for p, _, a in (line.strip().partition(" ") for line in out.splitlines() if line.strip())}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = Path(f"/proc/{pid}/stat").read_text().split()[2] if Path(f"/proc/{pid}/stat").exists() else "X"
    return state != "Z"


def _wait(predicate, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_a_killed_program_is_restarted_and_its_orphans_killed_then_sigint_stops_all(tmp_path):
    marker = tmp_path / "grandchild.pid"
    # "master" leaves a child of its own behind when killed, as nginx's or gunicorn's master would.
    master = f"sh -c 'sleep 300 & echo $! > {marker}; wait'"
    proc = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "bin" / "supervise"),
            "--program",
            "master",
            master,
            "--program",
            "other",
            "sleep 300",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        assert _wait(lambda: len(_children(proc.pid)) == 2 and marker.exists() and marker.read_text().strip())
        first = next(p for p, a in _children(proc.pid).items() if a.startswith("sh -c"))
        other = next(p for p, a in _children(proc.pid).items() if a.startswith("sleep"))
        orphan = int(marker.read_text())
        marker.unlink()
        os.kill(first, signal.SIGKILL)
        assert _wait(lambda: not _alive(orphan)), "the killed program's child still runs"
        assert _wait(lambda: any(a.startswith("sh -c") and p != first for p, a in _children(proc.pid).items()))
        assert _alive(other)  # the other program was left alone
        assert _wait(lambda: marker.exists() and marker.read_text().strip())
        second_orphan = int(marker.read_text())
        os.kill(proc.pid, signal.SIGINT)
        output = proc.communicate(timeout=30)[0].decode()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 0
    assert not _alive(other) and not _alive(second_orphan)
    assert f"master (pid {first}) killed by SIGKILL" in output
    assert "master restarted" in output and "stopped" in output
