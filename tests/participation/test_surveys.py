"""网上调查 through its pages: answering (anonymous, SMS), conditional questions, sealed
results, charts with tables, xlsx, review of free text, bad input at the edge."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

from django.test import Client

import pytest

from govportal.participation.models import SurveyAnswer, SurveyResponse, TextReview, VoteMeans
from tests.participation.conftest import answers, make_survey, office, staff
from tests.sms import code_in, deliver
from tests.submission import guard_fields

pytestmark = pytest.mark.django_db


def _url(survey):
    return f"/canyu/diaocha/{survey.pk}/"


def _post(client, survey, data, **extra):
    page = client.get(_url(survey)).content.decode()
    return client.post(_url(survey), {**data, **guard_fields(page), **extra})


def test_citizen_answers_once_and_a_second_answer_is_refused(cluster, client):
    survey = make_survey(cluster["agencies"]["edu"])
    page = client.get(_url(survey))
    html = page.content.decode()
    assert page.status_code == 200 and "您常乘坐哪些线路" in html and "仅当第1题选择“是”时回答" in html
    assert "调查结果在调查结束后公布" in html  # sealed while open
    done = _post(client, survey, answers(survey))
    assert done.status_code == 200 and "提交成功" in done.content.decode()
    response = SurveyResponse.objects.get()
    assert response.means == VoteMeans.ANONYMOUS and response.voter.startswith("anon:")
    assert response.answers.count() == 1 + 2 + 1 + 3 + 1  # single, two lines, score, three ranks, text
    again = _post(client, survey, answers(survey))
    assert again.status_code == 409 and "您已参与过本次调查" in again.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_hidden_conditional_answer_is_ignored_and_shown_one_is_required(cluster, client):
    survey = make_survey(cluster["agencies"]["edu"])
    q = list(survey.questions.all())
    # 第1题 = 否: question 2 is hidden; its answers, sent anyway, are not stored.
    assert _post(client, survey, answers(survey, rides="2")).status_code == 200
    assert not SurveyAnswer.objects.filter(question=q[1]).exists()
    other = Client()
    data = answers(survey)
    del data[f"q{q[1].pk}"]
    missing = _post(other, survey, data)
    assert missing.status_code == 400 and "是必答题" in missing.content.decode()


@pytest.mark.parametrize(
    "change",
    [
        {"rides": "9"},
        {"rides": "\x00"},
        {"rides": "一"},
        {"score": "6"},
        {"ranks": ("1", "1", "2")},
        {"lines": ("1", "1")},
        {"text": "意见" * 2000},
        {"text": "含有\x00控制字符"},
    ],
)
def test_bad_answers_get_a_chinese_message_not_a_500(cluster, client, change):
    survey = make_survey(cluster["agencies"]["edu"])
    r = _post(client, survey, answers(survey, **change))
    html = r.content.decode()
    assert r.status_code == 400 and ('role="alert"' in html or "请求中含有不允许的空字符" in html)
    assert SurveyResponse.objects.count() == 0


def test_unknown_or_draft_survey_is_a_404(cluster, client):
    survey = make_survey(cluster["agencies"]["edu"], status="draft")
    assert client.get(_url(survey)).status_code == 404
    assert client.get("/canyu/diaocha/999999/").status_code == 404


def test_sms_survey_needs_a_code_sent_to_the_phone_and_counts_the_phone_once(cluster, client, gateway):
    survey = make_survey(cluster["agencies"]["edu"], means=VoteMeans.SMS)
    page = client.get(_url(survey)).content.decode()
    fields = {**answers(survey), **guard_fields(page), "phone": "13812345678"}
    assert fields["captcha_kind"] == "sms"
    no_code = client.post(_url(survey), fields)
    assert no_code.status_code == 400 and "短信验证码" in no_code.content.decode()
    sent = client.post(_url(survey), {**fields, "captcha_action": "send_sms"})
    assert "短信验证码已发送" in sent.content.decode()
    [(phone, text)] = deliver()
    fields.update(guard_fields(sent.content.decode()))
    done = client.post(_url(survey), {**fields, "captcha_answer": code_in(text, digits=6)})
    assert done.status_code == 200 and "提交成功" in done.content.decode()
    assert SurveyResponse.objects.get().voter.startswith("sms:")
    assert "13812345678" not in SurveyResponse.objects.get().voter
    # The same phone from another browser: refused once the code proves it.
    other = Client()
    page = other.get(_url(survey)).content.decode()
    fields = {**answers(survey), **guard_fields(page), "phone": "138 1234 5678"}
    sent = other.post(_url(survey), {**fields, "captcha_action": "send_sms"})
    fields.update(guard_fields(sent.content.decode()))
    code = code_in(deliver()[-1][1], digits=6)
    again = other.post(_url(survey), {**fields, "captcha_answer": code})
    assert again.status_code == 409 and SurveyResponse.objects.count() == 1


def test_results_are_sealed_until_the_close_then_charts_tables_and_xlsx(cluster, client, time_machine):
    from openpyxl import load_workbook

    survey = make_survey(cluster["agencies"]["edu"], days=1)
    for rides in ("1", "1", "2"):
        assert _post(Client(), survey, answers(survey, rides=rides)).status_code == 200
    assert client.get(f"/canyu/diaocha/{survey.pk}/jieguo.xlsx").status_code == 400
    time_machine.move_to(survey.closes_at + timedelta(minutes=1))
    html = client.get(_url(survey)).content.decode()
    assert "调查结果" in html and "共 3 人参与" in html and "<svg" in html and 'role="img"' in html
    assert "<table" in html and "提交问卷" not in html
    assert "希望增加夜班车" not in html  # free text waits for review
    book = load_workbook(BytesIO(client.get(f"/canyu/diaocha/{survey.pk}/jieguo.xlsx").content))
    rows = list(book.active.values)
    assert "匿名参与" in rows[0][0]
    assert ("您是否经常乘坐公交车？", "是", 2) in [(r[1], r[3], r[4]) for r in rows[2:]]


def test_results_while_open_when_the_survey_says_so(cluster, client):
    survey = make_survey(cluster["agencies"]["edu"], results_public_while_open=True)
    _post(client, survey, answers(survey))
    html = client.get(_url(survey)).content.decode()
    assert "实时结果" in html and "共 1 人参与" in html


def test_counts_always_equal_the_stored_answers(cluster):
    from govportal.participation import actions, selectors

    survey = make_survey(cluster["agencies"]["edu"], results_public_while_open=True)
    for i, rides in enumerate(["1", "2", "1", "1", "2", "1"]):
        actions.survey_answer(survey=survey, voter=f"anon:{i}", data=_lists(answers(survey, rides=rides)))
    results = selectors.survey_results(survey)
    assert results["total"] == SurveyResponse.objects.filter(survey=survey).count() == 6
    for r in results["questions"]:
        if r.kind in ("single", "multiple"):
            stored = SurveyAnswer.objects.filter(question=r.question).count()
            assert sum(o.count for o in r.options) == stored
    assert results["questions"][0].options[0].count == 4


def _lists(data):
    return {k: list(v) if isinstance(v, list | tuple) else [v] for k, v in data.items()}


def test_free_text_is_published_after_review_and_masked(cluster, client, time_machine):
    survey = make_survey(cluster["agencies"]["edu"], days=1)
    _post(client, survey, answers(survey, text="我的电话13812345678，希望增加夜班车。"))
    time_machine.move_to(survey.closes_at + timedelta(minutes=1))
    answer = SurveyAnswer.objects.get(question__kind="text")
    other = staff(cluster["agencies"]["town"])
    client.force_login(other)
    assert client.post(f"/admin/canyu/yijian/{answer.pk}/", {"decision": "publish"}).status_code == 404
    owner = staff(cluster["agencies"]["edu"])
    client.force_login(owner)
    r = client.post(f"/admin/canyu/yijian/{answer.pk}/", {"decision": "publish", "text": answer.text})
    assert r.status_code == 302
    answer.refresh_from_db()
    assert answer.review == TextReview.PUBLISHED and "138****5678" in answer.text_masked
    client.logout()
    html = client.get(_url(survey)).content.decode()
    assert "138****5678，希望增加夜班车" in html and "13812345678" not in html


def test_index_lists_by_agency_and_search_and_the_portal_home_shows_what_is_open(cluster, client):
    edu, town = cluster["agencies"]["edu"], cluster["agencies"]["town"]
    make_survey(edu, title="校园餐满意度调查")
    make_survey(town, title="青山镇垃圾分类调查")
    html = client.get("/canyu/").content.decode()
    assert "校园餐满意度调查" in html and "青山镇垃圾分类调查" in html
    own = client.get(f"/canyu/?agency={edu.pk}").content.decode()
    assert "校园餐满意度调查" in own and "青山镇垃圾分类调查" not in own
    found = client.get("/canyu/?q=垃圾").content.decode()
    assert "青山镇垃圾分类调查" in found and "校园餐满意度调查" not in found
    assert client.get("/canyu/?agency=abc&kind=zz&phase=x").status_code == 200
    home = client.get("/").content.decode()
    assert "正在进行的调查征集" in home and "校园餐满意度调查" in home and 'href="/canyu/"' in home


def test_office_sees_every_survey_in_the_admin_and_another_agency_gets_404(cluster, client):
    survey = make_survey(cluster["agencies"]["edu"])
    client.force_login(staff(cluster["agencies"]["town"]))
    assert client.get(f"/admin/surveys/edit/{survey.pk}/").status_code == 404
    assert client.get(f"/admin/canyu/diaocha/{survey.pk}/").status_code == 404
    assert "城区公交线路优化" not in client.get("/admin/surveys/").content.decode()
    client.force_login(office())
    assert client.get(f"/admin/surveys/edit/{survey.pk}/").status_code == 200
    page = client.get(f"/admin/canyu/diaocha/{survey.pk}/").content.decode()
    assert "结果在调查结束后才能查看" in page  # sealed for the office too


def test_a_survey_closing_without_a_save_refreshes_the_stored_home_and_index(cluster, purged, commit, time_machine):
    """The portal home's block "正在进行" and /canyu/ are stored files in production: a survey
    whose close time passes with nobody saving it must leave them at the next minute's job."""
    from django.core.cache import cache

    from govportal.participation import publishing, tasks

    survey = commit(make_survey, cluster["agencies"]["edu"], days=1)  # its save's own refresh, done
    cache.delete(publishing.PHASES_CACHE_KEY)
    purged.clear()
    assert commit(tasks.refresh_open_now.call) is True  # the first run records the phases (and refreshes)
    assert {path for batch in purged for (_, path, _) in batch} >= {"/", "/canyu/"}
    purged.clear()
    assert commit(tasks.refresh_open_now.call) is False and purged == []  # nothing opened or closed
    time_machine.move_to(survey.closes_at + timedelta(minutes=1))
    assert commit(tasks.refresh_open_now.call) is True
    assert {path for batch in purged for (_, path, _) in batch} >= {"/", "/canyu/"}
