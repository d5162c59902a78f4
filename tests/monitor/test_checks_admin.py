"""监测状态 screens: the table of sites × indicators (state in words, colour, the countdown),
the filters and the .xlsx export, one site's findings and history — supervisors see every
site, staff their own agency's; another agency's site is a 404."""

from __future__ import annotations

from io import BytesIO

from django.contrib.auth.models import Permission
from django.urls import reverse

import pytest
import time_machine
from openpyxl import load_workbook

from govportal.core.models import Role, User
from govportal.monitor import checks
from tests.conftest import column
from tests.monitor.conftest import T0, at, publish_at


@pytest.fixture
def checked(cluster):
    """Every site checked on day 11 after the education bureau's only article: its home page
    is in alarm, three days before the veto."""
    publish_at(T0, column(cluster["homes"]["edu"], "gzdt"), "教育局动态")
    with time_machine.travel(at(11), tick=False):
        for home in cluster["homes"].values():
            checks.check_site(home)
    return cluster


def _supervisor():
    user = User.objects.create_user("jcj_supervisor", password=None)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"),
        Permission.objects.get(codename="supervise_websites", content_type__app_label="monitor"),
    )
    return user


def _get(client, user, url, when=None):
    # Signed in at the travelled time: a staff session expires after hours (core.signin).
    with time_machine.travel(when or at(11, hours=1), tick=False):
        client.force_login(user)
        return client.get(url)


def test_supervisor_sees_every_site_with_state_words_and_countdown(client, checked):
    response = _get(client, _supervisor(), reverse("monitor_state:index"))

    assert response.status_code == 200
    text = response.content.decode()
    for title in ("示例市人民政府", "示例市教育局", "青山镇", "东坪村"):
        assert title in text
    assert "预警" in text and "距否决还有 3 天" in text
    assert "不适用" in text  # the village page has no mailbox


def test_staff_see_their_own_agencys_sites_only(client, checked, make_staff):
    editor = make_staff(checked["agencies"]["edu"], Role.EDITOR)
    text = _get(client, editor, reverse("monitor_state:index")).content.decode()
    assert "示例市教育局" in text and "青山镇" not in text

    town = checked["homes"]["town"]
    assert _get(client, editor, reverse("monitor_state:site", args=[town.pk])).status_code == 404
    assert _get(client, editor, reverse("monitor_state:site", args=[checked["homes"]["edu"].pk])).status_code == 200


def test_filter_by_state_and_kind(client, checked):
    supervisor = _supervisor()
    alarms = _get(client, supervisor, reverse("monitor_state:index") + "?state=alarm").content.decode()
    villages = _get(client, supervisor, reverse("monitor_state:index") + "?kind=village").content.decode()

    assert "示例市教育局" in alarms
    assert "东坪村" in villages and "示例市教育局" not in villages


@pytest.mark.parametrize("query", ["state=nonsense", "kind=%00", "state=" + "预" * 3000])
def test_bad_filters_answer_400_in_chinese(client, checked, query):
    response = _get(client, _supervisor(), reverse("monitor_state:index") + "?" + query)
    assert response.status_code == 400
    text = response.content.decode()
    assert "筛选条件无效" in text or "空字符" in text  # a NUL: the project's middleware answers first


def test_export_is_an_xlsx_of_the_filtered_table(client, checked):
    response = _get(client, _supervisor(), reverse("monitor_state:export") + "?kind=department")

    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[1][:4] == ["网站", "网站类型", "所属单位", "网站可用性"]
    (edu,) = rows[2:]
    assert edu[0] == "示例市教育局"
    home_cell = edu[3 + 1]
    assert home_cell.startswith("预警；首页 11 天未更新") and home_cell.endswith("距否决还有 3 天")


def test_site_page_shows_findings_with_links_and_the_history(client, checked):
    edu = checked["homes"]["edu"]
    text = _get(client, _supervisor(), reverse("monitor_state:site", args=[edu.pk])).content.decode()

    assert "首页 11 天未更新" in text
    assert "教育局动态" in text and "/admin/pages/" in text
    assert "正常 → 预警" not in text  # first measured on day 11: 未检测 → 预警
    assert "未检测 → 预警" in text
    assert "立即重新检测" not in text  # supervisors watch; they do not act


def test_staff_recheck_their_site_now(client, checked, make_staff):
    edu = checked["homes"]["edu"]
    editor = make_staff(checked["agencies"]["edu"], Role.EDITOR)
    url = reverse("monitor_state:check", args=[edu.pk])
    assert _get(client, editor, url).status_code == 405
    publish_at(at(12), column(edu, "gzdt"), "新的动态")
    with time_machine.travel(at(12, hours=1), tick=False):
        client.force_login(editor)
        response = client.post(url)
        town = checked["homes"]["town"]
        other = client.post(reverse("monitor_state:check", args=[town.pk]))
    assert response.status_code == 302
    assert other.status_code == 404
    text = _get(client, editor, reverse("monitor_state:site", args=[edu.pk]), at(12, hours=2)).content.decode()
    assert "预警 → 正常" in text


def test_anyone_without_an_agency_or_the_permission_gets_404(client, checked):
    user = User.objects.create_user("nobody", password=None)
    user.user_permissions.add(Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"))
    assert _get(client, user, reverse("monitor_state:index")).status_code == 404


def test_the_state_screen_is_in_the_monitor_submenu(client, checked, make_staff):
    editor = make_staff(checked["agencies"]["edu"], Role.EDITOR)
    text = _get(client, editor, reverse("wagtailadmin_home")).content.decode()
    assert reverse("monitor_state:index") in text  # the sidebar (its labels are JSON-escaped)


def test_monitor_overview_leads_with_the_sites_in_alarm_and_links_every_screen(client, checked):
    response = _get(client, _supervisor(), reverse("monitor_dash:overview"))

    assert response.status_code == 200
    text = response.content.decode()
    assert "1 个预警" in text  # the education bureau's home page, day 11 of 14
    edu = checked["homes"]["edu"]
    assert f'href="{reverse("monitor_state:site", args=[edu.pk])}"' in text
    for name in ("monitor_state:index", "monitor_links:index", "monitor_wording:sweep", "monitor_yearly_admin:index"):
        assert f'href="{reverse(name)}"' in text
