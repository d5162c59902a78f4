"""Browser tests: Debian's Chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
# the ORM calls the fixtures make from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # *.localhost normally resolves to loopback in Chromium; this makes it certain.
    "--host-resolver-rules=MAP *.localhost 127.0.0.1",
]


@pytest.fixture(scope="session")
def chromium_browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is required: apt-get install -y chromium fonts-noto-cjk")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _close_tabs_after_each_test(request):
    """Every tab a test opened closes when it ends. The browser and the live server live for
    the whole session: a tab left open on a live interview page polls every second, and its
    requests reached the live server during later tests (Python 3.11 printing their tracebacks
    in that thread broke a concurrent ast.parse in a settings test)."""
    yield
    if "chromium_browser" in request.fixturenames:
        for context in list(request.getfixturevalue("chromium_browser").contexts):
            context.close()


@pytest.fixture
def artifacts_dir():
    from django.conf import settings

    path = settings.BASE_DIR / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path
