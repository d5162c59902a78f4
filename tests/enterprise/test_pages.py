"""企业风采 through its pages: an enterprise applies (CAPTCHA, documents kept private), the
bureau approves in the admin, a reader finds it from the portal home; the catalogue across
enterprises and villages; bad input answered in Chinese with a 4xx."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from govportal.cluster.models import ProductCategory, VillageProduct
from govportal.core.files.models import StoredFile
from govportal.core.outbox.models import OutboxMessage
from govportal.enterprise import actions
from govportal.enterprise.models import Enterprise, EnterpriseState
from tests.enterprise.conftest import OTHER_CODE, VALID_CODE
from tests.submission import guard_fields

pytestmark = pytest.mark.django_db
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00"
    b"\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def apply_data(client, **fields):
    page = client.get("/qiye/shenbao/").content.decode()
    return {
        "name": "示例市青山茶业有限公司",
        "credit_code": VALID_CODE,
        "kind": "private",
        "industry": "food",
        "township": "青山镇",
        "profile": "公司成立于2008年，专业从事高山绿茶种植、加工和销售，拥有标准化茶园三千亩。",
        "honours": "省级农业产业化龙头企业",
        "website": "www.qingshan-tea.example.com",
        "contact_name": "李明",
        "contact_phone": "13812345678",
        "product_1_name": "青山云雾茶",
        "product_1_category": "tea",
        "product_1_description": "高山云雾茶，香高味醇。",
        **guard_fields(page),
        **fields,
    }


def test_enterprise_applies_bureau_approves_reader_finds_it(world, client, file_roots):
    data = apply_data(client, documents=SimpleUploadedFile("执照.png", PNG, content_type="image/png"))
    r = client.post("/qiye/shenbao/", data)
    assert r.status_code == 200 and "申报已提交" in r.content.decode()
    enterprise = Enterprise.objects.get()
    assert enterprise.state == EnterpriseState.SUBMITTED and enterprise.agency == world["bureau"]
    assert enterprise.website == "http://www.qingshan-tea.example.com"
    document = enterprise.documents.get()
    # A retry of the same form shows the same answer and adds nothing.
    retry = {**data, "documents": SimpleUploadedFile("执照.png", PNG, content_type="image/png")}
    assert client.post("/qiye/shenbao/", retry).status_code == 200
    assert Enterprise.objects.count() == 1
    # Not public yet; the document is never public.
    assert client.get(f"/qiye/{enterprise.pk}/").status_code == 404
    assert client.get(document.stored.url).status_code == 404
    # Another agency's staff: 404 on the admin screen; the bureau sees it and its document.
    client.force_login(world["edu_editor"])
    assert client.get(f"/admin/qiye/enterprise/{enterprise.pk}/").status_code == 404
    assert client.post(f"/admin/qiye/enterprise/{enterprise.pk}/", {"step": "approve"}).status_code == 404
    assert client.get(f"/admin/enterprises/edit/{enterprise.pk}/").status_code == 404
    client.force_login(world["clerk"])
    assert client.get("/admin/qiye/").status_code == 200
    assert client.get(document.stored.url).status_code == 200
    r = client.post(f"/admin/qiye/enterprise/{enterprise.pk}/", {"step": "approve"})
    assert r.status_code == 302
    enterprise.refresh_from_db()
    assert enterprise.state == EnterpriseState.APPROVED
    assert OutboxMessage.objects.filter(recipient="13812345678", channel="sms").exists()
    client.logout()
    # The reader: portal home → 企业风采 → the company's page, contact masked.
    home = client.get("/").content.decode()
    assert "/qiye/" in home and "示例市青山茶业有限公司" in home
    page = client.get(f"/qiye/{enterprise.pk}/").content.decode()
    assert "青山云雾茶" in page and "138****5678" in page and "13812345678" not in page
    assert "李*" in page or "李明" not in page
    listing = client.get("/qiye/?industry=food&q=青山").content.decode()
    assert f"/qiye/{enterprise.pk}/" in listing
    # The same code cannot apply twice while published.
    again = client.post("/qiye/shenbao/", apply_data(client))
    assert again.status_code == 409 and "已提交过申请" in again.content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"credit_code": "91350100M000100Y44"}, "统一社会信用代码不正确"),
        ({"credit_code": ""}, "这个字段是必须的"),
        ({"name": "\x07\x1b"}, "这个字段是必须的"),
        ({"name": "\x00" * 3}, "不允许的空字符"),
        ({"profile": "太短"}, "企业简介太短"),
        ({"profile": "长" * 3001}, "不能超过 3000 个字"),
        ({"contact_phone": "12345"}, "请填写正确的手机号码"),
        ({"website": "ht!tp://bad url"}, "请填写正确的企业网站地址"),
        ({"kind": "nonsense"}, "选择一个有效的选项"),
    ],
)
def test_bad_application_input_is_a_chinese_400(world, client, fields, message):
    r = client.post("/qiye/shenbao/", apply_data(client, **fields))
    assert r.status_code == 400
    assert message in r.content.decode()
    assert not Enterprise.objects.exists()


def test_full_width_credit_code_and_a_wrong_document_type(world, client, file_roots):
    full = VALID_CODE.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)}).lower()
    bad = SimpleUploadedFile("a.pdf", b"MZ not a pdf", content_type="application/pdf")
    r = client.post("/qiye/shenbao/", apply_data(client, credit_code=full, documents=bad))
    assert r.status_code == 400 and "材料" in r.content.decode()
    r = client.post("/qiye/shenbao/", apply_data(client, credit_code=full))
    assert r.status_code == 200 and Enterprise.objects.get().credit_code == VALID_CODE
    assert not StoredFile.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/qiye/99999999999999999999999/",
        "/qiye/0/",
        "/qiye/zhaoshang/99999999999999999999/",
        "/qiye/?page=abc&industry=%00&q=%EF%BC%A1" + "x" * 500,
        "/qiye/chanpin/?category=%00&q=" + "茶" * 400,
        "/qiye/zhaoshang/zixun/?project=-1",
    ],
)
def test_wrong_ids_and_odd_queries_never_500(world, client, url):
    r = client.get(url)
    assert r.status_code in (200, 400, 404)
    if r.status_code != 200:
        assert any(word in r.content.decode() for word in ("页面", "不存在", "请求有误"))


def test_catalogue_lists_enterprise_and_village_products_by_category(world, client):
    village = world["homes"]["village"]
    VillageProduct.objects.create(
        home=village, name="东坪冬笋", category=ProductCategory.PRODUCE, is_signature=True, producer="东坪村合作社"
    )
    enterprise = actions.enterprise_apply(
        name="示例市山里红食品有限公司",
        credit_code=OTHER_CODE,
        kind="sme",
        industry="food",
        township="青山镇",
        profile="以本地山楂为原料，生产山楂糕、山楂饮料等休闲食品，年产值八千万元。",
        contact_name="王芳",
        contact_phone="0731-84567890",
        products=[{"name": "山楂糕", "category": "food", "description": "酸甜可口"}],
    )
    page = client.get("/qiye/chanpin/").content.decode()
    assert "东坪冬笋" in page and "山楂糕" not in page  # not approved yet
    actions.enterprise_approve(enterprise=enterprise, actor=world["clerk"])
    page = client.get("/qiye/chanpin/").content.decode()
    assert "东坪冬笋" in page and "山楂糕" in page and "一村一品" in page
    food = client.get("/qiye/chanpin/?category=food").content.decode()
    assert "山楂糕" in food and "东坪冬笋" not in food
    found = client.get("/qiye/chanpin/?q=冬笋").content.decode()
    assert "东坪冬笋" in found and "山楂糕" not in found
    # A landline (the company's switchboard) is shown as given.
    assert "0731-84567890" in client.get(f"/qiye/{enterprise.pk}/").content.decode()
