"""Prerender fixtures: files under a temporary PRERENDER_DIR, and a record of every purge."""

from __future__ import annotations

import pytest

from govportal.prerender import store


@pytest.fixture
def prerender_dir(settings, tmp_path):
    settings.PRERENDER_DIR = str(tmp_path / "prerender")
    return tmp_path / "prerender"


@pytest.fixture
def purged(prerender_dir, monkeypatch):
    """Entries purged, as (host, path, name) tuples, collected per commit."""
    seen: list[set] = []
    real = store.purge

    def spy(entries):
        entries = list(entries)
        seen.append({(e.host, e.path, e.name) for e in entries})
        return real(entries)

    monkeypatch.setattr(store, "purge", spy)
    return seen


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a block's commit hooks, as the end of a real request's transaction does."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run
