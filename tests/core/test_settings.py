"""Configuration safety: production refuses unsafe settings, and every variable is documented.

The production checks run at import time of the settings module, so each case starts a
fresh Python process with a controlled environment and sets Django up, as a server would.
"""

from __future__ import annotations

import ast
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from govportal.config import env

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_SOURCES = sorted((ROOT / "govportal").rglob("*.py"))

# Variables that only the caller's shell should decide; everything else is scrubbed so a
# developer's own exports (DATABASE_URL, DEBUG…) cannot change the outcome.
_KEEP = {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT", "VIRTUAL_ENV"}
PG_URL = "postgres://govportal@127.0.0.1:5432/govportal"


def _safe_production_env(**overrides: str | None) -> dict[str, str]:
    values: dict[str, str | None] = {
        "GOVPORTAL_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DEBUG": "0",
        "DATABASE_URL": PG_URL,
        "ALLOWED_HOSTS": "www.example.gov.cn,.example.gov.cn",
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}


def _python(*args: str, environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k in _KEEP}
    base["DJANGO_SETTINGS_MODULE"] = "govportal.config.settings"
    base["GOVPORTAL_VAR_DIR"] = os.environ.get("GOVPORTAL_VAR_DIR", str(ROOT / "var"))
    return subprocess.run(
        [sys.executable, *args],
        env={**base, **environ},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _setup(environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DEBUG, settings.DATABASES['default']['ENGINE'])"
    )
    return _python("-c", code, environ=environ)


# --- production refuses to start --------------------------------------------------------


def test_production_starts_with_a_safe_configuration():
    result = _setup(_safe_production_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "django.db.backends.postgresql"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": ""}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "too-short-to-be-a-secret"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "insecure-development-key-do-not-use-in-production-0123456789abcdef"}, "SECRET_KEY"),
        ({"DEBUG": "1"}, "DEBUG must be off"),
        ({"DEBUG": "true"}, "DEBUG must be off"),
        ({"DATABASE_URL": None}, "DATABASE_URL must point at PostgreSQL"),
        ({"DATABASE_URL": "sqlite:////tmp/govportal.sqlite3"}, "DATABASE_URL must point at PostgreSQL"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS must list"),
    ],
    ids=[
        "no-secret-key",
        "empty-secret-key",
        "short-secret-key",
        "development-secret-key",
        "debug-1",
        "debug-true",
        "sqlite-by-default",
        "sqlite-explicit",
        "no-allowed-hosts",
    ],
)
def test_production_refuses_unsafe_configuration_with_a_clear_message(overrides, message):
    result = _setup(_safe_production_env(**overrides))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "Refusing to start in production" in result.stderr
    assert message in result.stderr


def test_production_lists_every_problem_at_once():
    result = _setup(_safe_production_env(SECRET_KEY=None, DEBUG="1", DATABASE_URL=None))
    assert result.returncode != 0
    for message in ("SECRET_KEY must be set", "DEBUG must be off", "DATABASE_URL must point at PostgreSQL"):
        assert message in result.stderr


def test_production_settings_pass_the_deployment_checklist():
    result = _python("manage.py", "check", "--deploy", "--fail-level", "WARNING", environ=_safe_production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_unknown_environment_name_is_refused():
    result = _setup({"GOVPORTAL_ENV": "staging"})
    assert result.returncode != 0
    assert "GOVPORTAL_ENV must be development, production or test" in result.stderr


def test_malformed_boolean_names_the_variable():
    result = _setup({"GOVPORTAL_ENV": "development", "DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_development_defaults_are_embedded_sqlite_with_debug():
    result = _setup({"GOVPORTAL_ENV": "development"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "django.db.backends.sqlite3"]


def test_mail_goes_to_files_on_one_machine_and_to_the_configured_server_in_production(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.EMAIL_FILE_PATH, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.GOVPORTAL_SMS_BACKEND)"
    )
    dev = _python("-c", code, environ={"GOVPORTAL_ENV": "development", "GOVPORTAL_VAR_DIR": str(tmp_path)})
    assert dev.returncode == 0, dev.stderr
    assert dev.stdout.split() == [
        "django.core.mail.backends.filebased.EmailBackend",
        str(tmp_path / "mail"),
        "localhost",
        "25",
        "False",
        "govportal.core.notify.LogSmsBackend",
    ]
    configured = {"EMAIL_HOST": "smtp.example.gov.cn", "EMAIL_PORT": "587", "EMAIL_USE_TLS": "1"}
    prod = _python("-c", code, environ=_safe_production_env(**configured, SMS_BACKEND="tests.SmsGateway"))
    assert prod.returncode == 0, prod.stderr
    out = prod.stdout.split()
    assert out[0] == "django.core.mail.backends.smtp.EmailBackend"
    assert out[2:] == ["smtp.example.gov.cn", "587", "True", "tests.SmsGateway"]


# --- the env helpers --------------------------------------------------------------------


def test_env_helpers_parse_typed_values(monkeypatch, tmp_path):
    monkeypatch.setenv("GP_TEST_BOOL", " Yes ")
    monkeypatch.setenv("GP_TEST_INT", "42")
    monkeypatch.setenv("GP_TEST_LIST", "a.example, b.example,,")
    monkeypatch.setenv("GP_TEST_PATH", str(tmp_path / "x" / ".." / "y"))
    assert env.get_bool("GP_TEST_BOOL", False) is True
    assert env.get_int("GP_TEST_INT", 1) == 42
    assert env.get_list("GP_TEST_LIST", []) == ["a.example", "b.example"]
    assert env.get_path("GP_TEST_PATH", Path("/nowhere")) == tmp_path / "y"


def test_env_helpers_fall_back_to_defaults_when_unset(monkeypatch):
    for name in ("GP_TEST_BOOL", "GP_TEST_INT", "GP_TEST_LIST", "GP_TEST_STR"):
        monkeypatch.delenv(name, raising=False)
    assert env.get_bool("GP_TEST_BOOL", True) is True
    assert env.get_int("GP_TEST_INT", 7) == 7
    assert env.get_list("GP_TEST_LIST", ["x"]) == ["x"]
    assert env.get_str("GP_TEST_STR", "d") == "d"


def test_env_int_rejects_garbage_naming_the_variable(monkeypatch):
    monkeypatch.setenv("GP_TEST_INT", "twenty")
    with pytest.raises(ValueError, match="GP_TEST_INT must be an integer"):
        env.get_int("GP_TEST_INT", 1)


# --- every variable is read in one place and documented ---------------------------------


def _variables_read_in_code() -> dict[str, str]:
    """Every ``env.get_<type>("NAME", …)`` call in the package: name -> type."""
    found: dict[str, str] = {}
    for path in SETTINGS_SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr.startswith("get_")
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "env"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found[node.args[0].value] = node.func.attr.removeprefix("get_")
    return found


def _variables_in_settings_doc() -> dict[str, str]:
    """Table rows of docs/settings.md: | `NAME` | type | default | meaning | example |"""
    rows = {}
    for line in (ROOT / "docs" / "settings.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|\s*([a-z]+)\s*\|", line)
        if match:
            rows[match.group(1)] = match.group(2)
    return rows


def _variables_in_env_example() -> set[str]:
    names = set()
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^#?\s*([A-Z][A-Z0-9_]*)=", line)
        if match:
            names.add(match.group(1))
    return names


def test_every_variable_read_is_documented_in_settings_md_with_its_type():
    in_code = _variables_read_in_code()
    in_doc = _variables_in_settings_doc()
    assert in_code, "found no env.get_* calls: the scan is broken"
    assert sorted(set(in_code) - set(in_doc)) == [], "read in code but missing from docs/settings.md"
    assert sorted(set(in_doc) - set(in_code)) == [], "documented in docs/settings.md but never read"
    wrong_type = {name: (in_doc[name], kind) for name, kind in in_code.items() if in_doc[name] != kind}
    assert wrong_type == {}, "type in docs/settings.md differs from the env.get_<type> call"


def test_every_variable_read_is_listed_in_env_example():
    in_code = set(_variables_read_in_code())
    in_example = _variables_in_env_example()
    assert sorted(in_code - in_example) == [], "read in code but missing from .env.example"
    assert sorted(in_example - in_code) == [], "listed in .env.example but never read"


def test_only_the_env_module_reads_the_process_environment():
    allowed = {ROOT / "govportal" / "config" / "env.py"}
    pattern = re.compile(r"os\.environ(?!\.setdefault\(\"DJANGO_SETTINGS_MODULE\")|os\.getenv")
    offenders = [
        str(path.relative_to(ROOT))
        for path in SETTINGS_SOURCES
        if path not in allowed and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
