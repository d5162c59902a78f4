"""The "相关互动" section: a page of one area pointing back at another area's item (issues 21 and 22):
an interview on the policy documents and interpretation it is related to, the feedback of a
draft on its final document in 信息公开 — through `cluster.areas.register_page_backlinks`,
since the areas import no other area. The stored files of those pages follow."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import unquote, urlparse

from django.urls import reverse
from django.utils import timezone

import pytest

from govportal.interviews import actions as interview_actions
from govportal.interviews.models import Guest, Interview, InterviewState, RelatedPage
from govportal.participation import actions as participation_actions
from tests.conftest import column, publish_article
from tests.disclosure.conftest import publish_document
from tests.participation.drafts_fixtures import make_solicitation, staff

pytestmark = pytest.mark.django_db

H = "jyj.localhost"


def make_interview(agency, *, title: str, published: bool = True, pages=()) -> Interview:
    start = timezone.now() - timedelta(days=2)
    interview = Interview.objects.create(
        title=title,
        agency=agency,
        host="李主持",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        intro="与网友在线交流招生政策。",
        is_published=published,
    )
    Guest.objects.create(interview=interview, name="王局长", post="市教育局局长")
    for n, page in enumerate(pages):
        RelatedPage.objects.create(interview=interview, page=page, sort_order=n)
    return interview_actions.interview_saved(interview=interview, actor=None)


def section(html: str) -> str:
    if 'id="backlinks-title"' not in html:
        return ""
    return html.split('id="backlinks-title"')[1].split("</section>")[0]


def read(client, page, host=H) -> str:
    response = client.get(unquote(urlparse(page.url).path), HTTP_HOST=host)
    assert response.status_code == 200
    return response.content.decode()


def test_policy_document_links_to_its_published_interview_not_to_an_unpublished_one(client, cluster):
    home = cluster["homes"]["edu"]
    policy = publish_document(home, "关于义务教育招生入学的实施意见")
    shown = make_interview(cluster["agencies"]["edu"], title="义务教育招生政策在线访谈", pages=[policy])
    make_interview(cluster["agencies"]["edu"], title="尚未发布的访谈", published=False, pages=[policy])

    links = section(read(client, policy))
    assert ">相关互动</h2>" in links
    assert f'href="{reverse("interviews:detail", args=[shown.pk])}"' in links
    assert "在线访谈：义务教育招生政策在线访谈" in links
    assert (shown.starts_at.astimezone(timezone.get_current_timezone())).strftime("%Y-%m-%d") in links
    assert "尚未发布的访谈" not in read(client, policy)


def test_a_document_no_interview_points_at_has_no_section(client, cluster):
    policy = publish_document(cluster["homes"]["edu"], "关于学校安全管理的通知")
    assert 'id="backlinks-title"' not in read(client, policy)


def test_an_interpretation_article_links_to_its_interview(client, cluster):
    reading = publish_article(column(cluster["homes"]["city"], "zwyw"), "《招生实施意见》图解")
    interview = make_interview(cluster["agencies"]["city"], title="招生政策解读访谈", pages=[reading])
    links = section(read(client, reading, host="localhost"))
    assert f'href="{reverse("interviews:detail", args=[interview.pk])}">在线访谈：招生政策解读访谈</a>' in links


def _ended_draft(agency, final_page=None):
    draft = make_solicitation(agency, title="示例市城市养犬管理规定（征求意见稿）", days_from_now=(-40, -10))
    clerk = staff(agency, "bl_edu_clerk")
    if final_page is not None:
        participation_actions.solicitation_link_final(solicitation=draft, actor=clerk, page=final_page)
    return draft, clerk


def test_final_document_links_to_the_drafts_feedback_once_published(client, cluster):
    final = publish_document(cluster["homes"]["edu"], "示例市城市养犬管理规定")
    draft, clerk = _ended_draft(cluster["agencies"]["edu"], final)
    assert 'id="backlinks-title"' not in read(client, final)  # no feedback yet: no link

    participation_actions.solicitation_feedback_publish(solicitation=draft, actor=clerk, summary="未收到意见。")
    links = section(read(client, final))
    url = reverse("participation:solicitation", args=[draft.pk]) + "#h-feedback"
    assert f'href="{url}">意见征集反馈：示例市城市养犬管理规定（征求意见稿）</a>' in links
    feedback_page = client.get(url.split("#")[0]).content.decode()
    assert 'id="h-feedback"' in feedback_page  # the anchor it links to


def flat(purged) -> set:
    return set().union(*purged) if purged else set()


def _path(page) -> str:
    return unquote(urlparse(page.url).path)


def test_publishing_a_transcript_refreshes_the_related_documents_stored_files(cluster, commit, purged):
    policy = commit(publish_document, cluster["homes"]["edu"], "关于义务教育招生入学的实施意见")
    interview = commit(make_interview, cluster["agencies"]["edu"], title="招生政策访谈", pages=[policy])
    assert (H, _path(policy), "index*") in flat(purged)  # related: the document now shows it
    purged.clear()
    Interview.objects.filter(pk=interview.pk).update(state=InterviewState.ENDED)
    from govportal.core.models import User

    office = User.objects.create_superuser("bl_office", password=None)
    commit(interview_actions.transcript_publish, interview=interview, actor=office, summary="访谈综述。")
    assert (H, _path(policy), "index*") in flat(purged)


def test_feedback_and_final_document_refresh_the_final_documents_stored_files(cluster, commit, purged):
    final = commit(publish_document, cluster["homes"]["edu"], "示例市城市养犬管理规定")
    draft, clerk = _ended_draft(cluster["agencies"]["edu"])
    purged.clear()
    commit(participation_actions.solicitation_link_final, solicitation=draft, actor=clerk, page=final)
    assert (H, _path(final), "index*") in flat(purged)
    purged.clear()
    commit(participation_actions.solicitation_feedback_publish, solicitation=draft, actor=clerk, summary="未收到意见。")
    assert (H, _path(final), "index*") in flat(purged)
    purged.clear()
    other = commit(publish_document, cluster["homes"]["edu"], "示例市养犬管理办法（另一份）")
    purged.clear()
    commit(participation_actions.solicitation_link_final, solicitation=draft, actor=clerk, page=other)
    assert {(H, _path(final), "index*"), (H, _path(other), "index*")} <= flat(purged)  # the old one too
