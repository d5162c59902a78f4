"""便民服务目录 through its pages: the area home, filters by category and township, the
offline map, an entry's page, bad input (400 in Chinese), search, the citizen's 纠错 (a
case of the maintaining agency, idempotent) and the agency's reply."""

from __future__ import annotations

import re

import pytest

from govportal.convenience import actions
from govportal.convenience.models import DirectoryCorrection
from govportal.core.cases.models import Case
from govportal.core.models import Role
from govportal.core.outbox.models import OutboxMessage
from tests.convenience.world import staff
from tests.submission import guard_fields

pytestmark = pytest.mark.django_db


def test_area_home_leads_to_every_category_the_map_and_tourism(world, client):
    page = client.get("/bianmin/").content.decode()
    assert "/bianmin/minglu/?category=hotel" in page and "/bianmin/minglu/?category=hospital" in page
    assert "/bianmin/minglu/ditu/" in page
    assert world["index"].url in page and "春茶开采节" not in page or "活动日历" in page
    assert "青山云雾茶园" in page


def test_portal_home_has_the_entry_and_the_block(world, client):
    portal = client.get("/").content.decode()
    assert 'href="/bianmin/"' in portal  # the nav entry of every site
    assert "portal-bianmin" in portal and "/bianmin/minglu/?category=hotel" in portal
    township_site = client.get(world["town"].site_homes.first().url).content.decode()
    assert 'href="/bianmin/"' in township_site


def test_filters_by_category_and_township(directory, client):
    hotels = client.get("/bianmin/minglu/?category=hotel").content.decode()
    assert "青山宾馆" in hotels and "白沙渔家客栈" in hotels and "老街米粉店" not in hotels
    assert "停业酒店" not in hotels  # unpublished
    here = client.get(f"/bianmin/minglu/?category=hotel&township={directory['town2'].pk}").content.decode()
    assert "白沙渔家客栈" in here and "青山宾馆" not in here
    found = client.get("/bianmin/minglu/?q=米粉").content.decode()
    assert "老街米粉店" in found and "青山宾馆" not in found


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("category=nope", "请从列表中选择"),
        ("township=abc", "请从列表中选择"),
        ("township=-1", "请从列表中选择"),
        ("category=" + "x" * 5000, "请从列表中选择"),
        ("township=%00", "空字符"),  # refused for every page by the core middleware
    ],
)
def test_bad_filters_get_400_in_chinese(directory, client, query, message):
    for url in ("/bianmin/minglu/", "/bianmin/minglu/ditu/"):
        r = client.get(f"{url}?{query}")
        assert r.status_code == 400, (url, query)
        assert message in r.content.decode()


def test_odd_search_text_is_harmless(directory, client):
    for q in ("\x01\x02", "Ａ" * 500, "<script>", "米粉\u3000"):
        assert client.get("/bianmin/minglu/", {"q": q}).status_code == 200
    assert client.get("/bianmin/minglu/?township=%EF%BC%91").status_code == 200  # full-width 1


def test_entry_page_shows_phone_address_and_correction_link(directory, client):
    hotel = directory["entries"]["hotel"]
    page = client.get(f"/bianmin/minglu/{hotel.pk}/").content.decode()
    assert 'href="tel:0731-82262888"' in page and hotel.address in page
    assert f"/bianmin/minglu/{hotel.pk}/jiucuo/" in page
    assert client.get(f"/bianmin/minglu/{directory['hidden'].pk}/").status_code == 404
    assert client.get("/bianmin/minglu/999999/").status_code == 404


def test_map_plots_entries_inside_the_drawing_without_third_party_origins(directory, client):
    page = client.get("/bianmin/minglu/ditu/").content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    dots = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="11"', svg)
    xs, ys = [float(x) for x, _y in dots], [float(y) for _x, y in dots]
    assert len(xs) == 3  # the hospital has no coordinates: listed apart
    assert all(0 <= x <= 800 for x in xs) and all(0 <= y <= 560 for y in ys)
    assert "青山镇" in svg and "白沙镇" in svg  # township labels
    assert "白沙镇卫生院" in page[page.index("</svg>") :]
    assert not re.search(r'(src|href)="https?://', svg) and not re.search(r'src="https?://', page)  # no other origin


def test_search_finds_an_entry_and_a_tourism_page_and_not_an_unpublished_one(world, django_capture_on_commit_callbacks):
    from govportal.search.backends import Filters
    from govportal.search.selectors import search

    hotel, hidden = world["entries"]["hotel"], world["hidden"]
    with django_capture_on_commit_callbacks(execute=True):
        hotel.services = "住宿、会议、茶艺体验"
        hotel.save()  # a model source: a save re-indexes after commit
        hidden.save()
    hits = search("青山宾馆", filters=Filters(source="directory")).hits
    assert [h.entry.url for h in hits][:1] == [f"/bianmin/minglu/{hotel.pk}/"]
    nearest = search("停业酒店", filters=Filters(source="directory")).hits  # PostgreSQL relaxes to near matches
    assert f"/bianmin/minglu/{hidden.pk}/" not in [h.entry.url for h in nearest]
    with django_capture_on_commit_callbacks(execute=True):
        world["pages"]["food"].save_revision().publish()  # a page source: publishing re-indexes
    assert search("白沙小龙虾", filters=Filters(source="tourism")).hits


def _correction_form(client, pk, **fields):
    page = client.get(f"/bianmin/minglu/{pk}/jiucuo/").content.decode()
    return {
        "content": "前台电话已更换为0731-82262999。",
        "name": "刘建国",
        "phone": "13807310001",
        **guard_fields(page),
        **fields,
    }


def test_citizen_correction_becomes_a_case_of_the_maintaining_agency_once(directory, client):
    hotel = directory["entries"]["hotel"]
    data = _correction_form(client, hotel.pk)
    r = client.post(f"/bianmin/minglu/{hotel.pk}/jiucuo/", data)
    page = r.content.decode()
    assert r.status_code == 200 and "no-store" in r["Cache-Control"]
    correction = DirectoryCorrection.objects.get()
    case = correction.case
    assert case.agency == directory["bureau"] and case.case_type == "directory_correction"
    assert case.tracking_number in page and case.due_date is not None and case.is_open
    assert OutboxMessage.objects.filter(case=case, channel="sms", recipient="13807310001").exists()
    again = client.post(f"/bianmin/minglu/{hotel.pk}/jiucuo/", data)  # a retry (double click, refresh)
    assert again.status_code == 200 and case.tracking_number in again.content.decode()
    assert DirectoryCorrection.objects.count() == 1
    code = re.search(r'id="query-code">(\w+)<', page).group(1)
    status = client.post("/cases/", {"tracking_number": case.tracking_number, "query_code": code}, follow=True)
    shown = status.content.decode()
    assert "前台电话已更换为0731-82262999。" in shown and "待处理" in shown, shown[
        shown.find("<main") : shown.find("</main>")
    ]


@pytest.mark.parametrize(
    "fields",
    [
        ({"content": ""}, "请按提示修改"),
        ({"content": "\x01\x02\x03"}, "请按提示修改"),
        ({"content": "\x00"}, "空字符"),
        ({"content": "错" * 1001}, "请按提示修改"),
        ({"phone": "abc"}, "请按提示修改"),
        ({"phone": "１３８０７３１０００１", "content": "短"}, "请按提示修改"),
        ({"name": ""}, "请按提示修改"),
    ],
)
def test_bad_correction_input_gets_400_in_chinese_and_no_case(directory, client, fields):
    fields, message = fields
    hotel = directory["entries"]["hotel"]
    r = client.post(f"/bianmin/minglu/{hotel.pk}/jiucuo/", _correction_form(client, hotel.pk, **fields))
    assert r.status_code == 400 and message in r.content.decode()
    assert not Case.objects.filter(case_type="directory_correction").exists()


def test_wrong_captcha_is_refused(directory, client):
    hotel = directory["entries"]["hotel"]
    r = client.post(f"/bianmin/minglu/{hotel.pk}/jiucuo/", _correction_form(client, hotel.pk, captcha_answer="x"))
    assert r.status_code == 400 and not DirectoryCorrection.objects.exists()


def test_maintaining_agency_replies_other_agency_gets_404(directory, client):
    correction, _code = actions.correction_submit(
        entry=directory["entries"]["hotel"], content="电话已更换为0731-82262999。", name="刘建国", phone="13807310001"
    )
    other = staff(directory["health"], Role.EDITOR, "health_editor")
    client.force_login(other)
    url = f"/admin/bianmin/jiucuo/{correction.pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"reply": "已核实"}).status_code == 404
    assert "青山宾馆" not in client.get("/admin/bianmin/jiucuo/").content.decode()
    mine = staff(directory["bureau"], Role.EDITOR, "bureau_editor")
    client.force_login(mine)
    assert "青山宾馆" in client.get("/admin/bianmin/jiucuo/").content.decode()
    r = client.post(url, {"reply": "已核实并更正电话。", "corrected": "on"})
    assert r.status_code == 302
    correction.case.refresh_from_db()
    assert correction.case.state == "replied" and not correction.case.is_open
    assert OutboxMessage.objects.filter(case=correction.case, channel="sms", recipient="13807310001").count() == 2


def test_agency_edits_only_its_own_entries_in_the_admin(directory, client):
    client.force_login(staff(directory["health"], Role.EDITOR, "health_editor"))
    hotel, hospital = directory["entries"]["hotel"], directory["entries"]["hospital"]
    assert client.get(f"/admin/directory/edit/{hotel.pk}/").status_code == 404
    assert client.get(f"/admin/directory/edit/{hospital.pk}/").status_code == 200
    listing = client.get("/admin/directory/").content.decode()
    assert "白沙镇卫生院" in listing and "青山宾馆" not in listing
