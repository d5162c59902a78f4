"""Multi-level review over HTTP in the Wagtail admin (STANDARDS §2): editor → reviewer
(with the recorded confidentiality check) → leader, rejection with a reason, and no way
around the review for anyone but the information office."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from wagtail.models import WorkflowState

import pytest

from govportal.cluster.models import ConfidentialityCheck
from govportal.core.models import Role, User
from tests.cluster.admin_helpers import article_form_data, edit_url, workflow_action_url
from tests.conftest import column, draft_article, publish_article


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
    """An editor's draft, submitted for review through the edit view."""
    editor = edu_staff[Role.EDITOR]
    page = draft_article(column(cluster["homes"]["edu"], "gzdt"), "教育局召开秋季开学工作会议", owner=editor)
    response = login(editor).post(edit_url(page), article_form_data(page, **{"action-submit": "1"}))
    assert response.status_code == 302
    page.refresh_from_db()
    return page


def test_editor_submission_starts_the_agency_workflow_at_the_review_step(submitted):
    assert submitted.workflow_in_progress
    assert submitted.current_workflow_task.name == "教育局·审核（含保密审查）"
    assert not submitted.live


def test_reviewer_sees_the_submission_on_the_dashboard(submitted, edu_staff):
    response = login(edu_staff[Role.REVIEWER]).get(reverse("wagtailadmin_home"))
    assert "教育局召开秋季开学工作会议" in response.content.decode()


def test_full_journey_editor_reviewer_leader_makes_the_page_live(submitted, edu_staff, client):
    reviewer, leader = edu_staff[Role.REVIEWER], edu_staff[Role.LEADER]

    response = login(reviewer).post(
        workflow_action_url(submitted, "approve"), {"confidentiality_checked": "on", "comment": "已核对数据"}
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.current_workflow_task.name == "教育局·领导签发"
    assert not submitted.live
    check = ConfidentialityCheck.objects.get(page=submitted)
    assert check.checked_by == reviewer
    assert check.revision_id == submitted.latest_revision_id
    assert check.note == "已核对数据"

    response = login(leader).post(workflow_action_url(submitted, "approve"), {"comment": "同意发布"})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.live
    assert submitted.current_workflow_state is None
    assert WorkflowState.objects.get(object_id=str(submitted.pk)).status == WorkflowState.STATUS_APPROVED
    public = client.get(submitted.url, HTTP_HOST="jyj.localhost")
    assert public.status_code == 200
    assert "教育局召开秋季开学工作会议" in public.content.decode()


def test_approving_without_the_confidentiality_checkbox_fails_with_a_message(submitted, edu_staff):
    response = login(edu_staff[Role.REVIEWER]).post(workflow_action_url(submitted, "approve"), {"comment": "好"})
    assert response.status_code == 302
    assert any("保密审查" in m for m in messages_of(response))
    submitted.refresh_from_db()
    assert submitted.current_workflow_task.name == "教育局·审核（含保密审查）"
    assert not ConfidentialityCheck.objects.exists()


def test_approving_without_the_checkbox_in_the_modal_shows_the_form_error(submitted, edu_staff):
    response = login(edu_staff[Role.REVIEWER]).post(
        workflow_action_url(submitted, "approve"), {"comment": "好"}, HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )
    assert response.status_code == 200
    assert response.json()["step"] == "action"
    assert "confidentiality_checked" in response.json()["html"]
    submitted.refresh_from_db()
    assert submitted.current_workflow_task.name == "教育局·审核（含保密审查）"


def test_approving_from_the_edit_view_without_the_checkbox_is_refused(submitted, edu_staff):
    response = login(edu_staff[Role.REVIEWER]).post(
        edit_url(submitted),
        article_form_data(
            submitted,
            **{"action-workflow-action": "1", "workflow-action-name": "approve", "workflow-action-extra-data": "{}"},
        ),
    )
    assert response.status_code == 302
    assert any("保密审查" in m for m in messages_of(response))
    submitted.refresh_from_db()
    assert submitted.current_workflow_task.name == "教育局·审核（含保密审查）"


def test_approving_from_the_edit_view_with_the_checkbox_records_the_check(submitted, edu_staff):
    response = login(edu_staff[Role.REVIEWER]).post(
        edit_url(submitted),
        article_form_data(
            submitted,
            **{
                "action-workflow-action": "1",
                "workflow-action-name": "approve",
                "workflow-action-extra-data": '{"confidentiality_checked": true, "comment": ""}',
            },
        ),
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.current_workflow_task.name == "教育局·领导签发"
    assert ConfidentialityCheck.objects.filter(page=submitted, checked_by=edu_staff[Role.REVIEWER]).exists()


def test_there_is_no_one_click_approve_at_the_review_step(submitted, edu_staff):
    actions = submitted.current_workflow_task.get_actions(submitted, edu_staff[Role.REVIEWER])
    assert [(name, modal) for name, _label, modal in actions] == [("reject", True), ("approve", True)]


def test_request_changes_with_a_comment_returns_the_page_to_the_editor(submitted, edu_staff):
    response = login(edu_staff[Role.REVIEWER]).post(
        workflow_action_url(submitted, "reject"), {"comment": "第二段的统计数据请核实"}
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    editor_view = login(edu_staff[Role.EDITOR]).get(edit_url(submitted))
    assert editor_view.status_code == 200
    assert "第二段的统计数据请核实" in editor_view.content.decode()


def test_request_changes_without_a_reason_is_refused(submitted, edu_staff):
    response = login(edu_staff[Role.REVIEWER]).post(workflow_action_url(submitted, "reject"), {"comment": " "})
    assert response.status_code == 302
    assert any("理由" in m for m in messages_of(response))
    submitted.refresh_from_db()
    assert submitted.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_leader_can_request_changes_too_and_editor_resubmits(submitted, edu_staff):
    login(edu_staff[Role.REVIEWER]).post(workflow_action_url(submitted, "approve"), {"confidentiality_checked": "on"})
    login(edu_staff[Role.LEADER]).post(workflow_action_url(submitted, "reject"), {"comment": "标题请改为正式表述"})
    submitted.refresh_from_db()
    assert submitted.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES

    editor = edu_staff[Role.EDITOR]
    login(editor).post(
        edit_url(submitted),
        article_form_data(submitted, title="示例市教育局召开2026年秋季开学工作会议", **{"action-submit": "1"}),
    )
    submitted.refresh_from_db()
    assert submitted.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not submitted.live


def test_reviewer_of_another_agency_cannot_act_on_the_task(submitted, cluster, make_staff):
    other = make_staff(cluster["agencies"]["town"], Role.REVIEWER)
    response = login(other).post(workflow_action_url(submitted, "approve"), {"confidentiality_checked": "on"})
    assert response.status_code == 404  # another agency's page: no hint that it exists
    submitted.refresh_from_db()
    assert submitted.current_workflow_task.name == "教育局·审核（含保密审查）"
    assert not ConfidentialityCheck.objects.exists()


def test_editor_cannot_approve_their_own_submission(submitted, edu_staff):
    login(edu_staff[Role.EDITOR]).post(workflow_action_url(submitted, "approve"), {"confidentiality_checked": "on"})
    submitted.refresh_from_db()
    assert submitted.current_workflow_task.name == "教育局·审核（含保密审查）"


# --- No way around the review ------------------------------------------------------------


def test_leader_edit_view_has_no_publish_button(cluster, edu_staff):
    page = draft_article(column(cluster["homes"]["edu"], "gzdt"), "领导直接编辑的草稿")
    response = login(edu_staff[Role.LEADER]).get(edit_url(page))
    assert response.status_code == 200
    assert 'name="action-publish"' not in response.content.decode()
    assert 'name="action-submit"' in response.content.decode()


def test_leader_crafted_publish_post_is_refused(cluster, edu_staff):
    page = draft_article(column(cluster["homes"]["edu"], "gzdt"), "未经审核的稿件")
    response = login(edu_staff[Role.LEADER]).post(edit_url(page), article_form_data(page, **{"action-publish": "1"}))
    assert response.status_code == 302
    assert any("审核" in m for m in messages_of(response))
    page.refresh_from_db()
    assert not page.live


def test_leader_cannot_publish_changes_to_a_live_article_directly(cluster, edu_staff):
    page = publish_article(column(cluster["homes"]["edu"], "gzdt"), "已发布的文章")
    login(edu_staff[Role.LEADER]).post(
        edit_url(page), article_form_data(page, title="被直接改掉的标题", **{"action-publish": "1"})
    )
    page.refresh_from_db()
    assert page.title == "已发布的文章"


def test_leader_cannot_create_and_publish_in_one_step(cluster, edu_staff):
    col = column(cluster["homes"]["edu"], "gzdt")
    url = reverse("wagtailadmin_pages:add", args=["cluster", "articlepage", col.pk])
    response = login(edu_staff[Role.LEADER]).post(
        url, article_form_data_for_new("直接发布的新文章", slug="zhijie", **{"action-publish": "1"})
    )
    assert response.status_code == 302
    assert not col.get_children().filter(live=True, title="直接发布的新文章").exists()


def test_leader_create_view_has_no_publish_button(cluster, edu_staff):
    col = column(cluster["homes"]["edu"], "gzdt")
    response = login(edu_staff[Role.LEADER]).get(
        reverse("wagtailadmin_pages:add", args=["cluster", "articlepage", col.pk])
    )
    assert response.status_code == 200
    assert 'name="action-publish"' not in response.content.decode()


def test_leader_cannot_bulk_publish_around_the_review(cluster, edu_staff):
    page = draft_article(column(cluster["homes"]["edu"], "gzdt"), "批量发布的草稿")
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={page.pk}"
    login(edu_staff[Role.LEADER]).post(url, {"include_descendants": ""})
    page.refresh_from_db()
    assert not page.live


def test_leader_cannot_copy_with_publish(cluster, edu_staff):
    page = publish_article(column(cluster["homes"]["edu"], "gzdt"), "被复制的文章")
    response = login(edu_staff[Role.LEADER]).post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        {
            "new_title": "复制后直接发布",
            "new_slug": "fuzhi",
            "new_parent_page": page.get_parent().pk,
            "publish_copies": "on",
        },
    )
    assert response.status_code == 302
    assert not page.get_parent().get_children().filter(title="复制后直接发布", live=True).exists()


def test_information_office_superuser_may_publish_directly(cluster):
    admin = User.objects.create_superuser("xxb", password="x-pass-123456")
    page = draft_article(column(cluster["homes"]["edu"], "gzdt"), "信息办直接发布")
    response = login(admin).get(edit_url(page))
    assert 'name="action-publish"' in response.content.decode()
    login(admin).post(edit_url(page), article_form_data(page, **{"action-publish": "1"}))
    page.refresh_from_db()
    assert page.live


def test_review_steps_are_configurable_per_agency(cluster, edu_staff):
    """The information office drops the leader step for one agency: the review alone publishes."""
    from wagtail.models import WorkflowTask

    workflow = column(cluster["homes"]["edu"], "gzdt").get_workflow()
    WorkflowTask.objects.filter(workflow=workflow, sort_order=1).delete()
    page = draft_article(column(cluster["homes"]["edu"], "gzdt"), "只需一级审核")
    login(edu_staff[Role.EDITOR]).post(edit_url(page), article_form_data(page, **{"action-submit": "1"}))
    login(edu_staff[Role.REVIEWER]).post(workflow_action_url(page, "approve"), {"confidentiality_checked": "on"})
    page.refresh_from_db()
    assert page.live
    other = draft_article(column(cluster["homes"]["town"], "xzdt"), "乡镇仍是两级")
    assert len(other.get_workflow().tasks) == 2


def article_form_data_for_new(title: str, *, slug: str, **overrides) -> dict:
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    data = {
        "title": title,
        "slug": slug,
        "subtitle": "",
        "source": "",
        "author": "",
        "summary": "",
        "body": rich_text("<p>正文</p>"),
        "cover_image": "",
        "attachments": inline_formset([]),
        "tags": "",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_the_leaders_buttons_say_sign_off(submitted, edu_staff):
    """Issue 19 (6): the leader's step is 签发 in the words of the guide, not Wagtail's 批准."""
    reviewer, leader = edu_staff[Role.REVIEWER], edu_staff[Role.LEADER]
    login(reviewer).post(workflow_action_url(submitted, "approve"), {"confidentiality_checked": "on", "comment": "好"})
    submitted.refresh_from_db()
    assert submitted.current_workflow_task.specific.__class__.__name__ == "SignOffTask"
    page = login(leader).get(edit_url(submitted)).content.decode()
    assert 'data-workflow-action-name="approve"' in page
    import re

    buttons = re.findall(r'data-workflow-action-name="[^"]+"[^>]*>(?:\s|<svg.*?</svg>)*(.*?)\s*</button>', page, re.S)
    assert sorted(buttons) == sorted(["退回修改", "签发", "签发并附意见"])
    assert "批准" not in page and "Approve" not in page  # the reviewer's step reads 已通过
    dashboard = login(leader).get(reverse("wagtailadmin_home")).content.decode()
    assert "签发" in dashboard and "批准" not in dashboard
