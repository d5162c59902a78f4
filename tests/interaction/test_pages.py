import pytest
from captcha.models import CaptchaStore

from tests.interaction.conftest import to_replied, write

pytestmark = pytest.mark.django_db


def test_public_pages_api_and_form_work_end_to_end(world, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        letter, code = write(world["mailboxes"]["mayor"])
        to_replied(letter, world)
    for url in [
        "/hudong/",
        "/hudong/szxx/",
        "/hudong/szxx/xiexin/",
        "/hudong/szxx/xiexin/?captcha=text",
        "/hudong/chaxun/",
        "/hudong/tongji/",
        "/hudong/rdjd/",
        f"/hudong/xin/{letter.case.tracking_number}/",
        "/hudong/suggest/?q=入学",
        "/api/v1/mailboxes",
        "/api/v1/letters/published?mailbox=szxx",
    ]:
        r = client.get(url)
        assert r.status_code == 200, (url, r.content[:3000])
    r = client.post("/hudong/chaxun/", {"tracking_number": letter.case.tracking_number, "query_code": code})
    assert "您好" in r.content.decode()
    r = client.post(
        "/api/v1/letters",
        {
            "mailbox": "szxx",
            "category": "consult",
            "title": "测试",
            "content": "这是一封测试来信的内容，够长了。",
            "name": "李四",
            "phone": "13900001111",
        },
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    client.get("/hudong/szxx/xiexin/")
    store = CaptchaStore.objects.order_by("-id").first()
    r = client.post(
        "/hudong/szxx/xiexin/",
        {
            "category": "consult",
            "title": "问题",
            "content": "这是一封测试来信的内容，够长了。",
            "name": "王五",
            "phone": "13900001112",
            "captcha_key": store.hashkey,
            "captcha_answer": store.response,
        },
    )
    assert r.status_code == 200, r.content.decode()[-3000:]
    assert "查询码" in r.content.decode()
