"""The one scoped policy (`core/access.py`) that every area's access module builds on, and
the kernel's own screens that use it (the agency registry, cases and the outbox, the
sign-in log): who may see which rows and do what."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, Permission

import pytest

from govportal.core import access
from govportal.core.access import ScopedPolicy
from govportal.core.cases.models import Case
from govportal.core.models import Agency, AgencyKind, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_agency):
    a = make_agency(AgencyKind.DEPARTMENT, code="D0001")
    b = make_agency(AgencyKind.DEPARTMENT, code="D0002")
    return {
        "office": User.objects.create(username="xxb", is_superuser=True, is_staff=True),
        "a": User.objects.create(username="clerk_a", agency=a),
        "b": User.objects.create(username="clerk_b", agency=b),
        "none": User.objects.create(username="unattached"),
        "inactive": User.objects.create(username="gone", agency=a, is_active=False, is_superuser=True),
        "anonymous": AnonymousUser(),
    }


# An agency-scoped policy over a model with an agency (users themselves serve as the rows).
# role → (may use the screens, may change clerk_a's row, rows seen)
SCOPED = {
    "office": (True, True, {"xxb", "clerk_a", "clerk_b", "unattached", "gone"}),
    "a": (True, True, {"clerk_a", "gone"}),
    "b": (True, False, {"clerk_b"}),
    "none": (False, False, set()),
    "inactive": (False, False, set()),
    "anonymous": (False, False, set()),
}


@pytest.mark.parametrize("role", list(SCOPED))
def test_scoped_policy_gives_own_agency_rows(people, role):
    policy = ScopedPolicy(User, agency_path="agency_id")
    may_use, may_change_a, rows = SCOPED[role]
    user = people[role]
    assert policy.user_has_permission(user, "change") is may_use
    assert policy.user_has_permission_for_instance(user, "change", people["a"]) is may_change_a
    assert {u.username for u in policy.instances_user_has_permission_for(user, "change")} == rows


@pytest.mark.parametrize("role", list(SCOPED))
def test_information_office_only_policy(people, role):
    policy = access.information_office_only(Agency)
    expected = role == "office"
    assert policy.user_has_permission(people[role], "add") is expected
    assert policy.instances_user_has_permission_for(people[role], "change").exists() is expected


def test_read_only_policy_shows_to_permission_holders_and_lets_nobody_write(people):
    policy = access.read_only(Case)
    people["a"].user_permissions.add(Permission.objects.get(codename="view_case"))
    clerk = User.objects.get(pk=people["a"].pk)  # fresh permission cache
    for user, sees in ((people["office"], True), (clerk, True), (people["b"], False)):
        assert policy.user_has_permission(user, "view") is sees
        for action in ("add", "change", "delete"):
            assert policy.user_has_permission(user, action) is False


@pytest.mark.parametrize(
    ("role", "status"),
    [("office", 200), ("a", 404), ("b", 404)],
)
def test_agency_registry_is_the_information_offices(client, people, role, status):
    from govportal.cluster.permissions import agency_groups
    from govportal.core.models import AgencyGroup  # noqa: F401 (the groups give access_admin)

    user = people[role]
    if user.agency_id:
        user.groups.add(agency_groups(user.agency)["editor"])
    client.force_login(user)
    agency = Agency.objects.get(code="D0001")
    response = client.get(f"/admin/agencies/edit/{agency.pk}/")
    assert response.status_code in ((status,) if status == 200 else (302, 403, 404))


def test_signin_log_is_the_information_offices(client, people):
    from govportal.cluster.permissions import agency_groups

    people["a"].groups.add(agency_groups(people["a"].agency)["editor"])
    client.force_login(people["a"])
    assert client.get("/admin/signin-log/").status_code in (302, 403)  # Wagtail turns a refusal into a redirect
    client.force_login(people["office"])
    assert client.get("/admin/signin-log/").status_code == 200
