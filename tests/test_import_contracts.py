"""The layer contract of pyproject.toml ([tool.importlinter], ADR 0012) holds, and it really
catches what it promises to: a planted import that breaks a layer fails `lint-imports`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_layers_are_kept():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.fixture
def tree(tmp_path):
    """A copy of the package's Python files, to plant violations in."""
    shutil.copytree(
        ROOT / "govportal",
        tmp_path / "govportal",
        ignore=lambda d, names: [n for n in names if not n.endswith(".py") and not (Path(d) / n).is_dir()],
    )
    return tmp_path


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        # Infrastructure reaching into the cluster or an area, even inside a function.
        ("search/planted.py", "def f():\n    from govportal.cluster import models\n", "search and prerender"),
        ("prerender/planted.py", "import govportal.disclosure.models\n", "search and prerender"),
        # One area importing another.
        ("servicehall/planted.py", "from govportal.interaction import selectors\n", "Layers"),
        # The kernel importing an app above it.
        ("core/planted.py", "from govportal.cluster import selectors\n", "core imports no other"),
        # Anything importing the demo.
        ("cluster/planted.py", "from govportal.demo import registry\n", "Layers"),
    ],
)
def test_a_planted_violation_fails_the_check(tree, module, line, contract):
    (tree / "govportal" / module).write_text(line)
    result = _lint(tree)
    assert result.returncode != 0
    broken = [ln for ln in result.stdout.splitlines() if "BROKEN" in ln or contract in ln]
    assert any(contract in ln for ln in broken), result.stdout
    assert "planted" in result.stdout


def test_an_app_not_placed_in_the_layers_fails_the_check(tree):
    """A new area must be named in the contract (exhaustive layers)."""
    # (interviews, participation … are placed now: the skeleton added them to the contracts)
    (tree / "govportal" / "notplaced").mkdir()
    (tree / "govportal" / "notplaced" / "__init__.py").write_text("")
    result = _lint(tree)
    assert result.returncode != 0
    assert "govportal.notplaced" in result.stdout
