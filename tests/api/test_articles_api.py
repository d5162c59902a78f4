"""GET /api/v1/articles and /articles/{id}."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile

from wagtail.documents.models import Document
from wagtail.models import PageViewRestriction

from govportal.cluster import selectors
from govportal.cluster.models import ArticleAttachment
from tests.conftest import column, draft_article, publish_article


def _titles(response):
    return [item["title"] for item in response.json()["results"]]


def test_drafts_are_never_listed_or_served(client, cluster):
    news = column(cluster["homes"]["city"], "zwyw")
    publish_article(news, "已发布的要闻")
    draft = draft_article(news, "尚未发布的草稿")

    listed = client.get("/api/v1/articles")
    assert _titles(listed) == ["已发布的要闻"]
    assert "尚未发布的草稿" not in _titles(client.get("/api/v1/articles", {"column": news.pk}))
    detail = client.get(f"/api/v1/articles/{draft.pk}")
    assert detail.status_code == 404
    assert detail.json() == {"detail": "文章不存在或未发布。"}


def test_unpublished_article_disappears_from_the_api(client, cluster):
    article = publish_article(column(cluster["homes"]["edu"], "gzdt"), "后来撤下的文章")
    article.unpublish()

    assert client.get("/api/v1/articles").json()["total"] == 0
    assert client.get(f"/api/v1/articles/{article.pk}").status_code == 404


def test_private_column_articles_are_not_public(client, cluster):
    news = column(cluster["homes"]["edu"], "tzgg")
    publish_article(news, "内部通知")
    PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.PASSWORD, password="x")

    assert client.get("/api/v1/articles").json()["total"] == 0


def test_site_filter_lists_the_sites_own_articles_not_its_sub_sites(client, cluster):
    homes = cluster["homes"]
    publish_article(column(homes["town"], "xzdt"), "青山镇召开安全生产会议")
    publish_article(column(homes["village"], "cwgk"), "东坪村三月财务公开")
    publish_article(column(homes["city"], "zwyw"), "市政府常务会议")

    assert _titles(client.get("/api/v1/articles", {"site": homes["town"].pk})) == ["青山镇召开安全生产会议"]
    assert _titles(client.get("/api/v1/articles", {"site": homes["village"].pk})) == ["东坪村三月财务公开"]
    assert _titles(client.get("/api/v1/articles", {"site": homes["city"].pk})) == ["市政府常务会议"]


def test_synced_article_appears_under_the_portal_column_with_its_original_url(client, cluster, synced_article):
    portal_column = column(cluster["homes"]["city"], "bmdt")

    response = client.get("/api/v1/articles", {"column": portal_column.pk})

    assert response.status_code == 200
    (item,) = response.json()["results"]
    assert item["id"] == synced_article.pk
    assert item["url"] == synced_article.get_full_url()
    assert item["url"].startswith("http://jyj.localhost/gzdt/")
    assert item["site"] == {"id": cluster["homes"]["edu"].pk, "name": "示例市教育局"}
    assert item["column"]["title"] == "工作动态"
    assert item["source"] == "市教育局"
    # It stays the education bureau's article: not one of the portal's own.
    assert client.get("/api/v1/articles", {"site": cluster["homes"]["city"].pk}).json()["total"] == 0


def test_column_filter_lists_exactly_what_the_column_page_lists(client, cluster, synced_article):
    portal_column = column(cluster["homes"]["city"], "bmdt")
    publish_article(portal_column, "门户自己发布的部门动态")
    draft_article(portal_column, "门户草稿")

    ids = {item["id"] for item in client.get("/api/v1/articles", {"column": portal_column.pk}).json()["results"]}

    assert ids == set(selectors.column_articles(portal_column).values_list("pk", flat=True))
    assert len(ids) == 2


def test_articles_are_paginated_newest_first(client, cluster):
    news = column(cluster["homes"]["edu"], "gzdt")
    for n in range(5):
        publish_article(news, f"工作动态第{n}条")

    first = client.get("/api/v1/articles", {"page_size": 2}).json()
    last = client.get("/api/v1/articles", {"page_size": 2, "page": 3}).json()

    assert first["total"] == 5 and first["page"] == 1 and first["page_size"] == 2
    assert [r["title"] for r in first["results"]] == ["工作动态第4条", "工作动态第3条"]
    assert [r["title"] for r in last["results"]] == ["工作动态第0条"]


def test_invalid_page_parameters_give_a_chinese_4xx(client, cluster):
    publish_article(column(cluster["homes"]["edu"], "gzdt"), "一条动态")

    zero = client.get("/api/v1/articles", {"page": 0})
    text = client.get("/api/v1/articles", {"page": "第二页"})
    beyond = client.get("/api/v1/articles", {"page": 2})
    too_big = client.get("/api/v1/articles", {"page_size": 101})

    assert zero.status_code == 422 and zero.json()["detail"] == "请求参数有误：页码 page 不能小于 1。"
    assert text.status_code == 422 and "页码 page 必须是整数" in text.json()["detail"]
    assert beyond.status_code == 404 and beyond.json()["detail"] == "页码超出范围：共 1 页。"
    assert too_big.status_code == 422 and "每页条数 page_size 不能大于 100" in too_big.json()["detail"]


def test_unknown_site_or_column_filter_is_404(client, cluster):
    assert client.get("/api/v1/articles", {"site": 987654}).json() == {"detail": "网站不存在或未公开。"}
    assert client.get("/api/v1/articles", {"column": 987654}).json() == {"detail": "栏目不存在或未公开。"}


def test_published_at_is_beijing_time_in_iso_8601(client, cluster):
    article = publish_article(column(cluster["homes"]["edu"], "gzdt"), "一条动态")

    published_at = client.get("/api/v1/articles").json()["results"][0]["published_at"]

    assert published_at.endswith("+08:00")
    parsed = dt.datetime.fromisoformat(published_at)
    assert abs(parsed - article.first_published_at) < dt.timedelta(seconds=1)


def test_article_detail_has_body_html_attachments_and_absolute_links(client, cluster, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    edu_news = column(cluster["homes"]["edu"], "gzdt")
    linked = publish_article(edu_news, "被引用的文章")
    body = f'<p>详见<a linktype="page" id="{linked.pk}">相关文章</a>。</p>'
    article = publish_article(edu_news, "带附件的通知", body=body, author="李明")
    document = Document.objects.create(title="校历", file=ContentFile(b"%PDF-1.4 demo", name="xiaoli.pdf"))
    ArticleAttachment.objects.create(page=article, document=document, title="2026年秋季学期校历")

    response = client.get(f"/api/v1/articles/{article.pk}")

    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "带附件的通知" and data["author"] == "李明"
    assert data["source"] == "示例市教育局"
    assert f'href="{linked.get_full_url()}"' in data["body"]
    assert 'linktype="page"' not in data["body"]
    (attachment,) = data["attachments"]
    assert attachment["title"] == "2026年秋季学期校历"
    assert attachment["url"].startswith("http://jyj.localhost/documents/")
    assert attachment["size"] == len(b"%PDF-1.4 demo")


def test_article_list_costs_a_fixed_number_of_queries(client, cluster, synced_article, django_assert_max_num_queries):
    homes = cluster["homes"]
    for home, slug in [(homes["city"], "zwyw"), (homes["town"], "xzdt"), (homes["village"], "cwgk")]:
        for n in range(4):
            publish_article(column(home, slug), f"{home.title}动态{n}")

    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/articles", {"page_size": 100})

    assert response.json()["total"] == 13
    assert {r["site"]["name"] for r in response.json()["results"]} == {
        "示例市人民政府",
        "青山镇",
        "东坪村",
        "示例市教育局",
    }
