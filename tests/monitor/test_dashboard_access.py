"""Who sees the 监管 dashboards: the information office and supervisors
(``monitor.supervise_websites``, read-only); staff of an agency and anyone else get 404 on
every screen and export; the goals' own screens are the information office's alone."""

from __future__ import annotations

from django.urls import reverse

import pytest

from govportal.core.models import AgencyKind, Role

pytestmark = pytest.mark.django_db

SCREENS = [
    "monitor_dash:overview",
    "monitor_dash:goals",
    "monitor_dash:goals_export",
    "monitor_dash:licensing",
    "monitor_dash:licensing_export",
    "monitor_dash:replies",
    "monitor_dash:replies_export",
]


@pytest.fixture
def staff(make_agency, make_staff):
    agency = make_agency(AgencyKind.DEPARTMENT, name="示例市教育局", short_name="教育局", code="D0001")
    return {role: make_staff(agency, role, username=f"edu_{role}") for role in (Role.EDITOR, Role.LEADER)}


def _menu_labels(user) -> set[str]:
    from django.test import RequestFactory

    from govportal.monitor.wagtail_hooks import monitor_menu

    request = RequestFactory().get("/admin/")
    request.user = user
    return {str(item.label) for item in monitor_menu.menu_items_for_request(request)}


def test_staff_of_an_agency_get_404_everywhere(staff, client):
    for user in staff.values():
        assert not {"监管总览", "建设目标", "建设目标设置"} & _menu_labels(user)
        client.force_login(user)
        for name in SCREENS:
            assert client.get(reverse(name)).status_code == 404, (user.username, name)
        assert client.get(reverse("monitor_goals:index")).status_code in (302, 403, 404)


def test_anonymous_is_sent_to_sign_in(client):
    for name in SCREENS:
        r = client.get(reverse(name))
        assert r.status_code == 302 and "/login/" in r["Location"], name


def test_supervisor_reads_every_dashboard_and_may_not_edit_goals(supervisor, client):
    client.force_login(supervisor)
    for name in SCREENS:
        assert client.get(reverse(name)).status_code == 200, name
    page = client.get(reverse("monitor_dash:overview")).content.decode()
    for label in ("建设目标", "网上可办率", "互动回复时间"):
        assert label in page
    # The 网站监管 menu shows the dashboards, not the goals' settings.
    labels = _menu_labels(supervisor)
    assert {"监管总览", "建设目标", "网上可办率", "互动回复时间"} <= labels and "建设目标设置" not in labels
    for url in (reverse("monitor_goals:index"), reverse("monitor_goals:add")):
        assert client.get(url).status_code in (302, 403, 404)


def test_information_office_sees_dashboards_and_goal_settings(office, client):
    client.force_login(office)
    for name in SCREENS:
        assert client.get(reverse(name)).status_code == 200, name
    assert client.get(reverse("monitor_goals:index")).status_code == 200
    assert "设置建设目标" in client.get(reverse("monitor_dash:goals")).content.decode()
    assert "建设目标设置" in _menu_labels(office)
