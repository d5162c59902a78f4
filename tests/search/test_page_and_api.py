"""The public search page (no JavaScript needed) and GET /api/v1/search."""

from __future__ import annotations

from django.utils import timezone

import pytest

from govportal.search.models import SearchQueryStat
from tests.conftest import column, draft_article


def test_page_without_query_shows_the_form(client, cluster):
    response = client.get("/search/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'method="get"' in html and 'name="q"' in html and "站内搜索" in html


def test_page_lists_hits_with_highlight_site_and_publish_time(client, corpus):
    response = client.get("/search/", {"q": "公积金"})
    html = response.content.decode()
    assert "找到 1 条结果" in html
    assert "<mark>住房公积金</mark>提取办法解读" in html  # the synonym group is marked whole
    article = corpus["gjj"]
    assert "示例市教育局" in html
    assert timezone.localtime(article.first_published_at).strftime("%Y-%m-%d %H:%M") in html
    assert "提取<mark>住房公积金</mark>" in html  # snippet highlighted too


def test_page_groups_results_by_type_with_counts(client, corpus):
    html = client.get("/search/", {"q": "保险"}).content.decode()
    assert "文章（3）" in html


def test_page_filters_by_site(client, corpus, cluster):
    town = cluster["homes"]["town"]
    html = client.get("/search/", {"q": "网站建设", "site": town.pk}).content.decode()
    assert "青山镇推进" in html and "學校" not in html


def test_page_date_range_and_sort_by_date(client, corpus):
    today = timezone.localdate()
    start = (today - timezone.timedelta(days=20)).isoformat()
    html = client.get("/search/", {"q": "保险", "start": start, "sort": "date"}).content.decode()
    # 医疗政策问答 (3 days) before 保险政策宣传进村 (7 days); 人力资源工作动态 is 10 days old.
    assert html.index("医疗政策问答") < html.index("政策宣传进村") < html.index("人力资源工作动态")
    assert "社保缴费基数" not in html  # 30 days old: outside the range


def test_page_paginates_with_working_links(client, cluster, publish):
    col = column(cluster["homes"]["city"], "tzgg")
    for n in range(12):
        publish(col, f"森林防火通知第{n}期", "<p>注意用火安全。</p>")
    first = client.get("/search/", {"q": "森林防火"}).content.decode()
    assert "第 1 / 2 页" in first and 'rel="next"' in first
    second = client.get("/search/", {"q": "森林防火", "page": 2}).content.decode()
    assert second.count('class="search-hit"') == 2


def test_bad_filters_are_ignored_not_an_error(client, corpus):
    response = client.get("/search/", {"q": "公积金", "start": "昨天", "site": "abc", "type": "nope"})
    assert response.status_code == 200
    assert "<mark>住房公积金</mark>" in response.content.decode()


def test_no_result_page_offers_suggestions_and_hot_searches(client, corpus):
    client.get("/search/", {"q": "社保"})
    client.get("/search/", {"q": "社保"})
    html = client.get("/search/", {"q": "火星探测器"}).content.decode()
    assert "没有找到与“火星探测器”相关的内容" in html
    assert "热门搜索" in html and "?q=%E7%A4%BE%E4%BF%9D" in html


def test_homophone_typo_suggests_the_right_word(client, corpus):
    html = client.get("/search/", {"q": "社报"}).content.decode()
    assert "您是不是要找" in html and ">社保<" in html


def test_queries_are_counted_for_hot_searches(client, corpus):
    client.get("/search/", {"q": "社保"})
    client.get("/search/", {"q": "社保"})
    client.get("/search/", {"q": "社保", "page": 2})  # paging is not a new search
    assert SearchQueryStat.objects.get(query="社保").count == 2


def test_drafts_and_unpublished_items_never_appear(client, cluster, publish, django_capture_on_commit_callbacks):
    edu = column(cluster["homes"]["edu"], "tzgg")
    with django_capture_on_commit_callbacks(execute=True):
        draft_article(edu, "草稿里的垃圾分类方案")
    gone = publish(edu, "垃圾分类已撤稿")
    with django_capture_on_commit_callbacks(execute=True):
        gone.unpublish()
    html = client.get("/search/", {"q": "垃圾分类"}).content.decode()
    assert "草稿里的" not in html and "已撤稿" not in html
    assert client.get("/api/v1/search", {"q": "垃圾分类"}).json()["total"] == 0


def test_api_returns_total_facets_and_results(client, corpus, cluster):
    data = client.get("/api/v1/search", {"q": "網站建設"}).json()
    assert data["total"] == 2
    assert {"type": "article", "label": "文章", "count": 2, "count_exact": True} in data["facets"]
    assert data["total_exact"] is True
    hit = data["results"][0]
    assert set(hit) >= {"title", "url", "site", "type", "snippet", "published_at"}
    assert hit["type"] == "article" and hit["url"].startswith("http")
    assert hit["published_at"].endswith("+08:00")


def test_api_filters_site_type_dates_and_pages(client, corpus, cluster):
    edu = cluster["homes"]["edu"]
    data = client.get("/api/v1/search", {"q": "网站建设", "site": edu.pk, "type": "article"}).json()
    assert [r["title"] for r in data["results"]] == ["學校網站建設與維護規範"]
    assert data["results"][0]["site"] == {"id": edu.pk, "name": "示例市教育局"}
    today = timezone.localdate()
    since = (today - timezone.timedelta(days=20)).isoformat()
    data = client.get("/api/v1/search", {"q": "社保", "from": since}).json()
    assert [r["title"] for r in data["results"]] == ["人力资源工作动态"]
    until = (today - timezone.timedelta(days=20)).isoformat()
    data = client.get("/api/v1/search", {"q": "社保", "to": until}).json()
    assert [r["title"] for r in data["results"]] == ["社保缴费基数调整的通知"]
    assert client.get("/api/v1/search", {"q": "社保", "page": 2}).json()["results"] == []


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "社保", "sort": "random"}, {"q": "社保", "from": "2026-13-01"}, {"q": "社保", "type": "nope"}],
)
def test_api_rejects_bad_parameters_with_a_chinese_message(client, cluster, params):
    response = client.get("/api/v1/search", params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_suggest_endpoint_offers_titles_and_hot_queries(client, corpus):
    client.get("/search/", {"q": "住房公积金"})
    data = client.get("/api/v1/search/suggest", {"q": "住房"}).json()
    assert data["suggestions"][0] == "住房公积金"
    assert "住房公积金提取办法解读" in data["suggestions"]


def test_every_page_header_has_a_search_box_that_works_without_javascript(client, corpus):
    html = client.get("/").content.decode()
    assert 'action="/search/"' in html and 'id="header-q" name="q"' in html


def test_pages_behind_a_view_restriction_are_not_indexed(client, cluster, publish):
    from wagtail.models import PageViewRestriction

    col = column(cluster["homes"]["edu"], "tzgg")
    PageViewRestriction.objects.create(page=col, restriction_type=PageViewRestriction.PASSWORD, password="x")
    publish(col, "内部通知防汛值班表")
    assert client.get("/api/v1/search", {"q": "防汛"}).json()["total"] == 0


def test_column_page_offers_a_search_within_the_column(client, corpus, cluster):
    col = corpus["phrase_split"].get_parent()  # the portal's 通知公告
    html = client.get(col.url).content.decode()
    assert 'class="column-search"' in html and f'name="column" value="{col.pk}"' in html
    # 保险 is in two articles of this column and in one of the township's.
    html = client.get("/search/", {"q": "保险", "column": col.pk}).content.decode()
    assert "医疗政策问答" in html and "人力资源工作动态" in html and "政策宣传进村" not in html
    assert f'name="column" type="checkbox" value="{col.pk}" checked' in html  # keep or drop the scope
    html = client.get("/search/", {"q": "保险"}).content.decode()
    assert "政策宣传进村" in html
