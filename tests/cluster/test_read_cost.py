"""What a cache-miss read costs (issue 9, bench 2): routing finds the page along the URL in
one query with the same result as Wagtail's walk down the tree; a page's SQL does not grow
with its depth in the cluster or with how many synchronised items a list shows; the list of
private sections is read once per request."""

from __future__ import annotations

from urllib.parse import unquote

from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction, Site

import pytest
import time_machine

from govportal.cluster import actions
from govportal.cluster.models import SiteHomePage
from govportal.core.models import Role
from tests.conftest import column, draft_article, publish_article


def route(host: str, url: str, *, wagtail_only: bool, monkeypatch) -> tuple | str:
    """(answering page pk, routable view name or None, view args) — or "404"."""
    with monkeypatch.context() as patch:
        if wagtail_only:
            patch.setattr(SiteHomePage, "_route_in_one_query", lambda self, request, components: None)
        request = RequestFactory().get(url, HTTP_HOST=host)
        site = Site.find_for_request(request)
        components = [unquote(c) for c in url.split("/") if c]  # as Django hands the path to Wagtail
        try:
            result = site.root_page.specific.route(request, components)
        except Http404:
            return "404"
    view = result.args[0].__name__ if result.args else None
    view_args = tuple(result.args[1]) + tuple(sorted(result.args[2].items())) if result.args else ()
    return (result.page.pk, view, view_args)


def path(page) -> str:
    return page.get_url_parts()[2]


@pytest.fixture
def tree(cluster):
    homes = cluster["homes"]
    news = column(homes["city"], "zwyw")
    return {
        "portal_article": publish_article(news, "市政府常务会议召开"),
        # An article whose slug is a route of its column: the column's own route wins, as in Wagtail.
        "shadowed": publish_article(news, "订阅", slug="rss"),
        "draft": draft_article(news, "尚未发布的稿件"),
        "town_article": publish_article(column(homes["town"], "xzdt"), "青山镇开展防汛演练"),
        "village_article": publish_article(column(homes["village"], "cwgk"), "东坪村三月村务公开"),
        "edu_article": publish_article(column(homes["edu"], "tzgg"), "关于秋季开学的通知"),
    }


def test_one_query_routing_answers_exactly_as_wagtails_walk(cluster, tree, monkeypatch):
    urls = [
        ("localhost", "/"),
        ("localhost", "/zwyw/"),
        ("localhost", "/zwyw/rss/"),
        ("localhost", "/zwyw/?page=2"),
        ("localhost", path(tree["portal_article"])),
        ("localhost", "/zwyw/rss/"),
        ("localhost", path(tree["draft"])),
        ("localhost", "/zwyw/no-such-article/"),
        ("localhost", "/no-such-column/"),
        ("localhost", path(tree["portal_article"]) + "extra/"),
        ("localhost", "/qsz/"),
        ("localhost", path(tree["town_article"])),
        ("localhost", "/qsz/dpc/"),
        ("localhost", path(tree["village_article"])),
        ("localhost", "/qsz/dpc/cwgk/rss/"),
        ("jyj.localhost", "/"),
        ("jyj.localhost", path(tree["edu_article"])),
        ("jyj.localhost", "/tzgg/"),
        ("jyj.localhost", "/zwyw/nothing/"),
    ]
    answered = set()
    for host, url in urls:
        ours = route(host, url.split("?")[0], wagtail_only=False, monkeypatch=monkeypatch)
        wagtails = route(host, url.split("?")[0], wagtail_only=True, monkeypatch=monkeypatch)
        assert ours == wagtails, (host, url)
        answered.add(ours if ours == "404" else ours[0])
    assert tree["shadowed"].pk not in answered  # /zwyw/rss/ is the column's feed
    assert tree["draft"].pk not in answered and "404" in answered
    assert {tree[k].pk for k in ("portal_article", "town_article", "village_article", "edu_article")} <= answered


def queries(client, url, host="localhost") -> int:
    # The clock stands still between the warm-up and the counted request: short-lived caches
    # (the 1 s urgent-notice cache) would otherwise expire in between on a slow machine.
    with time_machine.travel(timezone.now(), tick=False):
        client.get(url, HTTP_HOST=host)  # process-wide caches (content types, site roots) warm
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def test_an_articles_sql_does_not_grow_with_its_depth_in_the_cluster(client, cluster, tree):
    portal = queries(client, path(tree["portal_article"]))  # portal › column › article
    town = queries(client, path(tree["town_article"]))  # portal › town › column › article
    village = queries(client, path(tree["village_article"]))  # portal › town › village › column › article
    assert village == town  # one level deeper, not one query more
    # A sub-site also reads the registry data it borrows and the portal it links back to.
    # 13, and one query per source of "相关互动" (areas.register_page_backlinks: interviews
    # related to the page, drafts whose final document it is) — two registered.
    assert portal <= 15 and town <= portal + 3  # was 25 before routing in one query


def test_breadcrumb_from_routing_matches_the_tree(client, cluster, tree):
    html = client.get(path(tree["village_article"]), HTTP_HOST="localhost").content.decode()
    crumbs = html.split('aria-label="当前位置"')[1].split("</nav>")[0]
    assert ">首页</a>" in crumbs and ">青山镇</a>" in crumbs and ">东坪村</a>" in crumbs
    assert '<span aria-current="page">东坪村三月村务公开</span>' in crumbs
    assert 'href="/qsz/dpc/"' in crumbs


def offer_into_portal(cluster, make_staff, count: int) -> None:
    editor = make_staff(cluster["agencies"]["edu"], Role.EDITOR, username=f"edu_editor_{count}")
    reviewer = make_staff(cluster["agencies"]["city"], Role.REVIEWER, username=f"city_reviewer_{count}")
    target = column(cluster["homes"]["city"], "bmdt")
    for i in range(count):
        article = publish_article(column(cluster["homes"]["edu"], "gzdt"), f"教育局工作动态第{i}期")
        offer = actions.article_offer(actor=editor, article=article, columns=[target])[0]
        actions.sync_offer_accept(actor=reviewer, offer=offer)


def test_synced_items_cost_no_query_each_on_the_portal_home_and_column(client, cluster, make_staff):
    offer_into_portal(cluster, make_staff, 1)
    home_one, list_one = queries(client, "/"), queries(client, "/bmdt/")
    offer_into_portal(cluster, make_staff, 5)
    home_six, list_six = queries(client, "/"), queries(client, "/bmdt/")
    assert (home_six, list_six) == (home_one, list_one)
    html = client.get("/bmdt/", HTTP_HOST="localhost").content.decode()
    assert html.count('<span class="badge from">示例市教育局</span>') == 6


def test_private_sections_are_read_once_per_request_and_still_hidden(client, cluster):
    news = column(cluster["homes"]["city"], "zwyw")
    hidden = publish_article(news, "内部材料")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="x")
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/", HTTP_HOST="localhost").content.decode()
    restriction_reads = [q for q in captured.captured_queries if 'FROM "wagtailcore_pageviewrestriction"' in q["sql"]]
    # Wagtail's own check of the served page, and one read for every `.public()` of the page.
    assert len(restriction_reads) == 2
    assert "内部材料" not in html


def test_home_blocks_list_what_each_column_lists_first(cluster, make_staff):
    """The two ranked queries give each home column exactly the head of `column_articles`:
    pinned first, newest first, own and synchronised items merged, at most 8."""
    from govportal.cluster import selectors

    city = cluster["homes"]["city"]
    news, notices = column(city, "zwyw"), column(city, "tzgg")
    for i in range(10):
        publish_article(news, f"要闻第{i}条")
    publish_article(news, "置顶要闻", is_pinned=True)
    publish_article(notices, "唯一的通知")
    offer_into_portal(cluster, make_staff, 3)  # into 部门动态 (bmdt)
    publish_article(column(city, "bmdt"), "市政府部门动态")

    blocks = {b["column"].slug: [a.pk for a in b["articles"]] for b in selectors.home_columns(city)}
    for slug, pks in blocks.items():
        expected = list(selectors.column_articles(column(city, slug)).values_list("pk", flat=True)[:8])
        assert pks == expected, slug
    assert len(blocks["zwyw"]) == 8 and blocks["zwyw"][0] == news.get_children().get(title="置顶要闻").pk
    assert len(blocks["tzgg"]) == 1 and len(blocks["bmdt"]) == 4


def test_site_of_a_page_by_its_path_prefixes_matches_wagtails_scan(cluster, tree):
    from wagtail.models import Page

    from govportal.cluster.models import SiteRootLookupMixin

    # A second site on the same tree (an alias hostname of the portal) — several matches.
    Site.objects.create(hostname="www.localhost", port=80, root_page=cluster["homes"]["city"], site_name="门户别名")
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    checked = 0
    for page in Page.objects.all().specific():
        if not isinstance(page, SiteRootLookupMixin):
            continue
        ours = page._get_relevant_site_root_paths(request)
        wagtails = Page._get_relevant_site_root_paths(page, request)
        assert ours == wagtails, page.url_path
        checked += 1
    assert checked > 30
    assert len(tree["village_article"]._get_relevant_site_root_paths(request)) == 2  # both portal hostnames


def test_page_urls_match_wagtails_relative_and_absolute_choice(cluster, tree):
    from wagtail.models import Page

    from govportal.cluster.models import SiteRootLookupMixin

    for host in ("localhost", "jyj.localhost"):
        request = RequestFactory().get("/", HTTP_HOST=host)
        for page in Page.objects.all().specific():
            if isinstance(page, SiteRootLookupMixin):
                assert page.get_url(request) == Page.get_url(page, request), (host, page.url_path)
                assert page.url == Page.get_url(page), page.url_path
    # From the portal, the department's pages are on another host: absolute; its own: relative.
    portal_request = RequestFactory().get("/", HTTP_HOST="localhost")
    assert tree["edu_article"].get_url(portal_request).startswith("http://jyj.localhost")
    assert tree["portal_article"].get_url(portal_request).startswith("/zwyw/")


def test_cluster_directory_links_are_the_sites_own_urls(cluster):
    from govportal.cluster import selectors

    homes = {h.pk: h for h in SiteHomePage.objects.all()}
    for host in ("localhost", "jyj.localhost"):
        request = RequestFactory().get("/", HTTP_HOST=host)
        links = [link for group in selectors.cluster_directory(request).values() for link in group["sites"]]
        assert {link.pk for link in links} == set(homes)
        for link in links:
            assert link.url == homes[link.pk].get_url(request), (host, link.title)
    assert selectors.cluster_directory(None)  # outside a request: absolute where needed


def test_portal_site_directory_is_cached_until_a_site_changes(client, cluster, make_agency):
    from django.core.cache import cache

    from govportal.core.models import AgencyKind

    cache.clear()
    client.get("/", HTTP_HOST="localhost")
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/", HTTP_HOST="localhost").content.decode()
    assert "示例市教育局" in html.split('id="cluster-title"')[1]
    assert not [q for q in captured.captured_queries if 'ORDER BY "core_agency"."sort_order"' in q["sql"]]

    agency = make_agency(AgencyKind.DEPARTMENT, name="示例市文化旅游局", short_name="文旅局", code="D0009")
    actions.site_create(
        actor=None, agency=agency, kind="department", title="示例市文化旅游局", slug="wlj", hostname="wlj.localhost"
    )
    html = client.get("/", HTTP_HOST="localhost").content.decode()
    assert "示例市文化旅游局" in html.split('id="cluster-title"')[1]  # a new site shows at once

    town = cluster["homes"]["town"]
    town.title = "青山镇（新名）"
    town.save_revision().publish()
    assert "青山镇（新名）" in client.get("/", HTTP_HOST="localhost").content.decode().split('id="cluster-title"')[1]
