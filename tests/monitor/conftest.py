"""Fixtures of the 监管 tests.

- The self-check: times relative to a fixed start in the future of the cluster's build (so
  nothing the build published is newer), and a helper publishing an article at a given time
  through the real page publishing.
- The dashboards: the information office, a supervisor (the 监察/督查 bureau,
  ``monitor.supervise_websites``) and staff of an agency.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group, Permission

import pytest
import time_machine

from govportal.core.models import User
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


@pytest.fixture
def supervisor(db):
    group = Group.objects.create(name="网站监管督查")
    group.permissions.add(
        Permission.objects.get(codename="supervise_websites"), Permission.objects.get(codename="access_admin")
    )
    user = User.objects.create(username="jianguan_duban", password="!", last_name="督查局", first_name="督查")
    user.groups.add(group)
    return user


@pytest.fixture
def office(db):
    return User.objects.create(username="xinxiban", password="!", is_superuser=True, is_staff=True)
