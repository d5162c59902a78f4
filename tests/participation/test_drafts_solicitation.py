"""意见征集 through its pages: a citizen comments on the whole draft or one article (CAPTCHA,
one-time token, committed before the answer), bad input gets a Chinese 4xx, comments are
published after review and masked, the period rule, the feedback report at the end linked
to the final document, and the office's list of drafts that ended without feedback."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from govportal.core.errors import Conflict, InvalidInput
from govportal.participation import actions, selectors
from govportal.participation.models_drafts import CommentOutcome, CommentStatus, SolicitationComment
from tests.participation import drafts_fixtures
from tests.participation.drafts_fixtures import make_solicitation
from tests.submission import guard_fields

pytestmark = pytest.mark.django_db
drafts_world = drafts_fixtures.drafts_world  # the fixture, shared with the hearing tests


def comment_form(client, s, query="", **fields):
    page = client.get(f"/canyu/zhengji/{s.pk}/yijian/{query}")
    assert page.status_code == 200
    html = page.content.decode()
    return html, {
        "article": "",
        "content": "建议明确大型犬的认定标准。",
        "name": "李四",
        "phone": "13912345678",
        **guard_fields(html),
        **fields,
    }


def test_a_citizen_comments_on_an_article_once_even_when_the_form_is_sent_twice(drafts_world, client):
    s = make_solicitation(drafts_world.edu)
    detail = client.get(f"/canyu/zhengji/{s.pk}/").content.decode()
    assert "第2条 犬只登记" in detail and f"/canyu/zhengji/{s.pk}/yijian/?tiao=2" in detail
    html, data = comment_form(client, s, "?tiao=2", article="2", content="第二条应写明登记的期限，电话13912345678。")
    assert '<option value="2" selected>' in html
    first = client.post(f"/canyu/zhengji/{s.pk}/yijian/", data)
    again = client.post(f"/canyu/zhengji/{s.pk}/yijian/", data)  # a double click / refresh
    assert first.status_code == again.status_code == 200
    assert "意见已提交" in first.content.decode()
    comment = SolicitationComment.objects.get()  # committed, once
    assert comment.article.number == 2 and comment.status == CommentStatus.PENDING
    # Not public before review.
    assert "登记的期限" not in client.get(f"/canyu/zhengji/{s.pk}/").content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"content": ""}, "这个字段是必须的"),
        ({"content": "太长" * 1600}, "意见内容不能超过 3000 个字"),
        ({"content": "\x00\x01\x02"}, "空字符"),
        ({"phone": "１２３"}, "联系电话"),
        ({"article": "99"}, "选择一个有效的选项"),
        ({"captcha_answer": "错"}, "验证码不正确"),
    ],
)
def test_bad_comments_get_a_chinese_400(drafts_world, client, fields, message):
    s = make_solicitation(drafts_world.edu)
    _html, data = comment_form(client, s, **fields)
    r = client.post(f"/canyu/zhengji/{s.pk}/yijian/", data)
    assert r.status_code == 400
    assert message in r.content.decode()
    assert not SolicitationComment.objects.exists()


def test_wrong_ids_are_404_and_a_closed_draft_takes_no_comment(drafts_world, client):
    assert client.get("/canyu/zhengji/1%00/").status_code == 400  # NUL: the middleware's Chinese 400
    for bad in ("abc", "0", "99999999999999999999999", "%EF%BC%91"):
        assert client.get(f"/canyu/zhengji/{bad}/").status_code == 404
        assert client.get(f"/canyu/tingzheng/{bad}/").status_code == 404
    hidden = make_solicitation(drafts_world.edu, published=False)
    assert client.get(f"/canyu/zhengji/{hidden.pk}/").status_code == 404
    closed = make_solicitation(drafts_world.edu, title="已结束的草案", days_from_now=(-40, -5))
    r = client.post(f"/canyu/zhengji/{closed.pk}/yijian/", {"content": "x"})
    assert r.status_code == 409 and "不在意见征集期内" in r.content.decode()
    with pytest.raises(Conflict):
        actions.solicitation_comment_submit(
            solicitation=closed, article_number=None, content="意见", name="王五", phone="13812345678"
        )


def test_reviewed_comments_are_public_and_masked(drafts_world, client):
    s = make_solicitation(drafts_world.edu)
    c = actions.solicitation_comment_submit(
        solicitation=s,
        article_number=3,
        content="请张三丰联系我13812345678，束犬链长度应限定。",
        name="张三丰",
        phone="13812345678",
    )
    hidden = actions.solicitation_comment_submit(
        solicitation=s, article_number=None, content="与草案无关的广告内容", name="赵六", phone="13812345679"
    )
    actions.comment_review(comment=c, actor=drafts_world.edu_clerk, publish=True)
    actions.comment_review(comment=hidden, actor=drafts_world.edu_clerk, publish=False)
    page = client.get(f"/canyu/zhengji/{s.pk}/").content.decode()
    assert "束犬链长度应限定" in page and "第3条 文明养犬" in page
    assert "张**" in page and "138****5678" in page
    assert "13812345678" not in page and "张三丰" not in page and "广告内容" not in page


def test_the_period_is_30_days_unless_a_reason_is_recorded(drafts_world, settings):
    s = make_solicitation(drafts_world.edu, published=False)
    s.closes_at = s.opens_at + timedelta(days=10)
    with pytest.raises(ValidationError) as err:
        s.full_clean()
    assert "征集期限不少于30日" in str(err.value)
    s.short_period_reason = "因防汛应急需要，依法缩短征求意见期限。"
    s.full_clean()
    settings.GOVPORTAL_PARTICIPATION_SOLICITATION_MIN_DAYS = 5
    s.short_period_reason = ""
    s.full_clean()


def test_the_admin_form_refuses_a_short_period(drafts_world, client):
    client.force_login(drafts_world.edu_clerk)
    now = timezone.localtime()
    data = {
        "agency": drafts_world.edu.pk,
        "title": "示例市校外培训机构管理办法（征求意见稿）",
        "explanation": "规范校外培训。",
        "opens_at": now.strftime("%Y-%m-%d %H:%M"),
        "closes_at": (now + timedelta(days=7)).strftime("%Y-%m-%d %H:%M"),
        "short_period_reason": "",
        "contact": "",
        "articles-TOTAL_FORMS": "0",
        "articles-INITIAL_FORMS": "0",
        "articles-MIN_NUM_FORMS": "0",
        "articles-MAX_NUM_FORMS": "1000",
    }
    r = client.post("/admin/solicitations/new/", data)
    assert r.status_code == 200 and "征集期限不少于30日" in r.content.decode()
    data["closes_at"] = (now + timedelta(days=31)).strftime("%Y-%m-%d %H:%M")
    r = client.post("/admin/solicitations/new/", data)
    assert r.status_code == 302
    assert selectors.Solicitation.objects.get().agency == drafts_world.edu


def test_feedback_at_the_end_with_counts_reasons_and_the_final_document(drafts_world, client, time_machine):
    from wagtail.models import Page

    from tests.conftest import ensure_wagtail_base

    s = make_solicitation(drafts_world.edu)
    clerk = drafts_world.edu_clerk
    a = actions.solicitation_comment_submit(
        solicitation=s, article_number=2, content="登记应可网上办理。", name="李四", phone="13912345678"
    )
    b = actions.solicitation_comment_submit(
        solicitation=s, article_number=None, content="建议全面禁养。", name="王五", phone="13912345679"
    )
    with pytest.raises(Conflict, match="征集期结束后"):
        actions.solicitation_feedback_publish(solicitation=s, actor=clerk, summary="总结")
    time_machine.move_to(s.closes_at + timedelta(hours=1), tick=False)
    assert list(selectors.drafts_without_feedback()) == [s]
    with pytest.raises(Conflict, match="未审核"):
        actions.solicitation_feedback_publish(solicitation=s, actor=clerk, summary="总结")
    for c in (a, b):
        actions.comment_review(comment=c, actor=clerk, publish=True)
    actions.comment_outcome(comment=a, actor=clerk, outcome=CommentOutcome.ADOPTED)
    with pytest.raises(InvalidInput, match="须说明理由"):
        actions.comment_outcome(comment=b, actor=clerk, outcome=CommentOutcome.NOT_ADOPTED)
    actions.comment_outcome(comment=b, actor=clerk, outcome=CommentOutcome.NOT_ADOPTED, reason="上位法未禁止养犬。")
    actions.solicitation_feedback_publish(
        solicitation=s, actor=clerk, summary="共收到意见2条，采纳1条；未采纳的意见与上位法不符。"
    )
    assert list(selectors.drafts_without_feedback()) == []
    ensure_wagtail_base()
    final = Page.objects.get(depth=1).add_child(instance=Page(title="示例市城市养犬管理规定", slug="yqgl"))
    actions.solicitation_link_final(solicitation=s, actor=clerk, page=final)
    page = client.get(f"/canyu/zhengji/{s.pk}/").content.decode()
    assert "意见采纳情况反馈" in page and "共收到意见2条" in page
    assert "上位法未禁止养犬" in page and "采纳" in page
    assert f'href="{final.url}"' in page or "示例市城市养犬管理规定</a>" in page
    with pytest.raises(Conflict):
        actions.comment_outcome(comment=b, actor=clerk, outcome=CommentOutcome.ADOPTED)


def test_open_now_and_the_office_list_follow_the_clock(drafts_world, time_machine):
    s = make_solicitation(drafts_world.edu)
    later = make_solicitation(drafts_world.fin, title="示例市政府投资项目管理办法（征求意见稿）", days_from_now=(3, 40))
    assert selectors.open_drafts_now() == [s]
    assert list(selectors.drafts_without_feedback()) == []
    time_machine.move_to(timezone.now() + timedelta(days=26), tick=False)
    assert selectors.open_drafts_now() == [later]
    assert list(selectors.drafts_without_feedback()) == [s]
