"""Guide completeness (the veto threshold is a setting), search of service items, and the
portal's 网上办事 column leading to the hall."""

from __future__ import annotations

import pytest

from govportal.search.models import SearchEntry
from govportal.servicehall.models import ServiceItem
from govportal.servicehall.publishing import KEY, _sync, item_reindex
from govportal.servicehall.selectors import KEY_ELEMENTS, completeness, missing_elements, missing_key_elements
from tests.servicehall.conftest import make_item

pytestmark = pytest.mark.django_db


def _bare(agency, n):
    return ServiceItem.objects.create(
        agency=agency, code=f"BARE-{n}", name=f"缺要素事项{n}", is_published=True, promised_limit=5
    )


def test_complete_item_misses_only_the_optional_downloads(hall):
    assert missing_elements(hall["item"]) == ["表格下载"]
    assert missing_key_elements(hall["item"]) == []


def test_the_check_counts_the_indicators_ten_key_elements_not_every_field(hall):
    assert [label for label, _ in KEY_ELEMENTS] == [
        "事项名称",
        "设定依据",
        "申请条件",
        "申请材料",
        "办理地点",
        "办理时间",
        "咨询电话",
        "办理流程",
        "法定/承诺时限",
        "收费标准",
    ]
    # Missing six recommended fields (FAQ, complaint channel, office, visits …) and only
    # three key ones: not counted towards the veto.
    item = ServiceItem.objects.create(
        agency=hall["agencies"]["lead"],
        code="REC-1",
        name="推荐要素缺失事项",
        is_published=True,
        legal_basis="《某条例》",
        conditions="条件。",
        place="政务服务中心",
        office_hours="工作日",
        statutory_limit=20,
        fees="不收费",
    )
    assert missing_key_elements(item) == ["申请材料", "咨询电话", "办理流程"]
    assert "常见问题" in missing_elements(item) and "监督投诉渠道" in missing_elements(item)
    result = completeness(ServiceItem.objects.filter(pk=item.pk))
    assert result.flagged == 0
    # one more key element missing: now it counts (4 of 10)
    item.fees = ""
    item.save()
    assert completeness(ServiceItem.objects.filter(pk=item.pk)).flagged == 1


def test_check_lists_items_and_vetoes_at_the_threshold(hall, settings):
    lead = hall["agencies"]["lead"]
    for n in range(4):
        _bare(lead, n)
    result = completeness(ServiceItem.objects.all())
    assert result.flagged == 4 and not result.veto
    worst = result.rows[0]
    assert "设定依据" in worst[1] and "申请材料" in worst[1] and "法定/承诺时限" not in worst[1]
    _bare(lead, 5)
    assert completeness(ServiceItem.objects.all()).veto
    settings.GOVPORTAL_SERVICEHALL_VETO_ITEMS = 6
    assert not completeness(ServiceItem.objects.all()).veto


def test_completeness_page_in_the_admin_shows_own_agency(client, hall):
    _bare(hall["agencies"]["other"], 1)
    client.force_login(hall["staff"]["lead"])
    html = client.get("/admin/banshi/completeness/").content.decode()
    assert "食品经营许可" in html and "缺要素事项1" not in html
    assert "10 项关键要素（事项名称、设定依据" in html


def test_published_item_is_found_and_unpublished_is_not(client, hall, django_capture_on_commit_callbacks):
    hidden = make_item(hall["agencies"]["lead"], code="SJ-H", name="食品生产许可", published=False)
    with django_capture_on_commit_callbacks(execute=True):
        item_reindex([hall["item"].pk, hidden.pk])
    assert set(SearchEntry.objects.filter(source=KEY).values_list("object_id", flat=True)) == {hall["item"].pk}
    body = client.get("/api/v1/search", {"q": "食品经营许可"}).json()
    hits = [h for h in body["results"] if h["url"].endswith(f"/banshi/shixiang/{hall['item'].code}/")]
    assert hits and hits[0]["type_label"] == "办事服务"
    hall["item"].is_published = False
    hall["item"].save()
    _sync([hall["item"].pk])
    assert not SearchEntry.objects.filter(source=KEY).exists()


def test_portal_wsbs_column_redirects_to_the_hall(client, cluster):
    response = client.get("/wsbs/")
    assert response.status_code == 302 and response["Location"] == "/banshi/"
