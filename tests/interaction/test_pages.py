"""Public pages under /hudong/: writing with the CAPTCHA and rate limits, answered letters
(masked), the writer's status page with rating, statistics, FAQ and suggestions."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from captcha.models import CaptchaStore

from govportal.core.outbox.models import OutboxMessage
from govportal.interaction import actions
from govportal.interaction.models import FaqEntry, Letter
from tests.interaction.conftest import to_replied, write
from tests.submission import guard_fields

pytestmark = pytest.mark.django_db
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00"
    b"\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def form_data(client, url="/hudong/szxx/xiexin/", **fields):
    """Open the form, then read its token and the CAPTCHA's answer (from the store, as the
    test may)."""
    page = client.get(url).content.decode()
    return {
        "category": "consult",
        "title": "小学入学需要哪些材料",
        "content": "请问孩子明年上小学，需要准备哪些材料？我住芙蓉区五一大道123号，电话13812345678。",
        "name": "张三",
        "phone": "13812345678",
        **guard_fields(page),
        **fields,
    }


def test_citizen_writes_a_letter_and_gets_tracking_number_and_query_code(world, client):
    data = form_data(client)
    r = client.post("/hudong/szxx/xiexin/", data)
    page = r.content.decode()
    assert r.status_code == 200 and "no-store" in r["Cache-Control"]
    letter = Letter.objects.get()
    assert letter.case.tracking_number in page
    code = re.search(r'id="query-code">(\w+)<', page).group(1)
    assert letter.content == data["content"]  # stored as written
    assert letter.mailbox == world["mailboxes"]["mayor"] and letter.case.state == "submitted"
    assert OutboxMessage.objects.filter(case=letter.case, channel="sms", recipient="13812345678").exists()
    status = client.post(
        "/hudong/chaxun/", {"tracking_number": letter.case.tracking_number, "query_code": code}, follow=True
    )
    assert "待受理" in status.content.decode()


def test_write_form_offers_a_2x_image_and_an_sms_code_alternative(world, client):
    page = client.get("/hudong/szxx/xiexin/").content.decode()
    assert "/yanzheng/captcha/image/" in page and "@2/" in page and "?captcha=sms" in page
    sms = client.get("/hudong/szxx/xiexin/?captcha=sms").content.decode()
    assert 'value="send_sms"' in sms and "短信验证码" in sms
    assert "等于几" not in page + sms  # no question a script can read off the page


def test_wrong_captcha_is_refused_and_the_challenge_cannot_be_retried(world, client):
    data = form_data(client, captcha_answer="wrong")
    r = client.post("/hudong/szxx/xiexin/", data)
    assert r.status_code == 400 and "验证码不正确" in r.content.decode()
    assert guard_fields(r.content.decode())["captcha_key"] != data["captcha_key"]
    assert Letter.objects.count() == 0
    assert not CaptchaStore.objects.filter(hashkey=data["captcha_key"]).exists()
    # The re-displayed form keeps what was typed and carries a fresh challenge.
    assert "小学入学需要哪些材料" in r.content.decode()


def test_bad_input_gets_a_chinese_message_and_400(world, client):
    r = client.post("/hudong/szxx/xiexin/", form_data(client, phone="12345"))
    assert r.status_code == 400 and "请填写正确的手机号码" in r.content.decode()
    r = client.post("/hudong/szxx/xiexin/", form_data(client, content="太短"))
    assert r.status_code == 400 and "内容太短" in r.content.decode()
    assert Letter.objects.count() == 0


def test_attachments_are_checked_by_content_and_size(world, client, settings):
    fake = SimpleUploadedFile("scan.pdf", b"just text, not a PDF", content_type="application/pdf")
    r = client.post("/hudong/szxx/xiexin/", {**form_data(client), "attachments": [fake]})
    assert r.status_code == 400 and "的文件内容不是允许的类型（JPG、PNG、PDF）" in r.content.decode()
    settings.GOVPORTAL_LETTER_MAX_ATTACHMENT_BYTES = 50
    big = SimpleUploadedFile("photo.png", PNG + b"\0" * 100, content_type="image/png")
    r = client.post("/hudong/szxx/xiexin/", {**form_data(client), "attachments": [big]})
    assert r.status_code == 400 and "超过" in r.content.decode()
    settings.GOVPORTAL_LETTER_MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
    ok = SimpleUploadedFile("photo.png", PNG, content_type="text/plain")
    r = client.post("/hudong/szxx/xiexin/", {**form_data(client), "attachments": [ok]})
    assert r.status_code == 200
    assert Letter.objects.get().attachments.get().content_type == "image/png"


def test_rate_limits_per_client_and_per_phone(world, client, settings):
    settings.GOVPORTAL_SUBMISSION_MAX_PER_CLIENT_PER_HOUR = 2
    settings.GOVPORTAL_SUBMISSION_MAX_PER_PHONE_PER_DAY = 3
    for n in range(2):
        assert client.post("/hudong/szxx/xiexin/", form_data(client, phone=f"1390000000{n}")).status_code == 200
    r = client.post("/hudong/szxx/xiexin/", form_data(client, phone="13900000009"))
    assert r.status_code == 429 and "提交过于频繁" in r.content.decode()
    # The same phone from other addresses: the phone's own limit.
    for n in range(3):
        ip = f"10.0.0.{n + 1}"
        r = client.post("/hudong/szxx/xiexin/", form_data(client, phone="13911112222"), REMOTE_ADDR=ip)
        assert r.status_code == 200
    r = client.post("/hudong/szxx/xiexin/", form_data(client, phone="139-1111-2222"), REMOTE_ADDR="10.0.0.9")
    assert r.status_code == 429
    assert Letter.objects.count() == 5


def test_answered_letter_is_public_with_personal_data_masked(world, client):
    letter, _ = write(world["mailboxes"]["mayor"], content="我的身份证43010219800101123X，电话13812345678，请回复。")
    to_replied(letter, world)
    page = client.get(f"/hudong/xin/{letter.case.tracking_number}/").content.decode()
    assert "138****5678" in page and "13812345678" not in page and "43010219800101123X" not in page
    assert "张*<" in page and "zhangsan@example.com" not in page
    assert "示例市教育局" in page  # the replying agency
    listing = client.get("/hudong/szxx/").content.decode()
    assert letter.title in listing


def test_unpublished_or_unanswered_letters_are_not_public(world, client):
    private, _ = write(world["mailboxes"]["mayor"], may_publish=False, title="不公开的信")
    to_replied(private, world, publish=False)
    open_letter, _ = write(world["mailboxes"]["mayor"], title="还在办理的信")
    for letter in (private, open_letter):
        assert client.get(f"/hudong/xin/{letter.case.tracking_number}/").status_code == 404
    listing = client.get("/hudong/szxx/").content.decode()
    assert "不公开的信" not in listing and "还在办理的信" not in listing


def test_writer_reads_the_reply_and_rates_it_unresolved(world, client):
    letter, code = write(world["mailboxes"]["mayor"])
    to_replied(letter, world)
    number = letter.case.tracking_number
    page = client.post("/hudong/chaxun/", {"tracking_number": number, "query_code": code}, follow=True).content.decode()
    assert "您好，所需材料见教育局网站入学专栏。" in page and "评价答复" in page
    r = client.post(
        "/hudong/chaxun/",
        {"tracking_number": number, "query_code": code, "rating": "2", "resolved": "0", "comment": "没说清楚"},
    )
    assert r.status_code == 200 and "重新办理" in r.content.decode()
    letter.refresh_from_db()
    assert letter.case.state == "assigned" and letter.rating == 2


def test_wrong_query_code_is_404_with_the_kernel_message(world, client):
    letter, _ = write(world["mailboxes"]["mayor"])
    r = client.post("/hudong/chaxun/", {"tracking_number": letter.case.tracking_number, "query_code": "WRONG234"})
    assert r.status_code == 404 and "办件编号或查询码不正确" in r.content.decode()


def test_statistics_per_mailbox_and_agency(world, client):
    a, _ = write(world["mailboxes"]["mayor"])
    to_replied(a, world)
    actions.letter_rate(letter=a, rating=5, resolved=True)
    write(world["mailboxes"]["mayor"], title="第二封")
    refused, _ = write(world["mailboxes"]["mayor"], title="无效来信")
    actions.letter_refuse(letter=refused, actor=world["staff"]["city"], reason="无实质内容")
    from govportal.interaction.selectors import statistics

    row = next(r for r in statistics() if r.name == "市长信箱")
    assert (row.received, row.answered, row.on_time, row.satisfaction) == (2, 1, 1, 100.0)
    assert row.on_time_rate == 100.0 and row.avg_days == 0
    agency = statistics(by="agency")[0]
    assert agency.name == "教育局" and agency.answered == 1
    page = client.get("/hudong/tongji/").content.decode()
    assert "市长信箱" in page and "按期答复率" in page and 'class="bar' in page


def test_faq_is_searchable_and_unpublished_entries_are_hidden(world, client):
    shown = FaqEntry.objects.create(
        agency=world["agencies"]["edu"], topic="入学", question="小学入学要带什么材料？", answer="户口簿、房产证明。"
    )
    hidden = FaqEntry.objects.create(
        agency=world["agencies"]["edu"], topic="入学", question="草稿问题", answer="未发布", is_published=False
    )
    page = client.get("/hudong/rdjd/?q=入学").content.decode()
    assert shown.question in page and hidden.question not in page
    assert client.get(f"/hudong/rdjd/{shown.pk}/").status_code == 200
    assert client.get(f"/hudong/rdjd/{hidden.pk}/").status_code == 404
    assert shown.question in client.get("/hudong/jyj/").content.decode()  # on the agency's mailbox page


def test_suggestions_offer_faq_and_published_answers_while_typing(world, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        FaqEntry.objects.create(
            agency=world["agencies"]["edu"], topic="入学", question="小学入学需要哪些材料", answer="户口簿。"
        )
        letter, _ = write(world["mailboxes"]["mayor"], title="初中入学材料咨询")
        to_replied(letter, world)
    data = client.get("/hudong/suggest/?q=入学材料").json()
    assert [x["title"] for x in data["faq"]] == ["小学入学需要哪些材料"]
    assert data["letters"][0]["url"] == f"/hudong/xin/{letter.case.tracking_number}/"
    assert "13812345678" not in str(data)
    assert client.get("/hudong/suggest/?q=a").json() == {"faq": [], "letters": []}


def test_index_lists_mailboxes(world, client):
    page = client.get("/hudong/").content.decode()
    for name in ("市长信箱", "公众监督信箱", "我为政府网站找错", "教育局信箱"):
        assert name in page
    assert client.get("/hudong/nosuchbox/").status_code == 404
