"""Synchronised publishing (同步发布) over HTTP: a department offers an article to portal
columns, the portal's reviewers accept or decline, and the portal column lists the original
(one canonical URL, 来源 shown) — its edits and unpublishing show there at once."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from govportal.cluster.models import SyncOffer, SyncStatus
from govportal.core.models import Role
from tests.conftest import column, draft_article, publish_article


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def sync(cluster, make_staff):
    agencies, homes = cluster["agencies"], cluster["homes"]
    article = publish_article(column(homes["edu"], "gzdt"), "全市中小学秋季开学平稳有序", source="")
    return {
        "article": article,
        "portal_column": column(homes["city"], "bmdt"),
        "edu_editor": make_staff(agencies["edu"], Role.EDITOR),
        "edu_reviewer": make_staff(agencies["edu"], Role.REVIEWER),
        "portal_editor": make_staff(agencies["city"], Role.EDITOR),
        "portal_reviewer": make_staff(agencies["city"], Role.REVIEWER),
        "portal_leader": make_staff(agencies["city"], Role.LEADER),
        "homes": homes,
    }


def offer_over_http(sync, *columns) -> object:
    return login(sync["edu_editor"]).post(
        reverse("cluster_sync:offer", args=[sync["article"].pk]), {"columns": [c.pk for c in columns]}
    )


def portal_column_html(client, sync) -> str:
    response = client.get(sync["portal_column"].url, HTTP_HOST="localhost")
    assert response.status_code == 200
    return response.content.decode()


def test_article_edit_view_offers_the_push_to_portal_button(sync):
    response = login(sync["edu_editor"]).get(reverse("wagtailadmin_pages:edit", args=[sync["article"].pk]))
    assert reverse("cluster_sync:offer", args=[sync["article"].pk]) in response.content.decode()
    assert "推送到门户" in response.content.decode()


def test_offer_form_lists_the_portal_list_columns(sync):
    response = login(sync["edu_editor"]).get(reverse("cluster_sync:offer", args=[sync["article"].pk]))
    body = response.content.decode()
    assert response.status_code == 200
    for title in ["政务要闻", "部门动态", "乡镇动态", "通知公告"]:
        assert title in body
    assert "走进示例市" not in body  # a single page, not an article list


def test_offer_accept_lists_the_original_in_the_portal_column(sync, client):
    response = offer_over_http(sync, sync["portal_column"])
    assert response.status_code == 302
    offer = SyncOffer.objects.get(article=sync["article"], column=sync["portal_column"])
    assert offer.status == SyncStatus.OFFERED
    assert "全市中小学秋季开学平稳有序" not in portal_column_html(client, sync)

    reviewer = login(sync["portal_reviewer"])
    queue = reviewer.get(reverse("cluster_sync:index")).content.decode()
    assert "全市中小学秋季开学平稳有序" in queue
    assert "示例市教育局" in queue  # source agency
    assert timezone.localtime(offer.offered_at).strftime("%Y-%m-%d %H:%M") in queue
    assert sync["article"].full_url in queue

    response = reviewer.post(reverse("cluster_sync:accept", args=[offer.pk]))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == SyncStatus.ACCEPTED
    assert offer.decided_by == sync["portal_reviewer"]

    body = portal_column_html(client, sync)
    assert "全市中小学秋季开学平稳有序" in body
    assert f'href="{sync["article"].full_url}"' in body  # the one canonical URL, on the department's host
    assert "示例市教育局" in body  # 来源
    assert client.get(sync["article"].url, HTTP_HOST="jyj.localhost").status_code == 200


def test_editing_the_original_shows_the_new_title_on_the_portal(sync, client):
    offer_over_http(sync, sync["portal_column"])
    offer = SyncOffer.objects.get(article=sync["article"])
    login(sync["portal_leader"]).post(reverse("cluster_sync:accept", args=[offer.pk]))

    article = sync["article"]
    article.title = "全市中小学秋季开学工作平稳有序（更新）"
    article.save_revision().publish()

    body = portal_column_html(client, sync)
    assert "全市中小学秋季开学工作平稳有序（更新）" in body


def test_unpublishing_the_original_removes_it_from_the_portal_column(sync, client):
    offer_over_http(sync, sync["portal_column"])
    offer = SyncOffer.objects.get(article=sync["article"])
    login(sync["portal_reviewer"]).post(reverse("cluster_sync:accept", args=[offer.pk]))
    assert "全市中小学秋季开学平稳有序" in portal_column_html(client, sync)

    sync["article"].unpublish()

    assert "全市中小学秋季开学平稳有序" not in portal_column_html(client, sync)


def test_decline_requires_a_reason_and_the_agency_sees_it(sync):
    offer_over_http(sync, sync["portal_column"])
    offer = SyncOffer.objects.get(article=sync["article"])
    reviewer = login(sync["portal_reviewer"])

    response = reviewer.post(reverse("cluster_sync:decline", args=[offer.pk]), {"reason": "  "})
    assert response.status_code == 400
    assert any("理由" in m for m in messages_of(response))
    offer.refresh_from_db()
    assert offer.status == SyncStatus.OFFERED

    response = reviewer.post(reverse("cluster_sync:decline", args=[offer.pk]), {"reason": "内容与本栏目定位不符"})
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == SyncStatus.DECLINED
    assert offer.reason == "内容与本栏目定位不符"

    own = login(sync["edu_editor"]).get(reverse("cluster_sync:index")).content.decode()
    assert "未采用" in own
    assert "内容与本栏目定位不符" in own


@pytest.mark.parametrize("who", ["edu_editor", "edu_reviewer", "portal_editor"])
def test_only_the_portals_reviewers_decide(sync, who):
    offer_over_http(sync, sync["portal_column"])
    offer = SyncOffer.objects.get(article=sync["article"])
    client = login(sync[who])

    response = client.post(reverse("cluster_sync:accept", args=[offer.pk]))
    assert response.status_code in (403, 404)
    assert messages_of(response)
    response = client.post(reverse("cluster_sync:decline", args=[offer.pk]), {"reason": "越权"})
    assert response.status_code in (403, 404)
    offer.refresh_from_db()
    assert offer.status == SyncStatus.OFFERED


def test_department_editor_sees_no_review_queue(sync):
    offer_over_http(sync, sync["portal_column"])
    body = login(sync["edu_editor"]).get(reverse("cluster_sync:index")).content.decode()
    assert "待审核的推送" not in body
    assert "本单位的推送" in body
    assert "待审核" in body  # the status of its own offer


def test_an_offer_to_a_non_portal_column_is_refused(sync):
    own_column = column(sync["homes"]["edu"], "tzgg")
    town_column = column(sync["homes"]["town"], "xzdt")
    for target in (own_column, town_column):
        response = offer_over_http(sync, target)
        assert response.status_code == 400
        assert any("门户" in m for m in messages_of(response))
    assert not SyncOffer.objects.exists()


def test_an_offer_to_a_portal_single_page_column_is_refused(sync):
    response = offer_over_http(sync, column(sync["homes"]["city"], "zjss"))
    assert response.status_code == 400
    assert not SyncOffer.objects.exists()


def test_a_draft_cannot_be_offered(sync):
    draft = draft_article(column(sync["homes"]["edu"], "gzdt"), "尚未发布的稿件")
    response = login(sync["edu_editor"]).post(
        reverse("cluster_sync:offer", args=[draft.pk]), {"columns": [sync["portal_column"].pk]}
    )
    assert response.status_code == 400
    assert not SyncOffer.objects.exists()


def test_another_agency_cannot_offer_the_article(sync, cluster, make_staff):
    town_editor = make_staff(cluster["agencies"]["town"], Role.EDITOR)
    response = login(town_editor).post(
        reverse("cluster_sync:offer", args=[sync["article"].pk]), {"columns": [sync["portal_column"].pk]}
    )
    assert response.status_code == 404
    assert not SyncOffer.objects.exists()


def test_deciding_twice_is_a_conflict_not_a_crash(sync):
    offer_over_http(sync, sync["portal_column"])
    offer = SyncOffer.objects.get(article=sync["article"])
    reviewer = login(sync["portal_reviewer"])
    reviewer.post(reverse("cluster_sync:accept", args=[offer.pk]))
    response = reviewer.post(reverse("cluster_sync:accept", args=[offer.pk]))
    assert response.status_code == 409
    assert any("已处理" in m for m in messages_of(response))


def test_withdrawing_an_accepted_offer_removes_it_from_the_portal(sync, client):
    offer_over_http(sync, sync["portal_column"])
    offer = SyncOffer.objects.get(article=sync["article"])
    login(sync["portal_reviewer"]).post(reverse("cluster_sync:accept", args=[offer.pk]))
    response = login(sync["edu_editor"]).post(reverse("cluster_sync:withdraw", args=[offer.pk]))
    assert response.status_code == 302
    assert "全市中小学秋季开学平稳有序" not in portal_column_html(client, sync)


def test_sync_menu_is_in_the_admin_menu(sync):
    body = login(sync["edu_editor"]).get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("cluster_sync:index") in body


def test_push_to_portal_is_a_labelled_action_in_the_edit_menu(sync):
    """Issue 19 (6): 推送到门户 was only an entry of the header's dots menu; now it is one of
    the page's actions, with its label, beside 保存草稿."""
    import re

    url = reverse("cluster_sync:offer", args=[sync["article"].pk])
    body = login(sync["edu_editor"]).get(reverse("wagtailadmin_pages:edit", args=[sync["article"].pk])).content
    # The action menu's link (wagtailadmin/shared/action_menu/menu_item.html), label and all.
    assert re.search(
        rf'<a class="button[^"]*" href="{re.escape(url)}">(?:(?!</a>).)*推送到门户</a>', body.decode(), re.S
    )
    draft = draft_article(column(sync["homes"]["edu"], "gzdt"), "尚未发布的文章")
    unpublished = login(sync["edu_editor"]).get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert reverse("cluster_sync:offer", args=[draft.pk]) not in unpublished  # only a live article is offered
