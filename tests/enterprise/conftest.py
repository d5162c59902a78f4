"""Fixtures of 企业风采 and 招商引资: the small cluster plus the investment bureau (the agency
the setting names) with its staff, and a picture."""

from __future__ import annotations

import pytest

from govportal.core.models import Agency, AgencyKind, Role

BUREAU_CODE = "SLS-SWU"  # settings.GOVPORTAL_INVESTMENT_BUREAU_CODE's default
VALID_CODE = "91350100M000100Y43"  # a unified social credit code with a correct check character
OTHER_CODE = "91110000600037341L"


@pytest.fixture(autouse=True)
def _isolation():
    from django.core.cache import cache

    from govportal.core import calendar

    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("abuse:*")
    else:
        cache.clear()
    calendar.invalidate()
    yield
    calendar.invalidate()


def staff(agency, role, username):
    from govportal.cluster.permissions import agency_groups
    from govportal.core.models import User

    user = User(username=username, agency=agency, last_name=agency.short_name, first_name=str(Role(role).label))
    user.set_unusable_password()
    user.save()
    user.groups.add(agency_groups(agency)[role])
    return user


@pytest.fixture
def world(cluster):
    bureau = Agency.objects.filter(code=BUREAU_CODE).first() or Agency.objects.create(
        code=BUREAU_CODE,
        name="示例市商务局",
        short_name="商务局",
        kind=AgencyKind.DEPARTMENT,
        email="swu@example.gov.cn",
    )
    city, edu = cluster["agencies"]["city"], cluster["agencies"]["edu"]
    return {
        **cluster,
        "bureau": bureau,
        "clerk": staff(bureau, Role.EDITOR, "swu_editor"),
        "edu_editor": staff(edu, Role.EDITOR, "jyj_editor_q"),
        "city_editor": staff(city, Role.EDITOR, "city_editor_q"),
        "city_reviewer": staff(city, Role.REVIEWER, "city_reviewer_q"),
    }


def picture(title="形象图片", collection=None):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    return get_image_model().objects.create(title=title, file=get_test_image_file())
