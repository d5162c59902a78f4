"""Fixtures of the 监管 dashboards: the information office, a supervisor (the 监察/督查
bureau, ``monitor.supervise_websites``) and staff of an agency."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

import pytest

from govportal.core.models import User


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
