"""GET /api/v1/sites, /sites/{id}, /sites/{id}/columns."""

from __future__ import annotations

from govportal.cluster import actions
from govportal.cluster.models import SiteKind
from govportal.core.models import AgencyKind
from tests.conftest import column


def _by_name(response):
    return {site["name"]: site for site in response.json()}


def test_sites_lists_every_live_site_with_agency_registry_code_url_and_parent(client, cluster):
    homes = cluster["homes"]
    response = client.get("/api/v1/sites")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    sites = _by_name(response)
    assert set(sites) == {"示例市人民政府", "示例市教育局", "青山镇", "东坪村"}
    edu = sites["示例市教育局"]
    assert edu == {
        "id": homes["edu"].pk,
        "name": "示例市教育局",
        "kind": "department",
        "kind_label": "部门网站",
        "agency": {"id": cluster["agencies"]["edu"].pk, "code": "D0001", "name": "示例市教育局"},
        "site_code": "4301000002",
        "url": "http://jyj.localhost/",
        "parent": None,
    }
    # Sub-sites show the registry code of the site they live in, and point at their parent.
    assert sites["青山镇"]["site_code"] == "4301000001"
    assert sites["青山镇"]["parent"] == homes["city"].pk
    assert sites["青山镇"]["url"] == "http://localhost/qsz/"
    assert sites["东坪村"]["parent"] == homes["town"].pk
    assert sites["东坪村"]["kind_label"] == "村/社区页面"


def test_sites_can_be_filtered_by_kind(client, cluster):
    response = client.get("/api/v1/sites", {"kind": SiteKind.VILLAGE})

    assert response.status_code == 200
    assert [site["name"] for site in response.json()] == ["东坪村"]


def test_unknown_kind_is_rejected_with_a_chinese_message(client, cluster):
    response = client.get("/api/v1/sites", {"kind": "planet"})

    assert response.status_code == 422
    body = response.json()
    assert "网站类型" in body["detail"] and "取值无效" in body["detail"]
    assert body["errors"][0]["loc"] == ["query", "kind"]


def test_unpublished_site_is_neither_listed_nor_served(client, cluster):
    village = cluster["homes"]["village"]
    village.unpublish()

    assert "东坪村" not in _by_name(client.get("/api/v1/sites"))
    response = client.get(f"/api/v1/sites/{village.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "网站不存在或未公开。"}


def test_site_detail_returns_one_site(client, cluster):
    town = cluster["homes"]["town"]
    response = client.get(f"/api/v1/sites/{town.pk}")

    assert response.status_code == 200
    assert response.json()["name"] == "青山镇"
    assert response.json()["kind"] == "township"


def test_unknown_or_malformed_site_id_gives_chinese_4xx_not_500(client, cluster):
    assert client.get("/api/v1/sites/999999").json()["detail"] == "网站不存在或未公开。"
    malformed = client.get("/api/v1/sites/abc")
    assert malformed.status_code == 422
    assert "必须是整数" in malformed.json()["detail"]
    huge = client.get("/api/v1/sites/99999999999999999999999/columns")
    assert huge.status_code == 422
    assert "不能大于" in huge.json()["detail"]


def test_site_columns_are_the_sites_own_with_sub_columns_but_not_sub_sites(client, cluster):
    town = cluster["homes"]["town"]
    parent_column = column(town, "cwgk")
    sub = actions.column_create(actor=None, parent=parent_column, title="财务公开", slug="cwgk2")

    response = client.get(f"/api/v1/sites/{town.pk}/columns")

    assert response.status_code == 200
    columns = response.json()
    slugs = [c["slug"] for c in columns]
    # xxgk: 政府信息公开, added to every site by the disclosure app
    assert slugs == ["xzdt", "tzgg", "cwgk", "cwgk2", "ycyp", "njzs", "zfxx", "shcs", "xzgk", "xxgk"]
    # The village under the township has its own 村务公开 and 村情简介: not listed here.
    assert "cqjj" not in slugs
    by_slug = {c["slug"]: c for c in columns}
    assert by_slug["cwgk2"]["parent"] == parent_column.pk
    assert by_slug["cwgk2"]["id"] == sub.pk
    assert by_slug["xzdt"] == {
        "id": column(town, "xzdt").pk,
        "title": "乡镇动态",
        "slug": "xzdt",
        "layout": "list",
        "column_type": "news",
        "url": "http://localhost/qsz/xzdt/",
        "parent": None,
        "expected_update_days": 14,
    }
    assert by_slug["tzgg"]["expected_update_days"] == 183


def test_unpublished_column_is_not_listed(client, cluster):
    edu = cluster["homes"]["edu"]
    column(edu, "zcwj").unpublish()

    slugs = [c["slug"] for c in client.get(f"/api/v1/sites/{edu.pk}/columns").json()]

    assert slugs == ["gzdt", "tzgg", "jgzn", "xxgk"]


def test_site_list_costs_a_fixed_number_of_queries(client, cluster, make_agency, django_assert_max_num_queries):
    portal = cluster["homes"]["city"]
    for n in range(6):
        agency = make_agency(AgencyKind.TOWNSHIP, name=f"示例市第{n}镇人民政府")
        actions.site_create(
            actor=None, agency=agency, kind=SiteKind.TOWNSHIP, title=f"第{n}镇", slug=f"town{n}", parent=portal
        )

    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/sites")

    assert len(response.json()) == 10
