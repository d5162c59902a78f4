"""Public pages under /fangtan/ and the API: asking with the CAPTCHA, a retry that never
duplicates, bad input answered in Chinese with a 4xx (never a 500), the staff console's
isolation (another agency: 404) and its steps."""

from __future__ import annotations

import pytest

from govportal.interviews import actions
from govportal.interviews.models import PostKind, Question, QuestionState
from tests.submission import guard_fields

pytestmark = pytest.mark.django_db


def form(client, interview, **fields):
    page = client.get(f"/fangtan/{interview.pk}/").content.decode()
    return {"content": "公交线路何时优化调整？", "name": "张三", "phone": "13812345678", **guard_fields(page), **fields}


def test_a_citizen_asks_in_advance_and_a_retry_is_not_a_second_question(world, client):
    interview = world["interview"]
    index = client.get("/fangtan/").content.decode()
    assert interview.title in index and "访谈预告" in index
    data = form(client, interview)
    r = client.post(f"/fangtan/{interview.pk}/tiwen/", data)
    assert r.status_code == 200 and "问题已提交" in r.content.decode() and "no-store" in r["Cache-Control"]
    again = client.post(f"/fangtan/{interview.pk}/tiwen/", data)  # a double click
    assert again.status_code == 200 and Question.objects.count() == 1
    q = Question.objects.get()
    assert q.in_advance and q.state == QuestionState.PENDING and q.phone == "13812345678"


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"content": ""}, "这个字段是必须的"),
        ({"content": "问" * 501}, "不能超过 500 个字"),
        ({"phone": "12"}, "请填写正确的手机号码"),
        ({"name": "\x00"}, "空字符"),
        ({"captcha_answer": "wrong"}, "验证码不正确"),
    ],
)
def test_bad_input_gets_a_chinese_message_and_a_4xx(world, client, fields, message):
    interview = world["interview"]
    r = client.post(f"/fangtan/{interview.pk}/tiwen/", form(client, interview, **fields))
    assert r.status_code == 400 and message in r.content.decode()
    assert not Question.objects.exists()


def test_wrong_ids_and_closed_interviews_are_4xx(world, client):
    for url in ("/fangtan/abc/", "/fangtan/99999/", "/fangtan/１/", "/fangtan/0/live.json", "/fangtan/abc/tiwen/"):
        assert client.get(url).status_code == 404, url
    interview = world["interview"]
    actions.interview_start(interview=interview, actor=world["a_typist"])
    actions.interview_end(interview=interview, actor=world["a_typist"])
    r = client.get(f"/fangtan/{interview.pk}/tiwen/")
    assert r.status_code == 409 and "不再征集问题" in r.content.decode()


def test_the_api_takes_questions_from_a_trusted_client_once_per_key(world, client, settings):
    settings.GOVPORTAL_SUBMISSION_API_TOKENS = ["t" * 32]
    interview = world["interview"]
    headers = {"HTTP_AUTHORIZATION": "Bearer " + "t" * 32, "HTTP_IDEMPOTENCY_KEY": "ft-question-0001"}
    body = {"content": "补贴什么时候发放？", "name": "王五", "phone": "13900001111"}
    url = f"/api/v1/interviews/{interview.pk}/questions"
    first = client.post(url, body, content_type="application/json", **headers)
    second = client.post(url, body, content_type="application/json", **headers)
    assert first.status_code == 200 and first.json() == second.json() and Question.objects.count() == 1
    bad = client.post(url, {**body, "content": ""}, content_type="application/json", **headers)
    assert bad.status_code in (400, 422) and "问题" in bad.content.decode()
    missing = client.post("/api/v1/interviews/99999/questions", body, content_type="application/json", **headers)
    assert missing.status_code == 404


def test_the_console_is_the_agencys_own_and_its_steps_work(world, client):
    interview, other = world["interview"], world["b_interview"]
    q = actions.question_submit(interview=interview, name="张三", phone="13812345678", content="怎么申请补贴？")
    client.force_login(world["b_typist"])
    assert client.get(f"/admin/fangtan/{interview.pk}/").status_code == 404
    assert client.post(f"/admin/fangtan/{interview.pk}/start/").status_code == 404
    assert interview.title not in client.get("/admin/fangtan/").content.decode()
    assert client.get(f"/admin/interview_list/edit/{interview.pk}/").status_code in (302, 403, 404)
    client.force_login(world["a_moderator"])
    console = client.get(f"/admin/fangtan/{interview.pk}/").content.decode()
    assert "怎么申请补贴？" in console and "13812345678" in console  # staff see the original
    assert client.get(f"/admin/fangtan/{other.pk}/").status_code == 404
    base = f"/admin/fangtan/{interview.pk}"
    assert client.post(f"{base}/approve/", {"question": q.pk}).status_code == 302
    assert client.post(f"{base}/start/").status_code == 302
    guest = interview.guests.get()
    r = client.post(
        f"{base}/post/", {"kind": PostKind.ANSWER, "guest": guest.pk, "question": q.pk, "text": "到街道申请。"}
    )
    assert r.status_code == 302
    q.refresh_from_db()
    assert q.state == QuestionState.ANSWERED
    bad = client.post(f"{base}/post/", {"kind": PostKind.ANSWER, "guest": "x", "question": "9999", "text": ""})
    assert bad.status_code == 400 and "请重新选择嘉宾" in bad.content.decode()
    assert client.post(f"{base}/approve/", {"question": "abc"}).status_code == 404
    assert client.get(f"{base}/start/").status_code == 405
    assert client.post(f"{base}/nosuchstep/").status_code == 404
    client.logout()
    page = client.get(f"/fangtan/{interview.pk}/").content.decode()
    assert "到街道申请。" in page and "张*" in page
