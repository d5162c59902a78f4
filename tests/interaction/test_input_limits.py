"""Issue 15, point 5 (letters): bad input answers 4xx with a Chinese message, never 500;
point 3: published letters and replies mask personal data through the one function."""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook

from govportal.interaction.models import Letter
from tests.interaction.conftest import API_LETTER, to_replied, write
from tests.interaction.test_pages import form_data
from tests.submission import captcha_headers

pytestmark = pytest.mark.django_db


def _post_api(client, data):
    # An anonymous caller: the API asks for a solved CAPTCHA like the form (core/antiabuse).
    return client.post("/api/v1/letters", data, content_type="application/json", **captcha_headers(client))


def test_a_280_character_email_is_refused_by_the_letter_api_and_the_form(world, client, settings):
    settings.GOVPORTAL_SUBMISSION_API_TOKENS = []
    email = "a" * 268 + "@example.com"
    r = _post_api(client, {**API_LETTER, "email": email})
    assert r.status_code == 422 and "电子邮箱" in r.json()["detail"]
    r = client.post("/hudong/szxx/xiexin/", form_data(client, email=email))
    assert r.status_code == 400 and "不能超过 254 个字符" in r.content.decode()
    assert Letter.objects.count() == 0


def test_a_full_width_email_is_taken_in_half_width(world, client):
    r = _post_api(client, {**API_LETTER, "email": "ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ"})
    assert r.status_code == 201
    assert Letter.objects.get().email == "zhang@example.com"


def test_a_nul_byte_is_a_400_in_chinese_on_the_form_the_api_and_public_pages(world, client):
    r = _post_api(client, {**API_LETTER, "title": "标题\x00"})
    assert r.status_code == 400 and "空字符" in r.json()["detail"]
    r = client.post("/hudong/szxx/xiexin/", form_data(client, name="张\x00三"))
    assert r.status_code == 400 and "空字符" in r.content.decode()
    for url in ("/hudong/rdjd/?q=%00", "/api/v1/letters/published?q=a%00b", "/api/v1/cases/XJ%00?query_code=1"):
        r = client.get(url)
        assert r.status_code == 400, url
    assert Letter.objects.count() == 0


def test_a_superscript_digit_or_a_huge_number_in_a_filter_is_ignored(world, client):
    for value in ("²", "٣", "9" * 30, "9" * 5000):
        assert client.get("/hudong/rdjd/", {"agency": value}).status_code == 200
    r = client.get("/api/v1/services", {"agency": "9" * 25})
    assert r.status_code == 422 and "不能大于" in r.json()["detail"]


def test_control_characters_are_stripped_from_a_letter_and_the_export_survives_any_stored_text(world, client):
    letter, _ = write(world["mailboxes"]["mayor"], title="路灯\x0b不亮\x1b")
    assert letter.title == "路灯不亮"
    # A title stored before this check (or by any other path) must not break the export.
    Letter.objects.filter(pk=letter.pk).update(title="旧数据\x0b\x01标题")
    client.force_login(world["staff"]["city"])
    r = client.get("/admin/letters/export.xlsx")
    assert r.status_code == 200
    ws = load_workbook(BytesIO(r.content)).active
    assert ws["D2"].value == "旧数据标题"


def test_a_published_reply_masks_the_writers_name_and_every_phone_notation(world, client):
    letter, _ = write(
        world["mailboxes"]["mayor"],
        name="张三丰",
        content="我家电话 139 1234 5678，备用１３９.１２３４.５６７８，邮箱 zsf＠example.com，请回复。",
    )
    letter.reply = ""
    to_replied(letter, world)
    Letter.objects.filter(pk=letter.pk).update(
        reply="张三丰您好！您反映的问题已处理。如有疑问请拨打12345热线或致电13912345678。"
    )
    page = client.get(f"/hudong/xin/{letter.case.tracking_number}/").content.decode()
    assert "张三丰" not in page and "张**您好！" in page
    assert "139 1234 5678" not in page and "１３９.１２３４.５６７８" not in page
    assert "13912345678" not in page and "139****5678" in page
    assert "zsf＠example.com" not in page
    assert "12345热线" in page
    api = client.get("/api/v1/letters/published").json()["results"][0]
    assert "张三丰" not in api["reply"] and "13912345678" not in api["reply"]
