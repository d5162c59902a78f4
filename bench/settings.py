"""Bench settings: the project's settings plus the bench app and its create endpoint.

Only `bin/bench` uses these. The database, Redis and task queue come from the environment
exactly as for the project (bin/bench points them at a fresh PostgreSQL database and a Redis
key prefix of its own).
"""

from govportal.config.settings import *  # noqa: F403
from govportal.config.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench.apps.BenchConfig"]
ROOT_URLCONF = "bench.urls"
DEBUG = False  # measure the production code path (no query log, no debug pages)

# The lookup runs the real rate limiter (its counters are read on every request), but the
# bench's wrong-code sample would hit the per-client ceiling (10 failures / 15 min) at once:
# every bench request comes from 127.0.0.1. Raise the ceilings so nothing is throttled.
GOVPORTAL_CASE_LOOKUP_MAX_FAILURES_PER_CLIENT = 10**9
GOVPORTAL_CASE_LOOKUP_MAX_FAILURES_PER_CASE = 10**9
