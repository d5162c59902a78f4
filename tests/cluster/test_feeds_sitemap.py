"""RSS per column, sitemap.xml and robots.txt per host — through HTTP."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

from django.test import override_settings
from django.utils import timezone

import pytest

from govportal.cluster import actions
from govportal.cluster.models import ColumnLayout
from govportal.core.models import Role
from tests.conftest import column, draft_article, publish_article

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _rss(client, url, host="localhost"):
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel")


def _sitemap(client, host):
    response = client.get("/sitemap.xml", HTTP_HOST=host)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url.findtext("sm:lastmod", namespaces=SITEMAP_NS)
        for url in root.findall("sm:url", SITEMAP_NS)
    }


@pytest.fixture
def synced(cluster, make_staff):
    editor = make_staff(cluster["agencies"]["edu"], Role.EDITOR)
    reviewer = make_staff(cluster["agencies"]["city"], Role.REVIEWER)
    article = publish_article(column(cluster["homes"]["edu"], "gzdt"), "教育局部署秋季开学工作", summary="开学工作部署")
    (offer,) = actions.article_offer(actor=editor, article=article, columns=[column(cluster["homes"]["city"], "bmdt")])
    actions.sync_offer_accept(actor=reviewer, offer=offer)
    return article


def test_column_rss_is_rss_2_with_chinese_channel_and_the_column_articles(client, cluster):
    news = column(cluster["homes"]["city"], "zwyw")
    older = publish_article(news, "全市经济工作会议召开", summary="会议部署明年工作")
    newer = publish_article(news, "市政府常务会议研究防汛工作")
    draft_article(news, "尚未发布的草稿")

    channel = _rss(client, "/zwyw/rss/")

    assert channel.findtext("title") == "政务要闻 - 示例市人民政府"
    assert channel.findtext("link") == "http://localhost/zwyw/"
    assert channel.findtext("language") == "zh-cn"
    assert channel.findtext("description")
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["市政府常务会议研究防汛工作", "全市经济工作会议召开"]
    assert items[1].findtext("link") == older.get_full_url()
    assert items[1].findtext("guid") == older.get_full_url()
    assert items[1].findtext("description") == "会议部署明年工作"
    assert items[1].findtext("category") == "政务要闻"
    pub_date = items[0].findtext("pubDate")
    assert pub_date.endswith("+0800")
    assert abs(parsedate_to_datetime(pub_date) - newer.first_published_at) < dt.timedelta(seconds=1)


def test_portal_column_rss_carries_synced_article_with_its_original_url(client, cluster, synced):
    channel = _rss(client, "/bmdt/rss/")

    (item,) = channel.findall("item")
    assert item.findtext("title") == "教育局部署秋季开学工作"
    assert item.findtext("link") == synced.get_full_url()
    assert item.findtext("link").startswith("http://jyj.localhost/gzdt/")
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "示例市教育局"


def test_rss_of_a_department_column_is_served_on_its_own_host(client, cluster):
    publish_article(column(cluster["homes"]["edu"], "tzgg"), "关于秋季招生的通知")

    channel = _rss(client, "/tzgg/rss/", host="jyj.localhost")

    assert channel.findtext("title") == "通知公告 - 示例市教育局"
    assert [i.findtext("title") for i in channel.findall("item")] == ["关于秋季招生的通知"]


def test_rss_of_a_column_in_a_sub_site_names_the_sub_site(client, cluster):
    publish_article(column(cluster["homes"]["village"], "cwgk"), "东坪村三月财务公开")

    channel = _rss(client, "/qsz/dpc/cwgk/rss/")

    assert channel.findtext("title") == "村务公开 - 东坪村"


def test_portal_sitemap_lists_portal_pages_and_its_sub_sites_with_lastmod(client, cluster):
    article = publish_article(column(cluster["homes"]["village"], "cwgk"), "东坪村三月财务公开")
    draft_article(column(cluster["homes"]["city"], "zwyw"), "草稿不应出现")

    urls = _sitemap(client, "localhost")

    assert "http://localhost/" in urls
    assert "http://localhost/zwyw/" in urls
    assert "http://localhost/qsz/" in urls  # township sub-site
    assert "http://localhost/qsz/dpc/" in urls  # village page under it
    assert article.get_full_url() in urls
    assert not any("jyj.localhost" in url for url in urls)
    assert not any("%E8%8D%89%E7%A8%BF" in url for url in urls)  # "草稿"
    published_on = timezone.localdate(article.last_published_at).isoformat()
    # The article's own date, carried up to its column, village page, township and portal home.
    for url in [article.get_full_url(), "http://localhost/qsz/dpc/cwgk/", "http://localhost/qsz/", "http://localhost/"]:
        assert urls[url] == published_on, url


def test_department_sitemap_lists_only_that_sites_pages(client, cluster):
    article = publish_article(column(cluster["homes"]["edu"], "gzdt"), "教育局部署秋季开学工作")
    publish_article(column(cluster["homes"]["city"], "zwyw"), "门户要闻")

    urls = _sitemap(client, "jyj.localhost")

    assert set(urls) == {
        "http://jyj.localhost/",
        "http://jyj.localhost/gzdt/",
        "http://jyj.localhost/tzgg/",
        "http://jyj.localhost/zcwj/",
        "http://jyj.localhost/jgzn/",
        "http://jyj.localhost/xxgk/",  # 政府信息公开, added to every site by the disclosure app
        article.get_full_url(),
    }
    assert urls[article.get_full_url()] is not None
    assert urls["http://jyj.localhost/gzdt/"] == urls[article.get_full_url()]


@override_settings(ALLOWED_HOSTS=["localhost", ".localhost", "www.shili.gov.cn"])
def test_sitemap_urls_use_the_host_the_site_is_served_on(client, cluster):
    # Issue 19: not the hostname or port stored on the Site — behind nginx on another port,
    # or under the production hostname, the sitemap must point where the crawler came.
    article = publish_article(column(cluster["homes"]["edu"], "gzdt"), "教育局部署秋季开学工作")
    path = article.get_url_parts()[2]

    on_port = _sitemap(client, "jyj.localhost:8080")
    assert "http://jyj.localhost:8080/" in on_port and f"http://jyj.localhost:8080{path}" in on_port
    assert all(url.startswith("http://jyj.localhost:8080/") for url in on_port)

    production = client.get("/sitemap.xml", HTTP_HOST="www.shili.gov.cn", secure=True)
    root = ET.fromstring(production.content)
    locations = [u.findtext("sm:loc", namespaces=SITEMAP_NS) for u in root.findall("sm:url", SITEMAP_NS)]
    assert "https://www.shili.gov.cn/" in locations and "https://www.shili.gov.cn/zwyw/" in locations
    assert not any("localhost" in url for url in locations)
    robots = client.get("/robots.txt", HTTP_HOST="www.shili.gov.cn", secure=True).content.decode()
    assert "Sitemap: https://www.shili.gov.cn/sitemap.xml" in robots


def test_sitemap_leaves_out_unpublished_pages_and_link_columns(client, cluster):
    edu = cluster["homes"]["edu"]
    article = publish_article(column(edu, "gzdt"), "后来撤下的文章")
    article.unpublish()
    actions.column_create(
        actor=None,
        parent=edu,
        title="省教育厅",
        slug="stjyt",
        layout=ColumnLayout.LINK,
        link_url="https://example.org/",
    )

    urls = _sitemap(client, "jyj.localhost")

    assert article.get_full_url() not in urls
    assert "http://jyj.localhost/stjyt/" not in urls


def test_synced_article_makes_the_portal_column_fresh_in_the_sitemap(client, cluster, synced):
    urls = _sitemap(client, "localhost")

    assert urls["http://localhost/bmdt/"] is not None
    # The article itself is listed once, under its own site.
    assert synced.get_full_url() not in urls
    assert synced.get_full_url() in _sitemap(client, "jyj.localhost")


def test_sitemap_costs_a_fixed_number_of_queries(client, cluster, django_assert_max_num_queries):
    for slug in ["zwyw", "tzgg", "bmdt"]:
        for n in range(3):
            publish_article(column(cluster["homes"]["city"], slug), f"{slug}文章{n}")

    with django_assert_max_num_queries(15):
        client.get("/sitemap.xml", HTTP_HOST="localhost")


@pytest.mark.parametrize("host", ["localhost", "jyj.localhost"])
def test_robots_txt_points_at_the_hosts_own_sitemap(client, cluster, host):
    response = client.get("/robots.txt", HTTP_HOST=host)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Sitemap: http://{host}/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def test_column_rss_query_count_does_not_grow_with_items(client, cluster, synced):
    """The feed's cost is fixed: the same number of queries for 3 items as for 11 (the
    absolute number differs between SQLite and PostgreSQL, the growth must not)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    portal_column = column(cluster["homes"]["city"], "bmdt")

    def queries_for_feed(expected_items: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            channel = _rss(client, "/bmdt/rss/")
        assert len(channel.findall("item")) == expected_items
        return len(captured.captured_queries)

    for n in range(2):
        publish_article(portal_column, f"部门动态{n}")
    queries_for_feed(3)  # warm Wagtail's cached site root paths, which the first request fills
    few = queries_for_feed(3)
    for n in range(2, 10):
        publish_article(portal_column, f"部门动态{n}")
    many = queries_for_feed(11)

    assert many == few
