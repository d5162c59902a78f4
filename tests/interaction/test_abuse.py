"""The anonymous-submission policy (core/antiabuse) on the letter channel, through HTTP:
the SMS-code CAPTCHA, one-time form tokens, Idempotency-Key on the API (also under
parallel requests on PostgreSQL), 找回查询码. Only the SMS gateway is mocked."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

from django.db import connection
from django.test import Client
from django.utils import timezone

import pytest

from govportal.core.antiabuse.models import IdempotencyRecord
from govportal.core.cases.models import Case
from govportal.interaction.models import Letter
from tests.interaction.conftest import API_LETTER
from tests.interaction.test_pages import form_data
from tests.sms import code_in, deliver
from tests.submission import captcha_headers, guard_fields

pytestmark = pytest.mark.django_db
WRITE = "/hudong/szxx/xiexin/"


def _code(response) -> str:
    return re.search(r'id="query-code">(\w+)<', response.content.decode()).group(1)


def test_sms_code_is_sent_to_the_phone_given_and_solves_the_captcha(world, client, gateway):
    page = client.get(WRITE + "?captcha=sms").content.decode()
    fields = {**form_data(client), **guard_fields(page)}
    assert fields["captcha_kind"] == "sms" and fields["captcha_key"] == ""
    asked = client.post(WRITE, {**fields, "captcha_action": "send_sms"})
    html = asked.content.decode()
    assert asked.status_code == 200 and "短信验证码已发送" in html
    assert "小学入学需要哪些材料" in html  # what was typed is kept
    [(phone, text)] = deliver()
    assert phone == "13812345678" and "验证码" in text
    fields.update(guard_fields(html))
    code = code_in(text, digits=6)
    assert code not in html  # nothing on the page answers it
    done = client.post(WRITE, {**fields, "captcha_answer": code})
    assert done.status_code == 200 and Letter.objects.count() == 1


def test_sms_code_is_valid_only_for_the_phone_it_was_sent_to(world, client, gateway):
    fields = {**form_data(client), **guard_fields(client.get(WRITE + "?captcha=sms").content.decode())}
    fields.update(guard_fields(client.post(WRITE, {**fields, "captcha_action": "send_sms"}).content.decode()))
    code = code_in(deliver()[0][1], digits=6)
    r = client.post(WRITE, {**fields, "phone": "13999999999", "captcha_answer": code})
    assert r.status_code == 400 and "验证码不正确" in r.content.decode()
    assert not Letter.objects.exists()


def test_sms_codes_are_limited_per_phone(world, client, gateway, settings):
    settings.GOVPORTAL_SMS_CODE_MAX_PER_PHONE_PER_DAY = 2
    fields = {**form_data(client), **guard_fields(client.get(WRITE + "?captcha=sms").content.decode())}
    statuses = [client.post(WRITE, {**fields, "captcha_action": "send_sms"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert len(deliver()) == 2
    r = client.post("/api/v1/captcha/sms", {"phone": "13812345678"}, content_type="application/json")
    assert r.status_code == 429 and "频繁" in r.json()["detail"]


def test_double_submit_of_one_form_makes_one_letter_and_shows_its_page_again(world, client):
    data = form_data(client)
    first = client.post(WRITE, data)
    again = client.post(WRITE, data)  # a double click, or a refresh of the result page
    assert first.status_code == again.status_code == 200
    assert Letter.objects.count() == 1 and Case.objects.count() == 1
    assert _code(first) == _code(again)
    number = Letter.objects.get().case.tracking_number
    assert number in again.content.decode()


def test_the_same_form_token_with_other_content_is_422_and_gets_a_new_token(world, client):
    data = form_data(client)
    assert client.post(WRITE, data).status_code == 200
    changed = client.post(WRITE, {**data, "title": "另一封信的标题"})
    html = changed.content.decode()
    assert changed.status_code == 422 and "已用于另一份不同内容的提交" in html
    assert guard_fields(html)["form_token"] != data["form_token"]
    assert Letter.objects.count() == 1


def test_a_form_without_its_token_is_refused_in_chinese(world, client):
    data = form_data(client)
    del data["form_token"]
    r = client.post(WRITE, data)
    assert r.status_code == 400 and "表单已失效" in r.content.decode()
    assert not Letter.objects.exists()


def test_anonymous_api_letter_needs_a_captcha(world, client):
    r = client.post("/api/v1/letters", API_LETTER, content_type="application/json")
    assert r.status_code == 400 and "验证码" in r.json()["detail"]
    key = client.post("/api/v1/captcha").json()
    assert key["image_url"].startswith("/yanzheng/captcha/image/")
    wrong = client.post(
        "/api/v1/letters",
        API_LETTER,
        content_type="application/json",
        HTTP_X_CAPTCHA_KEY=key["key"],
        HTTP_X_CAPTCHA_ANSWER="nope",
    )
    assert wrong.status_code == 400 and not Letter.objects.exists()


def _post(client, body, key, **headers):
    return client.post("/api/v1/letters", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key, **headers)


def test_a_retry_with_the_same_idempotency_key_gets_the_first_answer(world, client):
    """Issue 15: a letter saved but not acknowledged (the worker died before answering): the
    retry gets the same number and code instead of writing a duplicate."""
    key = "5f0c2a9e-7d1b-4c1e-9a39-1d2b3c4d5e6f"
    first = _post(client, API_LETTER, key, **captcha_headers(client))
    # The retry's CAPTCHA is not even needed: the answer was given already.
    retry = _post(client, API_LETTER, key)
    assert first.status_code == retry.status_code == 201
    assert first.json() == retry.json()
    assert Letter.objects.count() == 1
    code = retry.json()["query_code"]
    number = retry.json()["tracking_number"]
    assert client.get(f"/api/v1/letters/{number}", HTTP_X_QUERY_CODE=code).status_code == 200
    # The stored answer holds the code only encrypted.
    record = IdempotencyRecord.objects.get()
    assert code not in record.response and key not in record.key


def test_the_same_idempotency_key_with_another_body_is_422_in_chinese(world, client):
    key = "retry-key-0001"
    assert _post(client, API_LETTER, key, **captcha_headers(client)).status_code == 201
    other = _post(client, {**API_LETTER, "title": "换了标题"}, key, **captcha_headers(client))
    assert other.status_code == 422 and "幂等键" in other.json()["detail"]
    bad = _post(client, API_LETTER, "short", **captcha_headers(client))
    assert bad.status_code == 400 and "Idempotency-Key" in bad.json()["detail"]
    assert Letter.objects.count() == 1


def test_keys_of_trusted_clients_and_anonymous_callers_do_not_meet(world, client, settings):
    settings.GOVPORTAL_SUBMISSION_API_TOKENS = ["hotline"]
    key = "same-key-everyone-uses"
    anonymous = _post(client, API_LETTER, key, **captcha_headers(client))
    hotline = _post(client, API_LETTER, key, HTTP_AUTHORIZATION="Bearer hotline")
    assert anonymous.status_code == hotline.status_code == 201
    assert anonymous.json()["tracking_number"] != hotline.json()["tracking_number"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel transactions need PostgreSQL")
def test_parallel_requests_with_one_key_write_one_letter(world, settings):
    """Two requests with the same key at the same moment: one letter, one answer for both
    (the second insert of the key waits for the first transaction, then finds the row)."""
    settings.GOVPORTAL_SUBMISSION_API_TOKENS = ["hotline"]
    barrier = threading.Barrier(4)
    answers: list = []

    def call():
        try:
            barrier.wait()
            r = Client().post(
                "/api/v1/letters",
                API_LETTER,
                content_type="application/json",
                HTTP_IDEMPOTENCY_KEY="parallel-key-0001",
                HTTP_AUTHORIZATION="Bearer hotline",
            )
            answers.append((r.status_code, r.json()))
        finally:
            connection.close()

    threads = [threading.Thread(target=call) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [status for status, _ in answers] == [201] * 4
    assert len({body["tracking_number"] for _, body in answers}) == 1
    assert len({body["query_code"] for _, body in answers}) == 1
    assert Letter.objects.count() == 1 and IdempotencyRecord.objects.count() == 1


def test_lost_query_code_is_sent_again_to_the_phone_on_the_letter(world, client, gateway):
    data = form_data(client)
    old = _code(client.post(WRITE, data))
    number = Letter.objects.get().case.tracking_number
    deliver()
    gateway.sent.clear()
    page = client.get("/hudong/chaxun/", follow=True).content.decode()
    assert "/yanzheng/zhaohui/" in page  # reachable from the lookup page
    r = client.post("/yanzheng/zhaohui/", {"tracking_number": number.lower()})
    assert r.status_code == 302
    shown = client.get(r["Location"]).content.decode()
    assert "如果信息无误" in shown
    [(phone, text)] = deliver()
    assert phone == "13812345678" and number in text
    new = code_in(text)
    assert new != old
    # Asking takes nothing away: the old code works until the new one is used.
    assert client.get(f"/api/v1/letters/{number}", HTTP_X_QUERY_CODE=old).status_code == 200
    assert client.get(f"/api/v1/letters/{number}", HTTP_X_QUERY_CODE=new).status_code == 200
    assert client.get(f"/api/v1/letters/{number}", HTTP_X_QUERY_CODE=old).status_code == 404
    assert client.get(f"/api/v1/letters/{number}", HTTP_X_QUERY_CODE=new).status_code == 200


def test_a_stranger_asking_again_and_again_cannot_take_the_writers_code_away(world, client, gateway, settings):
    old = _code(client.post(WRITE, form_data(client)))
    number = Letter.objects.get().case.tracking_number
    deliver()
    gateway.sent.clear()
    stranger = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(3):
        stranger.post("/yanzheng/zhaohui/", {"tracking_number": number})
    sent = [code_in(text) for _phone, text in deliver()]
    assert sent, "the codes go to the writer's phone"
    assert client.get(f"/api/v1/letters/{number}", HTTP_X_QUERY_CODE=old).status_code == 200
    # Only the newest pending code is good; an older one sent meanwhile is not.
    assert client.get(f"/api/v1/letters/{number}", HTTP_X_QUERY_CODE=sent[-1]).status_code == 200
    if len(sent) > 1:
        assert client.get(f"/api/v1/letters/{number}", HTTP_X_QUERY_CODE=sent[0]).status_code == 404


def test_a_pending_code_expires(world, client, gateway, time_machine):
    _code(client.post(WRITE, form_data(client)))
    number = Letter.objects.get().case.tracking_number
    deliver()
    gateway.sent.clear()
    client.post("/yanzheng/zhaohui/", {"tracking_number": number})
    [(_phone, text)] = deliver()
    time_machine.move_to(timezone.now() + timedelta(hours=25))
    assert client.get(f"/api/v1/letters/{number}", HTTP_X_QUERY_CODE=code_in(text)).status_code == 404


def test_recovery_says_the_same_for_an_unknown_number_and_sends_nothing(world, client, gateway):
    known = Client().post("/yanzheng/zhaohui/", {"tracking_number": "XJ20990101-00001"}, follow=True)
    api = client.post(
        "/api/v1/query-code/recover", {"tracking_number": "XJ20990101-00001"}, content_type="application/json"
    )
    assert known.status_code == 200 and "如果信息无误" in known.content.decode()
    assert api.status_code == 202 and "如果信息无误" in api.json()["detail"]
    assert deliver() == []


def test_recovery_is_limited_per_client_and_silently_per_phone(world, client, gateway, settings):
    settings.GOVPORTAL_SMS_CODE_MAX_PER_CLIENT_PER_HOUR = 3
    settings.GOVPORTAL_SMS_CODE_MAX_PER_PHONE_PER_DAY = 1
    assert client.post(WRITE, form_data(client)).status_code == 200
    number = Letter.objects.get().case.tracking_number
    deliver()
    gateway.sent.clear()
    body = {"tracking_number": number}
    answers = [
        client.post("/api/v1/query-code/recover", body, content_type="application/json").status_code for _ in range(4)
    ]
    assert answers == [202, 202, 202, 429]  # the client's limit; the phone's says nothing
    assert len(deliver()) == 1  # the phone's limit: one SMS


def test_other_api_posts_take_an_idempotency_key_and_do_not_send_twice(world, client, gateway):
    assert client.post(WRITE, form_data(client)).status_code == 200
    number = Letter.objects.get().case.tracking_number
    deliver()
    gateway.sent.clear()
    recover = [
        client.post(
            "/api/v1/query-code/recover",
            {"tracking_number": number},
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY="recover-key-0001",
        )
        for _ in range(2)
    ]
    sms = [
        client.post(
            "/api/v1/captcha/sms",
            {"phone": "13812345678"},
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY="sms-key-0001",
        )
        for _ in range(2)
    ]
    assert [r.status_code for r in recover] == [202, 202] and [r.status_code for r in sms] == [201, 201]
    assert sms[0].json() == sms[1].json()
    assert len(deliver()) == 2  # one recovered code, one CAPTCHA code
    assert Letter.objects.get().case.events.filter(type="query_code_reset").count() == 1


def test_a_citizen_who_lost_the_number_too_gets_their_numbers_by_sms(world, client, gateway):
    assert client.post(WRITE, form_data(client)).status_code == 200
    number = Letter.objects.get().case.tracking_number
    deliver()
    gateway.sent.clear()
    r = client.post("/yanzheng/zhaohui/", {"tracking_number": "138 1234 5678"}, follow=True)
    assert r.status_code == 200 and "如果信息无误" in r.content.decode()
    [(phone, text)] = deliver()
    assert phone == "13812345678" and number in text
    stranger = client.post("/api/v1/query-code/recover", {"phone": "13700000000"}, content_type="application/json")
    assert stranger.status_code == 202 and "如果信息无误" in stranger.json()["detail"]
    assert len(deliver()) == 1  # nothing for a phone with no cases
