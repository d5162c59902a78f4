"""错敏词 in the review workflow, over HTTP in the Wagtail admin: a submitted article with a
typo cannot be approved (review screen, edit view, the task itself) until a reviewer accepts
the hit with a reason — recorded with who and when, shown in the page's history — or the
editor fixes the text. The editor sees the hits at the top of the edit form and highlighted."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import rich_text

import pytest
import time_machine

from govportal.core.models import AgencyKind, Role, User
from govportal.monitor.wording_models import WordingAcceptance, WordingEntry, WordKind
from tests.cluster.admin_helpers import article_form_data, edit_url, workflow_action_url
from tests.conftest import column, draft_article

TITLE = "教育局按装新设备"


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def edu_staff(cluster, make_staff):
    edu = cluster["agencies"]["edu"]
    return {role: make_staff(edu, role) for role in Role}


@pytest.fixture
def submitted(cluster, edu_staff):
    editor = edu_staff[Role.EDITOR]
    page = draft_article(column(cluster["homes"]["edu"], "gzdt"), TITLE, owner=editor)
    data = article_form_data(page, body=rich_text("<p>原国土资源局的设备已按装完毕。</p>"), **{"action-submit": "1"})
    response = login(editor).post(edit_url(page), data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress
    return page


def approve(user, page, **data):
    return login(user).post(
        workflow_action_url(page, "approve"), {"confidentiality_checked": "on", "comment": "好", **data}
    )


def accept_url(page):
    return reverse("monitor_wording:accept", args=[page.pk])


def check_url(page):
    return reverse("monitor_wording:page", args=[page.pk])


def test_seeded_entries_cover_each_kind(db):
    kinds = set(WordingEntry.objects.values_list("kind", flat=True))
    assert {WordKind.TYPO, WordKind.BANNED, WordKind.OUTDATED, WordKind.SENSITIVE} <= kinds
    assert WordingEntry.objects.get(word="国土资源局").suggestion == "自然资源局"


def test_hits_block_the_reviewers_approval_with_a_message(submitted, edu_staff):
    response = approve(edu_staff[Role.REVIEWER], submitted)
    assert response.status_code == 302
    assert response["Location"] == check_url(submitted)
    assert any("「按装」应为「安装」" in m for m in messages_of(response))
    submitted.refresh_from_db()
    assert submitted.current_workflow_task.name == "教育局·审核（含保密审查）"


def test_hits_block_approval_from_the_edit_view_too(submitted, edu_staff):
    data = article_form_data(
        submitted,
        **{
            "action-workflow-action": "1",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": '{"confidentiality_checked": true, "comment": ""}',
        },
    )
    response = login(edu_staff[Role.REVIEWER]).post(edit_url(submitted), data)
    assert response.status_code == 302
    assert any("国土资源局" in m for m in messages_of(response))
    submitted.refresh_from_db()
    assert submitted.current_workflow_task.name == "教育局·审核（含保密审查）"


def test_the_task_itself_refuses_approval_while_hits_are_open(submitted, edu_staff):
    state = submitted.current_workflow_task_state
    with pytest.raises(PermissionDenied):
        state.task.specific.on_action(state, edu_staff[Role.REVIEWER], "approve", confidentiality_checked=True)


def test_the_editor_sees_the_hits_at_the_top_of_the_edit_form_and_highlighted(submitted, edu_staff):
    editor = login(edu_staff[Role.EDITOR])
    body = editor.get(edit_url(submitted)).content.decode()
    assert "错敏词检查：3 处待处理" in body
    assert check_url(submitted) in body
    page = editor.get(check_url(submitted)).content.decode()
    assert '<mark class="wording-open"' in page and ">按装</mark>" in page
    assert "自然资源局" in page
    assert "说明理由并接受" not in page  # an editor fixes the text; a reviewer accepts


def test_accepting_each_hit_with_a_reason_lets_the_review_go_on(submitted, edu_staff):
    reviewer = edu_staff[Role.REVIEWER]
    client = login(reviewer)
    with time_machine.travel("2026-03-02 09:30:00+08:00", tick=False):
        for kind, word in ((WordKind.TYPO, "按装"), (WordKind.OUTDATED, "国土资源局")):
            response = client.post(accept_url(submitted), {"kind": kind, "word": word, "reason": "引用原文件标题"})
            assert response.status_code == 302
    # The title's 按装 is the same word: accepted with the body's.
    acceptance = WordingAcceptance.objects.get(page=submitted, word="按装")
    assert acceptance.accepted_by == reviewer and acceptance.reason == "引用原文件标题"
    assert acceptance.accepted_at.strftime("%Y-%m-%d %H:%M") == "2026-03-02 01:30"
    log = PageLogEntry.objects.filter(page=submitted, action="govportal.wording_accept").first()
    assert log.user == reviewer and "引用原文件标题" in log.data["comment"]
    from wagtail.log_actions import registry

    assert registry.get_action_label("govportal.wording_accept") == "接受错敏词"  # the history's label
    assert "已由" in login(reviewer).get(check_url(submitted)).content.decode()

    assert approve(reviewer, submitted).status_code == 302
    submitted.refresh_from_db()
    assert submitted.current_workflow_task.name == "教育局·领导签发"
    response = login(edu_staff[Role.LEADER]).post(workflow_action_url(submitted, "approve"), {"comment": "同意"})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.live


def test_accepting_all_at_once(submitted, edu_staff):
    response = login(edu_staff[Role.REVIEWER]).post(accept_url(submitted), {"reason": "专有名称，保持原文"})
    assert response.status_code == 302
    assert set(WordingAcceptance.objects.filter(page=submitted).values_list("word", flat=True)) == {
        "按装",
        "国土资源局",
    }


def test_fixing_the_text_unblocks_the_review(submitted, edu_staff):
    editor, reviewer = edu_staff[Role.EDITOR], edu_staff[Role.REVIEWER]
    # Sent back with the reason; the editor fixes the text and submits again.
    response = login(reviewer).post(workflow_action_url(submitted, "reject"), {"comment": "请改正错别字"})
    assert response.status_code == 302
    data = article_form_data(
        submitted,
        title="教育局安装新设备",
        body=rich_text("<p>原自然资源局的设备已安装完毕。</p>"),
        **{"action-submit": "1"},
    )
    assert login(editor).post(edit_url(submitted), data).status_code == 302
    assert approve(reviewer, submitted).status_code == 302
    submitted.refresh_from_db()
    assert submitted.current_workflow_task.name == "教育局·领导签发"


@pytest.mark.parametrize("reason", ["", "   ", "\x00", "理" * 501])
def test_accepting_without_a_proper_reason_is_a_400_in_chinese(submitted, edu_staff, reason):
    response = login(edu_staff[Role.REVIEWER]).post(
        accept_url(submitted), {"kind": WordKind.TYPO, "word": "按装", "reason": reason}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "请填写接受的理由" in body or "理由不能超过" in body or "空字符" in body
    assert not WordingAcceptance.objects.exists()


def test_accepting_a_word_the_page_does_not_hold_is_a_400(submitted, edu_staff):
    response = login(edu_staff[Role.REVIEWER]).post(
        accept_url(submitted), {"kind": WordKind.TYPO, "word": "做为", "reason": "理由"}
    )
    assert response.status_code == 400
    assert "不在本页" in response.content.decode()


def test_an_editor_may_not_accept(submitted, edu_staff):
    response = login(edu_staff[Role.EDITOR]).post(
        accept_url(submitted), {"kind": WordKind.TYPO, "word": "按装", "reason": "理由"}
    )
    assert response.status_code == 403
    assert not WordingAcceptance.objects.exists()


def test_another_agencys_staff_get_404(submitted, make_agency, make_staff):
    other = make_agency(AgencyKind.DEPARTMENT, name="示例市财政局", short_name="财政局")
    reviewer = make_staff(other, Role.REVIEWER)
    client = login(reviewer)
    assert client.get(check_url(submitted)).status_code == 404
    response = client.post(accept_url(submitted), {"kind": WordKind.TYPO, "word": "按装", "reason": "理由"})
    assert response.status_code == 404
    assert client.get(accept_url(submitted)).status_code in (404, 405)


def test_a_leader_with_a_wrong_title_blocks_too(cluster, edu_staff):
    WordingEntry.objects.create(word="王建国", kind=WordKind.LEADER, suggestion="市长")
    editor = edu_staff[Role.EDITOR]
    page = draft_article(column(cluster["homes"]["edu"], "gzdt"), "副市长王建国调研教育工作", owner=editor)
    login(editor).post(edit_url(page), article_form_data(page, **{"action-submit": "1"}))
    response = approve(edu_staff[Role.REVIEWER], page)
    assert any("王建国的职务为市长" in m for m in messages_of(response))
