"""Fixtures of the 监管 self-check tests: times relative to a fixed start in the future of the
cluster's build (so nothing the build published is newer), and a helper publishing an
article at a given time through the real page publishing."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.conftest import publish_article

T0 = datetime(2031, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def at(days: float = 0, **delta) -> datetime:
    return T0 + timedelta(days=days, **delta)


def publish_at(when: datetime, column, title: str = "工作动态"):
    with time_machine.travel(when, tick=False):
        return publish_article(column, title)


@pytest.fixture(autouse=True)
def _office_addresses(settings):
    settings.GOVPORTAL_MONITOR_OFFICE_EMAILS = ["xxb@example.gov.cn"]
    settings.GOVPORTAL_MONITOR_PROBE_BASE_URL = ""
