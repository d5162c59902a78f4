"""旅游文化 through its pages and the page editor: the overview and each kind's page
(gallery with alt text and renditions, hours, tickets, coordinates, transport), the events
calendar without JavaScript, publication refused without alt text, and the maintainers'
subtree permissions (the bureau edits it, another agency cannot)."""

from __future__ import annotations

from django.utils import timezone

import pytest

from govportal.convenience.models import TourismImage, TourismIndexPage
from govportal.convenience.publishing import tourism_document
from govportal.core.models import Role
from tests.convenience.world import staff

pytestmark = pytest.mark.django_db


def test_overview_lists_every_kind_and_filters(world, client):
    url = world["index"].url
    page = client.get(url).content.decode()
    for title in ("青山云雾茶园", "东城剪纸", "春茶开采节", "茶香一日游", "白沙小龙虾"):
        assert title in page
    assert 'alt="青山云雾茶园的照片"' in page  # the cover's rendition with its alt text
    food = client.get(url + "?kind=meishi").content.decode()
    assert "白沙小龙虾" in food and "东城剪纸" not in food
    assert client.get(url + "?kind=nope").status_code == 400


def test_each_kind_shows_its_facts_and_gallery(world, client):
    for key, page in world["pages"].items():
        html = client.get(page.url).content.decode()
        assert f'alt="{page.title}的照片"' in html, key
        for fact in ("8:00-18:00", "成人40元", "青山镇东坪村", "公交12路", "东经 112.9"):
            assert fact in html, (key, fact)
    assert "国家AAAA级旅游景区" in client.get(world["pages"]["spot"].url).content.decode()
    assert "温泉泡汤" in client.get(world["pages"]["route"].url).content.decode()


def test_calendar_shows_the_months_events_and_moves_by_links(world, client):
    today = timezone.localdate()
    url = world["index"].url + "rili/"
    page = client.get(url).content.decode()
    assert "春茶开采节" in page and f"{today.year}年{today.month}月活动日历" in page
    assert 'rel="next"' in page and "<script" not in page.split("<main", 1)[-1].split("</main>")[0]
    far = client.get(url + "?month=2199-01").content.decode()
    assert "本月暂无活动" in far
    for bad in ("abc", "2026-13", "\x01", "９９９９-99", "2026-02-30-1", "9" * 5000):
        assert client.get(url, {"month": bad}).status_code == 200  # falls back to this month


def test_search_documents_of_tourism_pages(world):
    doc = tourism_document(world["pages"]["spot"])
    assert doc.title == "青山云雾茶园" and "青山镇东坪村" in doc.body and "景区景点" in doc.keywords


def _edit_data(page, **extra):
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "body": '{"blocks":[],"entityMap":{}}',
        "opening_hours": page.opening_hours,
        "tickets": page.tickets,
        "address": page.address,
        "phone": "",
        "latitude": "28.3",
        "longitude": "112.9",
        "transport": page.transport,
        "level": "",
        "gallery-TOTAL_FORMS": "1",
        "gallery-INITIAL_FORMS": "0",
        "gallery-MIN_NUM_FORMS": "0",
        "gallery-MAX_NUM_FORMS": "1000",
        "gallery-0-image": str(TourismImage.objects.first().image_id),
        "gallery-0-alt_text": "",
        "gallery-0-caption": "",
        "gallery-0-ORDER": "1",
        "gallery-0-id": "",
        "gallery-0-DELETE": "",
    }
    data.update(extra)
    return data


def test_publication_is_refused_without_alt_text_but_a_draft_may_be_saved(world, client):
    client.force_login(staff(world["bureau"], Role.LEADER, "bureau_leader"))
    spot = world["pages"]["spot"]
    url = f"/admin/pages/{spot.pk}/edit/"
    refused = client.post(url, _edit_data(spot, **{"action-submit": "1"}))
    assert refused.status_code == 200 and "缺少替代文字" in refused.content.decode()
    draft = client.post(url, _edit_data(spot))
    assert draft.status_code == 302


def test_bureau_maintains_the_subtree_other_agencies_get_404(world, client):
    index = world["index"]
    client.force_login(staff(world["bureau"], Role.EDITOR, "bureau_editor"))
    assert client.get(f"/admin/pages/{world['pages']['spot'].pk}/edit/").status_code == 200
    add = f"/admin/pages/add/convenience/scenicspotpage/{index.pk}/"
    assert client.get(add).status_code == 200
    for other in (world["health"], world["city"]):  # another department; the portal's own editors
        client.force_login(staff(other, Role.EDITOR, f"{other.code}_editor"))
        assert client.get(f"/admin/pages/{world['pages']['spot'].pk}/edit/").status_code in (403, 404)
        refused = client.get(add)  # Wagtail sends who may not add here back to the dashboard
        assert refused.status_code in (403, 404) or refused["Location"] == "/admin/"


def test_removing_a_maintainer_takes_its_rights_away(world):
    from wagtail.models import GroupPagePermission

    from govportal.convenience import actions

    index = TourismIndexPage.objects.get(pk=world["index"].pk)
    assert GroupPagePermission.objects.filter(page=index).exists()
    index.maintainers.set([])
    index.save()
    actions.tourism_maintainers_sync(index=index, actor=None)
    assert not GroupPagePermission.objects.filter(page=index).exists()
