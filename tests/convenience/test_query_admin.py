"""公共查询 in the admin: an agency configures and loads only its own query systems (another
agency's is a 404 on every screen), and a configuration that breaks the privacy rules is
refused with the reason."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from govportal.cluster.permissions import agency_groups
from govportal.convenience.models import QueryField, QuerySystem
from govportal.core.models import AgencyKind, Role, User
from tests.convenience.query_helpers import WATER_HEADER, WATER_ROWS, table, water_system

pytestmark = pytest.mark.django_db


def _staff(agency, username):
    user = User(username=username, agency=agency, last_name=agency.short_name, first_name="信息员")
    user.set_unusable_password()
    user.save()
    user.groups.add(agency_groups(agency)[Role.EDITOR])
    return user


@pytest.fixture
def world(make_agency):
    water = make_agency(AgencyKind.DEPARTMENT, name="示例市住房和城乡建设局", short_name="住建局")
    police = make_agency(AgencyKind.DEPARTMENT, name="示例市公安局", short_name="公安局")
    return {
        "mine": water_system(water, slug="shuifei"),
        "theirs": water_system(police, slug="weifa", published=False),
        "clerk": _staff(water, "zjj_editor"),
        "agency": water,
    }


def test_an_agency_sees_and_opens_only_its_own_query_systems(client, world):
    client.force_login(world["clerk"])
    mine, theirs = world["mine"], world["theirs"]
    listing = client.get("/admin/query_systems/").content.decode()
    assert f"/admin/query_systems/edit/{mine.pk}/" in listing and f"/edit/{theirs.pk}/" not in listing
    assert client.get(f"/admin/query_systems/edit/{mine.pk}/").status_code == 200
    for url in (
        f"/admin/query_systems/edit/{theirs.pk}/",
        f"/admin/query_systems/delete/{theirs.pk}/",
        f"/admin/query_systems/history/{theirs.pk}/",
        f"/admin/query-data/{theirs.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    data_list = client.get("/admin/query-data/").content.decode()
    assert f"/admin/query-data/{mine.pk}/" in data_list and f"/admin/query-data/{theirs.pk}/" not in data_list
    upload = SimpleUploadedFile("b.csv", table(WATER_HEADER, WATER_ROWS))
    assert client.post(f"/admin/query-data/{theirs.pk}/", {"file": upload}).status_code == 404
    assert not theirs.records.exists()


def test_a_clerk_uploads_a_table_and_sees_row_errors_in_chinese_with_the_old_data_kept(client, world):
    client.force_login(world["clerk"])
    url = f"/admin/query-data/{world['mine'].pk}/"
    ok = client.post(url, {"file": SimpleUploadedFile("bills.csv", table(WATER_HEADER, WATER_ROWS))})
    assert ok.status_code == 302 and world["mine"].records.count() == 3
    bad_rows = [["", "王", "王建国", "", "2026-12", "1.00"]]
    bad = client.post(url, {"file": SimpleUploadedFile("bad.csv", table(WATER_HEADER, bad_rows))})
    html = bad.content.decode()
    assert bad.status_code == 400 and "第 2 行：“户号”为空" in html and "原有数据未改变" in html
    assert world["mine"].records.count() == 3
    assert client.post(url, {}).status_code == 400  # no file: a message, not a 500
    page = client.get(url).content.decode()
    assert "查询日志" in page and "bills.csv" in page


def _form(agency, *, asked, personal=True):
    data = {
        "name": "燃气费查询",
        "slug": "ranqifei",
        "agency": agency.pk,
        "provider": "示例市燃气有限公司",
        "source": "upload",
        "connector_timeout": 5,
        "sort_order": 100,
        "fields-TOTAL_FORMS": len(asked),
        "fields-INITIAL_FORMS": 0,
        "fields-MIN_NUM_FORMS": 0,
        "fields-MAX_NUM_FORMS": 1000,
    }
    if personal:
        data["is_personal"] = "on"
    for i, (column, is_asked) in enumerate(asked):
        data.update({f"fields-{i}-column": column, f"fields-{i}-shown": "on", f"fields-{i}-mask": "none"})
        data[f"fields-{i}-ORDER"] = i + 1
        if is_asked:
            data[f"fields-{i}-asked"] = "on"
    return data


def test_a_personal_query_with_one_identifier_is_refused_and_with_two_is_saved(client, world):
    client.force_login(world["clerk"])
    one = client.post("/admin/query_systems/new/", _form(world["agency"], asked=[("户号", True), ("金额", False)]))
    assert one.status_code == 200 and "至少要设置两项查询条件" in one.content.decode()
    assert not QuerySystem.objects.filter(slug="ranqifei").exists()
    two = client.post(
        "/admin/query_systems/new/", _form(world["agency"], asked=[("户号", True), ("户主姓氏", True), ("金额", False)])
    )
    assert two.status_code == 302, two.content.decode()[-2000:]
    system = QuerySystem.objects.get(slug="ranqifei")
    assert system.agency == world["agency"] and QueryField.objects.filter(system=system, asked=True).count() == 2


def test_a_public_query_may_ask_one_field(client, world):
    client.force_login(world["clerk"])
    response = client.post(
        "/admin/query_systems/new/", _form(world["agency"], asked=[("乡镇", True), ("网点", False)], personal=False)
    )
    assert response.status_code == 302
