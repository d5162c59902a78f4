"""Architecture rules that CI checks on the source, not on behaviour.

**No access rule outside an ``access.py``.** Who may see or do what is decided in
``govportal/core/access.py`` and each area's ``access.py`` (issue 17): a superuser check, a
staff flag, a Django permission test or a comparison with a user's agency anywhere else is a
second copy of a rule, and copies drift apart. This test reads every ``govportal/**.py``
and fails on such a line outside ``access.py`` files, unless the line is in `ALLOWED` with
the reason it is not a rule.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "govportal"

# What a rule looks like.
FORBIDDEN = {
    "superuser check": re.compile(r"\bis_superuser\b"),
    "staff flag": re.compile(r"\.is_staff\b"),
    "permission test": re.compile(r"\bhas_perm\s*\(|\bhas_perms\s*\("),
    "a user's agency": re.compile(r"\b(?:user|actor|viewer|for_user|request\.user)\.agency(?:_id)?\b"),
    "agency comparison": re.compile(r"agency_id\s*[!=]=|[!=]=\s*[\w.]*agency_id\b"),
}

# Files where none of it is a rule: (pattern on the path relative to the repository, reason).
ALLOWED_FILES = [
    (re.compile(r"^govportal/\w+/migrations/"), "migrations define the fields and permissions the rules use"),
    (re.compile(r"^govportal/demo/"), "the demo data loader creates the demo superuser and staff accounts"),
]

# Single lines that match a pattern but decide nothing about a user: (the path's end, text in
# the line, reason). By the path's end so that a module moved to another package keeps its entry.
ALLOWED = [
    (
        "management/commands/demo_logins.py",
        "user.agency.name if user.agency",
        "prints each demo account's agency name (display only; the superuser test is in core/access.py)",
    ),
    (
        "interaction/actions.py",
        "a.pk != letter.handling_agency_id",
        "the handling agency is not asked to countersign its own letter (data, not a user)",
    ),
    (
        "servicehall/actions.py",
        "co.agency_id != item.agency_id",
        "a co-department other than the lead agency gets its own task (data, not a user)",
    ),
    (
        "cluster/actions.py",
        "parent_home.agency_id != agency.pk",
        "a sub-site under another agency's home changes that agency's permission roots (data, not a user)",
    ),
]


def _allowed_file(rel: str) -> bool:
    return any(pattern.search(rel) for pattern, _ in ALLOWED_FILES)


def violations(root: Path = PACKAGE, base: Path = ROOT) -> list[str]:
    """Every line of ``root/**.py`` outside access.py files that looks like an access rule."""
    found = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(base).as_posix()
        if path.name == "access.py" or _allowed_file(rel):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            for what, pattern in FORBIDDEN.items():
                if not pattern.search(code):
                    continue
                if any(rel.endswith(p) and text in line for p, text, _ in ALLOWED):
                    continue
                found.append(f"{rel}:{number}: {what}: {line.strip()}")
    return found


def test_no_access_rule_outside_access_modules():
    found = violations()
    assert not found, "Access rules belong in an access.py (core/access.py or <area>/access.py):\n" + "\n".join(found)


def test_every_allowed_line_still_exists():
    """An allow-list entry whose line is gone must go too (it would hide a new rule there)."""
    sources = {p.relative_to(ROOT).as_posix(): p for p in PACKAGE.rglob("*.py")}
    for end, text, _ in ALLOWED:
        files = [p for rel, p in sources.items() if rel.endswith(end) and not _allowed_file(rel)]
        if not files:
            continue  # moved under an allowed package (demo/): the file rule covers it
        assert any(text in p.read_text(encoding="utf-8") for p in files), f"{end}: no line with {text!r} any more"


@pytest.mark.parametrize(
    "line",
    [
        "    if request.user.is_superuser:",
        "    return user.is_staff or False",
        "    if actor.has_perm('servicehall.supervise_servicehall'):",
        "    qs = qs.filter(agency_id=request.user.agency_id)",
        "    if letter.handling_agency_id == user_agency:",
        "    mine = obj.agency_id != current",
    ],
)
def test_a_planted_rule_in_a_new_area_is_caught(tmp_path, line):
    area = tmp_path / "govportal" / "newarea"
    area.mkdir(parents=True)
    (area / "selectors.py").write_text(f"def visible(user, qs, letter, obj, current, user_agency):\n{line}\n")
    (area / "access.py").write_text(f"def rule(user, qs, letter, obj, current, user_agency):\n{line}\n")
    found = violations(tmp_path / "govportal", tmp_path)
    assert len(found) == 1 and found[0].startswith("govportal/newarea/selectors.py:2:"), found


def test_a_comment_is_not_a_rule(tmp_path):
    area = tmp_path / "govportal" / "newarea"
    area.mkdir(parents=True)
    (area / "views.py").write_text("x = 1  # the information office (is_superuser) sees all\n")
    assert violations(tmp_path / "govportal", tmp_path) == []
