"""Public pages through the test client: the chrome every page carries (meta tags,
registry footer), home pages per site kind, column lists, articles and error pages."""

from __future__ import annotations

import io
import re

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import RequestFactory, override_settings

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

import pytest

from govportal.cluster import actions
from govportal.cluster.models import ArticleAttachment, ClusterNavPage
from govportal.cluster.views import server_error
from govportal.core.models import Role
from tests.conftest import column, publish_article

PORTAL = {"HTTP_HOST": "localhost"}
EDU = {"HTTP_HOST": "jyj.localhost"}


def meta(html: str, name: str) -> str | None:
    match = re.search(rf'<meta name="{name}" content="([^"]*)">', html)
    return match.group(1) if match else None


def get(client, url, host=PORTAL, status=200) -> str:
    response = client.get(url, **host)
    assert response.status_code == status, url
    return response.content.decode()


def assert_portal_registry_footer(html: str) -> None:
    assert '<a href="https://beian.miit.gov.cn/" rel="noopener">湘ICP备00000001号</a>' in html
    assert "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=43010002000001" in html
    assert "网站标识码：4301000001" in html
    assert "主办单位：示例市人民政府" in html
    # 党政机关网站标识: the portal is registered for it — the mark links to its verification page
    assert 'href="https://bszs.conac.cn/sitename?method=show&amp;id=0A5FBD1E54BB4B57E05310291AAC9D05"' in html
    assert 'alt="党政机关网站标识"' in html
    assert 'href="https://www.12377.cn/"' in html
    assert 'href="/accessibility/"' in html


def test_portal_home_carries_site_meta_tags_landmarks_and_registry_footer(client, cluster):
    html = get(client, "/")
    assert '<html lang="zh-Hans">' in html
    assert 'class="skip-link" href="#main"' in html and '<main id="main"' in html
    assert "<header" in html and "<footer" in html and 'aria-label="栏目导航"' in html
    assert meta(html, "SiteName") == "示例市人民政府"
    assert meta(html, "SiteDomain") == "localhost"
    assert meta(html, "SiteIDCode") == "4301000001"
    assert meta(html, "ArticleTitle") is None
    assert_portal_registry_footer(html)


def test_sub_site_shows_its_own_name_and_the_portals_registry_data(client, cluster):
    html = get(client, "/qsz/")
    assert meta(html, "SiteName") == "青山镇"
    assert '<span class="brand-name">青山镇</span>' in html
    assert meta(html, "SiteIDCode") == "4301000001"
    assert_portal_registry_footer(html)


def test_department_site_on_own_hostname_shows_its_own_registry(client, cluster):
    html = get(client, "/", host=EDU)
    assert meta(html, "SiteName") == "示例市教育局"
    assert meta(html, "SiteDomain") == "jyj.localhost"
    assert meta(html, "SiteIDCode") == "4301000002"
    assert "网站标识码：4301000002" in html
    assert "湘ICP备00000001号" not in html
    # not registered for the 党政机关网站标识: no mark, no picture of it
    assert "党政机关网站标识" not in html and "dangzheng" not in html


def test_conac_code_is_validated_and_only_a_registered_site_shows_its_mark(client, cluster):
    from django.core.exceptions import ValidationError

    edu = cluster["homes"]["edu"]
    edu.conac_code = "<script>"
    with pytest.raises(ValidationError, match="党政机关网站标识编号"):
        edu.full_clean()
    edu.conac_code = "1B2C3D4E5F60718293A4B5C6D7E8F901"
    edu.save_revision().publish()
    html = get(client, "/", host=EDU)
    assert "https://bszs.conac.cn/sitename?method=show&amp;id=1B2C3D4E5F60718293A4B5C6D7E8F901" in html


def test_top_level_columns_form_the_site_navigation(client, cluster):
    html = get(client, "/", host=EDU)
    nav = html.split('aria-label="栏目导航"')[1].split("</nav>")[0]
    for title in ["首页", "工作动态", "通知公告", "政策文件", "机构职能"]:
        assert f">{title}</a>" in nav


def test_portal_home_has_service_entries_news_blocks_and_cluster_navigation(client, cluster):
    nav = ClusterNavPage(title="网站群导航", slug="wzqdh")
    cluster["homes"]["city"].add_child(instance=nav)
    nav.save_revision().publish()
    publish_article(column(cluster["homes"]["city"], "zwyw"), "市政府召开常务会议")
    publish_article(column(cluster["homes"]["city"], "tzgg"), "关于元旦放假的通知")

    html = get(client, "/")

    entries = html.split('aria-label="服务入口"')[1].split("</nav>")[0]
    # Every area's tile (cluster/areas.py); 专题 only once the portal has its 专题专栏.
    tiles = [t for t in re.findall(r'href="[^"]+"[^>]*>([^<]+)', entries)]
    assert tiles == ["政府信息公开", "网上办事", "互动交流", "在线访谈", "调查征集", "便民服务", "企业风采"]
    assert "市政府召开常务会议" in html and "关于元旦放假的通知" in html
    sitegroups = html.split('id="cluster-title"')[1]
    assert "部门网站" in sitegroups and "示例市教育局" in sitegroups
    assert "乡镇/街道网站" in sitegroups and "青山镇" in sitegroups
    assert 'href="/wzqdh/">全部网站</a>' in sitegroups


def test_cluster_navigation_page_lists_every_site_by_kind(client, cluster):
    nav = ClusterNavPage(title="网站群导航", slug="wzqdh")
    cluster["homes"]["city"].add_child(instance=nav)
    nav.save_revision().publish()
    html = get(client, "/wzqdh/")
    for label, site in [("部门网站", "示例市教育局"), ("乡镇/街道网站", "青山镇"), ("村/社区页面", "东坪村")]:
        assert label in html and f">{site}</a>" in html
    assert 'href="http://jyj.localhost/"' in html


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def make_image(title: str):
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 180), (15, 76, 129)).save(buffer, "PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="cover.png"))


def test_portal_home_shows_headline_pictures_without_script(client, cluster, media):
    news = column(cluster["homes"]["city"], "zwyw")
    publish_article(news, "全市重点项目集中开工", is_headline=True, cover_image=make_image("开工现场"))
    publish_article(news, "没有图片的头条", is_headline=True)
    html = get(client, "/")
    pictures = html.split('id="headlines-title"')[1].split("</section>")[0]
    assert "全市重点项目集中开工" in pictures and "<img" in pictures
    assert "没有图片的头条" not in pictures
    assert "<script" not in pictures


def test_township_home_lists_its_villages_and_village_page_lives_under_it(client, cluster):
    town_html = get(client, "/qsz/")
    for title in ["村务公开", "一村一品", "农技知识"]:
        assert f">{title}</h2>" in town_html
    villages = town_html.split('id="villages-title"')[1].split("</section>")[0]
    assert 'href="/qsz/dpc/">东坪村</a>' in villages

    publish_article(column(cluster["homes"]["village"], "cwgk"), "东坪村2026年第三季度财务公开")
    village_html = get(client, "/qsz/dpc/")
    assert "<h1>东坪村</h1>" in village_html
    assert ">村务公开</h2>" in village_html and ">村情简介</h2>" in village_html
    assert "东坪村2026年第三季度财务公开" in village_html
    crumbs = village_html.split('aria-label="当前位置"')[1].split("</nav>")[0]
    assert re.findall(r">([^<>]+)</(?:a|span)>", crumbs) == ["首页", "青山镇", "东坪村"]
    assert meta(village_html, "SiteIDCode") == "4301000001"


def test_column_list_has_column_meta_dates_pinned_mark_and_rss(client, cluster):
    news = column(cluster["homes"]["edu"], "gzdt")
    publish_article(news, "普通新闻")
    publish_article(news, "置顶新闻", is_pinned=True)
    publish_article(news, "最新新闻")
    html = get(client, "/gzdt/", host=EDU)
    assert meta(html, "ColumnName") == "工作动态"
    assert meta(html, "ColumnType") == "动态要闻类"
    assert meta(html, "SiteIDCode") == "4301000002"
    items = html.split('class="items"')[1].split("</ul>")[0]
    titles = re.findall(r"</span>([^<]+)</a>|<a href=\"[^\"]+\">([^<]+)</a>", items)
    assert [a or b for a, b in titles] == ["置顶新闻", "最新新闻", "普通新闻"]
    assert '<span class="badge">置顶</span>置顶新闻' in items
    assert len(re.findall(r">\d{4}-\d{2}-\d{2}</time>", items)) == 3
    assert 'type="application/rss+xml"' in html and 'href="/gzdt/rss/"' in html
    assert "网站标识码：4301000002" in html


@pytest.fixture
def five_articles(cluster, settings):
    settings.GOVPORTAL_ARTICLES_PER_PAGE = 2
    news = column(cluster["homes"]["city"], "zwyw")
    for n in range(5):
        publish_article(news, f"要闻第{n + 1}条")
    return news


def test_column_pagination_second_page_works_and_marks_current_page(client, five_articles):
    html = get(client, "/zwyw/?page=2")
    pager = html.split('aria-label="分页"')[1].split("</nav>")[0]
    assert re.search(r'<a href="\?page=2" aria-current="page">', pager)
    assert '<a href="?page=1" rel="prev">上一页</a>' in pager
    assert '<a href="?page=3" rel="next">下一页</a>' in pager
    assert "要闻第3条" in html and "要闻第5条" not in html


def test_last_page_has_no_next_link(client, five_articles):
    pager = get(client, "/zwyw/?page=3").split('aria-label="分页"')[1].split("</nav>")[0]
    assert 'rel="next"' not in pager and '<span class="off">下一页</span>' in pager


@pytest.mark.parametrize("page", ["4", "0", "abc", "-1"])
def test_column_page_beyond_range_or_not_a_number_is_404(client, five_articles, page):
    html = get(client, f"/zwyw/?page={page}", status=404)
    assert "页面不存在" in html


def test_article_page_has_meta_breadcrumb_time_source_and_print(client, cluster):
    article = publish_article(
        column(cluster["homes"]["edu"], "tzgg"),
        "关于2026年秋季学期开学工作的通知",
        subtitle="各中小学校务必做好准备",
        author="办公室",
        summary="部署秋季学期开学工作。",
    )
    article.tags.add("开学", "教育")
    article.save_revision().publish()
    html = get(client, article.url, host=EDU)

    assert meta(html, "ArticleTitle") == "关于2026年秋季学期开学工作的通知"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", meta(html, "PubDate"))
    assert meta(html, "ContentSource") == "示例市教育局"
    assert set(meta(html, "Keywords").split(",")) == {"开学", "教育"}
    assert meta(html, "Description") == "部署秋季学期开学工作。"
    assert meta(html, "ColumnName") == "通知公告" and meta(html, "ColumnType") == "通知公告类"
    assert meta(html, "SiteName") == "示例市教育局"

    crumbs = html.split('aria-label="当前位置"')[1].split("</nav>")[0]
    assert re.findall(r">([^<>]+)</(?:a|span)>", crumbs) == ["首页", "通知公告", "关于2026年秋季学期开学工作的通知"]
    assert 'aria-current="page"' in crumbs

    assert re.search(r"发布时间：<time [^>]+>\d{4}-\d{2}-\d{2} \d{2}:\d{2}</time>", html)
    shown = re.search(r"发布时间：<time [^>]+>([^<]+)</time>", html).group(1)
    assert shown == meta(html, "PubDate")
    assert "来源：示例市教育局" in html and "作者：办公室" in html
    assert "各中小学校务必做好准备" in html
    assert "打印本页" in html
    assert f'<link rel="canonical" href="{article.full_url}">' in html


def test_article_attachments_show_file_type_and_size(client, cluster, media):
    document = get_document_model().objects.create(title="报名表", file=ContentFile(b"x" * 2048, name="form.xlsx"))
    article = publish_article(
        column(cluster["homes"]["city"], "tzgg"),
        "关于报名的通知",
        attachments=[ArticleAttachment(document=document, title="附件1：报名表")],
    )
    html = get(client, article.url)
    section = html.split('id="att-title"')[1].split("</section>")[0]
    assert "附件1：报名表" in section
    assert "XLSX" in section and "2.0" in section and "KB" in section


def test_synced_article_listed_in_portal_links_to_original_with_source(client, cluster, make_staff):
    edu_editor = make_staff(cluster["agencies"]["edu"], Role.EDITOR)
    portal_reviewer = make_staff(cluster["agencies"]["city"], Role.REVIEWER)
    article = publish_article(column(cluster["homes"]["edu"], "gzdt"), "教育局召开家校共育座谈会")
    offers = actions.article_offer(
        actor=edu_editor, article=article, columns=[column(cluster["homes"]["city"], "bmdt")]
    )
    actions.sync_offer_accept(actor=portal_reviewer, offer=offers[0])

    portal_list = get(client, "/bmdt/")
    assert f'<a href="{article.full_url}"><span class="badge from">示例市教育局</span>' in portal_list

    article_html = get(client, article.url, host=EDU)
    assert f'<link rel="canonical" href="{article.full_url}">' in article_html
    assert "来源：示例市教育局" in article_html


def test_single_page_column_shows_its_body(client, cluster):
    intro = column(cluster["homes"]["edu"], "jgzn")
    intro.body = "<p>负责全市教育事业发展规划。</p>"
    intro.save_revision().publish()
    html = get(client, "/jgzn/", host=EDU)
    assert "<h1>机构职能</h1>" in html and "负责全市教育事业发展规划。" in html
    assert meta(html, "ColumnName") == "机构职能"


def test_unknown_page_is_404_in_the_site_chrome(client, cluster):
    html = get(client, "/no-such-page/", host=EDU, status=404)
    assert "抱歉，您访问的页面不存在" in html
    assert '<a href="/">返回网站首页</a>' in html
    assert '<span class="brand-name">示例市教育局</span>' in html
    assert "网站标识码：4301000002" in html
    assert '<html lang="zh-Hans">' in html


@pytest.mark.parametrize("path", ["/no-such-page/", "/no-such-page.html", "/zwgk/no-such-part/", "/a/b/c/"])
def test_a_mistyped_url_shows_the_project_404_even_with_debug_on(client, cluster, path):
    # `make run` runs with DEBUG on (the embedded default): a citizen trying the demo who
    # mistypes a URL sees the site's own Chinese page, not Django's technical 404 (issue 19).
    with override_settings(DEBUG=True):
        response = client.get(path, **EDU)
    html = response.content.decode()
    assert response.status_code == 404
    assert "抱歉，您访问的页面不存在" in html and '<span class="brand-name">示例市教育局</span>' in html
    assert "URLconf" not in html and "Page not found" not in html


def test_with_debug_on_a_missing_slash_still_redirects_and_the_api_404_stays_json(client, cluster):
    with override_settings(DEBUG=True):
        assert client.get("/zwgk", **EDU).status_code == 301
        response = client.get("/api/v1/articles/99999999", **EDU)
    assert response.status_code == 404 and response.json()["detail"]


def test_server_error_page_renders_without_touching_the_database():
    # No `db` fixture: pytest-django fails any query this test makes.
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "抱歉，服务暂时不可用" in html and '<a href="/">返回网站首页</a>' in html
    assert '<html lang="zh-Hans">' in html and "<footer" in html


def test_accessibility_statement_is_reachable_from_every_site(client, cluster):
    html = get(client, "/accessibility/", host=EDU)
    assert "<h1>无障碍声明</h1>" in html
    assert "GB/T 37668-2019" in html
    assert meta(html, "SiteIDCode") == "4301000002"


def test_sub_columns_are_listed_beside_the_column_and_beside_each_other(client, cluster):
    policy = column(cluster["homes"]["edu"], "zcwj")
    actions.column_create(actor=None, parent=policy, title="规范性文件", slug="gfxwj")
    actions.column_create(actor=None, parent=policy, title="政策解读", slug="zcjd")

    parent_html = get(client, "/zcwj/", host=EDU)
    menu = parent_html.split('aria-label="子栏目"')[1].split("</nav>")[0]
    assert ">规范性文件</a>" in menu and ">政策解读</a>" in menu

    child_html = get(client, "/zcwj/zcjd/", host=EDU)
    menu = child_html.split('aria-label="子栏目"')[1].split("</nav>")[0]
    assert 'aria-current="page">政策解读</a>' in menu and ">规范性文件</a>" in menu
    crumbs = child_html.split('aria-label="当前位置"')[1].split("</nav>")[0]
    assert re.findall(r">([^<>]+)</(?:a|span)>", crumbs) == ["首页", "政策文件", "政策解读"]
    assert meta(child_html, "ColumnName") == "政策解读"


def test_column_list_leaves_out_articles_behind_a_view_restriction(client, cluster):
    from wagtail.models import PageViewRestriction

    news = column(cluster["homes"]["city"], "zwyw")
    publish_article(news, "公开的新闻稿")
    hidden = publish_article(news, "仅限内部查阅的材料")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="x")
    html = client.get(news.url, HTTP_HOST="localhost").content.decode()
    assert "公开的新闻稿" in html
    assert "仅限内部查阅的材料" not in html
