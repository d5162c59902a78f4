"""Fixtures of 便民服务 (旅游文化 and the directory)."""

from __future__ import annotations

from django.utils import timezone

import pytest

from tests.convenience.world import build


@pytest.fixture(autouse=True)
def _counters():
    from django.core.cache import cache

    if hasattr(cache, "delete_pattern"):  # django-redis
        cache.delete_pattern("abuse:*")
    else:
        cache.clear()


@pytest.fixture
def world(cluster):
    return build(cluster, today=timezone.localdate())


@pytest.fixture
def directory(cluster):
    """The same without 旅游文化's pages (the directory's own tests: cheaper)."""
    return build(cluster, today=timezone.localdate(), tourism=False)
