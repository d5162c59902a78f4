"""The interview's life through the actions and the public pages: questions (masked,
flagged, merged), moderation, the live snapshot readers poll (embedded cache and the file
nginx serves), the kernel's written-answer timer, the transcript in search and 专题."""

from __future__ import annotations

import json

from django.test import override_settings

import pytest
import time_machine

from govportal.core.cases.models import CaseTimer
from govportal.core.errors import Conflict, InvalidInput, NotFound
from govportal.interviews import actions, live
from govportal.interviews.models import InterviewState, PostKind, QuestionState

pytestmark = pytest.mark.django_db


def ask(interview, content="加装电梯的补贴标准是多少？", name="张三", phone="13812345678"):
    return actions.question_submit(interview=interview, name=name, phone=phone, content=content)


def test_a_question_is_kept_private_masked_flagged_and_merged_when_asked_again(world):
    interview = world["interview"]
    q = ask(interview, content="我叫张三，电话13812345678，想问办证和营商环境的问题")
    assert q.state == QuestionState.PENDING and q.in_advance
    assert q.public_name == "张*" and "13812345678" not in q.public_content and "138****5678" in q.public_content
    assert q.flagged_words == "办证"
    again = ask(interview, content="我叫张三，电话１３８１２３４５６７８，想问办证和营商环境的问题！", name="李四")
    assert again.state == QuestionState.MERGED and again.duplicate_of == q


def test_moderator_approves_typist_answers_and_readers_see_it_in_the_snapshot(world, client, commit):
    interview, typist, moderator = world["interview"], world["a_typist"], world["a_moderator"]
    q = ask(interview)
    commit(actions.question_approve, question=q, actor=moderator)
    commit(actions.interview_start, interview=interview, actor=typist)
    guest = interview.guests.get()
    commit(
        actions.post_add,
        interview=interview,
        actor=typist,
        kind=PostKind.ANSWER,
        text_="补贴标准为每台15万元。",
        guest=guest,
        question=q,
    )
    data = client.get(f"/fangtan/{interview.pk}/live.json").json()
    assert data["state"] == "live"
    assert data["posts"][0]["text"] == "补贴标准为每台15万元。" and data["posts"][0]["q"]["name"] == "张*"
    assert data["taken"] == [{"id": q.pk, "name": "张*", "text": q.public_content, "answered": True}]
    page = client.get(f"/fangtan/{interview.pk}/").content.decode()
    assert "补贴标准为每台15万元。" in page and "live.js" in page and "13812345678" not in page


def test_the_snapshot_is_a_file_for_nginx_when_pages_are_prerendered(world, client, commit, prerender_dir):
    interview, typist = world["interview"], world["a_typist"]
    commit(actions.interview_start, interview=interview, actor=typist)
    commit(actions.post_add, interview=interview, actor=typist, kind=PostKind.HOST, text_="各位网友大家好。")
    path = prerender_dir / "_live" / "fangtan" / str(interview.pk) / "live.json"
    assert json.loads(path.read_bytes())["posts"][0]["text"] == "各位网友大家好。"
    path.unlink()  # a miss: Django answers and stores it again
    assert client.get(f"/fangtan/{interview.pk}/live.json").json()["posts"][0]["speaker"] == "李主持"
    assert path.exists()


def test_steps_out_of_order_are_refused(world):
    interview, typist = world["interview"], world["a_typist"]
    with pytest.raises(Conflict):
        actions.post_add(interview=interview, actor=typist, kind=PostKind.HOST, text_="太早了")
    with pytest.raises(Conflict):
        actions.interview_end(interview=interview, actor=typist)
    actions.interview_start(interview=interview, actor=typist)
    with pytest.raises(InvalidInput):
        actions.post_add(interview=interview, actor=typist, kind=PostKind.ANSWER, text_="没有问题")
    with pytest.raises(InvalidInput):
        actions.post_add(interview=interview, actor=typist, kind=PostKind.HOST, text_="")
    pending = ask(interview)
    with pytest.raises(Conflict):  # not taken yet
        actions.post_add(
            interview=interview,
            actor=typist,
            kind=PostKind.ANSWER,
            text_="答",
            guest=interview.guests.get(),
            question=pending,
        )
    with pytest.raises(NotFound):  # another agency's typist
        actions.post_add(interview=interview, actor=world["b_typist"], kind=PostKind.HOST, text_="越权")


@override_settings(GOVPORTAL_INTERVIEWS_WRITTEN_ANSWER_DAYS=3)
def test_questions_not_answered_live_run_the_kernels_written_answer_timer(world):
    interview, typist = world["interview"], world["a_typist"]
    with time_machine.travel("2026-12-07 10:00 +0800", tick=False):  # a Monday
        q1, q2 = ask(interview), ask(interview, content="公交线路何时调整？")
        q3 = ask(interview, content="与访谈无关的广告")
        actions.question_reject(question=q3, actor=typist)
        actions.question_approve(question=q1, actor=typist)
        actions.question_approve(question=q2, actor=typist)
        actions.interview_start(interview=interview, actor=typist)
        actions.interview_end(interview=interview, actor=typist)
    timer = CaseTimer.objects.get(case=interview.case, kind="written")
    assert timer.days == 3 and timer.due_on.isoformat() == "2026-12-10" and timer.is_running
    with pytest.raises(Conflict):  # a question not taken
        actions.question_answer_written(question=q3, actor=typist, answer="答复")
    interview.refresh_from_db()
    with pytest.raises(Conflict):  # no more questions after the live
        ask(interview)
    actions.question_answer_written(question=q1, actor=typist, answer="将于明年调整。")
    interview.case.refresh_from_db()
    assert interview.case.is_open
    actions.question_answer_written(question=q2, actor=typist, answer="已列入计划。")
    interview.case.refresh_from_db()
    timer.refresh_from_db()
    assert not interview.case.is_open and interview.case.state == "closed" and not timer.is_running


def test_the_transcript_is_searchable_and_found_by_a_topic(world, commit):
    from govportal.cluster import areas
    from govportal.search.models import SearchEntry

    interview, typist = world["interview"], world["a_typist"]
    commit(actions.interview_start, interview=interview, actor=typist)
    commit(actions.post_add, interview=interview, actor=typist, kind=PostKind.HOST, text_="今天谈谈电梯加装补贴。")
    commit(actions.interview_end, interview=interview, actor=typist)
    commit(actions.transcript_publish, interview=interview, actor=typist, summary="访谈介绍了营商环境新政。")
    interview.refresh_from_db()
    assert interview.state == InterviewState.ENDED and interview.has_transcript
    entry = SearchEntry.objects.get(source="interview", object_id=interview.pk)
    assert "电梯加装补贴" in entry.body and entry.url == f"/fangtan/{interview.pk}/"
    sections = areas.topic_sections("营商环境")
    hits = next(s["hits"] for s in sections if s["key"] == "interviews")
    assert any(h["title"] == interview.title and h["url"] == f"/fangtan/{interview.pk}/" for h in hits)
    assert not interview.case.events.filter(type="transcript").count() == 0
    assert live.snapshot(interview)["state"] == "ended"
