"""Case-kernel test isolation: lookup rate-limit counters live in the cache, which is Redis
in the CI stage on PostgreSQL and outlives a test; the working-day calendar is cached per
process and must not keep a day added by a rolled-back test. Reset both around every test."""

from __future__ import annotations

from django.core.cache import cache

import pytest

from govportal.core import calendar


def _clear_lookup_counters() -> None:
    if hasattr(cache, "delete_pattern"):  # django-redis
        cache.delete_pattern("caselookup:*")
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _case_lookup_counters():
    _clear_lookup_counters()
    calendar.invalidate()
    yield
    _clear_lookup_counters()
    calendar.invalidate()
