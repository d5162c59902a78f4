"""The front door in Chromium (issue 19): from the portal's home a reader clicks to a
department, a township and a village, and from each of the four homes to every area
(信息公开, 办事, 互动, 专题) — no URL typed after the portal's — with axe on each page
reached; a 紧急信息 published by the city's leader shows on a department's article page
(a page no one re-renders) through the script that loads /jinji.json. How fast it shows
is measured by `bin/bench serve` (phase publish: "urgent notice (banner)", target p95 ≤ 2 s),
not here: a timed assertion in a test fails on a loaded machine and proves nothing."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.test import Client

from wagtail.models import Site

import pytest

from govportal.cluster import actions
from govportal.cluster.models import TopicIndexPage, TopicItem, TopicPage
from govportal.core.models import Role
from govportal.interaction.models import Category, Mailbox, MailboxCategory, MailboxKind
from tests.conftest import column, publish_article
from tests.servicehall.conftest import make_item

pytestmark = pytest.mark.browser

AREAS = {"xxgk": "政府信息公开", "banshi": "网上办事", "hudong": "互动交流", "zhuanti": "专题"}


@pytest.fixture
def front(django_db_serialized_rollback, transactional_db, cluster, live_server, make_staff):
    from govportal.cluster.models import ClusterNavPage

    port = urlsplit(live_server.url).port
    Site.objects.update(port=port)  # links between sites carry the live server's port
    homes, agencies = cluster["homes"], cluster["agencies"]
    portal = homes["city"]
    nav = ClusterNavPage(title="网站群导航", slug="wzqdh")
    portal.add_child(instance=nav)
    nav.save_revision().publish()
    for key, title in (("city", "市政府召开常务会议"), ("edu", "教育局部署秋季开学工作")):
        col = column(homes[key], "gzdt" if key == "edu" else "zwyw")
        publish_article(col, title, body="<p>会议研究部署了近期重点工作，要求各单位抓好落实。</p>")
    for agency, kind, name, slug in (
        (agencies["city"], MailboxKind.MAYOR, "市长信箱", "szxx"),
        (agencies["edu"], MailboxKind.AGENCY, "教育局信箱", "jyj"),
    ):
        box = Mailbox.objects.create(kind=kind, name=name, slug=slug, agency=agency, triage_agency=agency)
        MailboxCategory.objects.create(mailbox=box, category=Category.CONSULT, reply_days=5)
    make_item(agencies["edu"], code="430100-JY-0001", name="教师资格认定")
    index = TopicIndexPage(title="专题专栏", slug="zt", intro="围绕重点工作汇集各网站的内容。")
    portal.add_child(instance=index)
    index.save_revision().publish()
    article = publish_article(
        column(homes["edu"], "tzgg"), "关于秋季开学安全工作的通知", body="<p>请各校做好开学安全检查。</p>"
    )
    topic = TopicPage(title="秋季开学", slug="qjkx", intro="<p>秋季开学的通知、政策和服务。</p>", keyword="开学")
    topic.items = [TopicItem(page=article)]
    index.add_child(instance=topic)
    topic.save_revision().publish()
    return {
        "base": f"http://localhost:{port}",
        "article": article,
        "leader": make_staff(agencies["city"], Role.LEADER),
        "homes": homes,
    }


def _walk_areas(page, home_url: str, problems: list[str]):
    from tests.e2e.test_accessibility_browser import _axe_violations

    for key, label in AREAS.items():
        page.goto(home_url) if page.url != home_url else None
        link = page.locator(f'nav.mainnav a[data-area="{key}"]')
        assert link.inner_text().strip() == label
        link.click()
        page.wait_for_load_state()
        main = page.locator("main").inner_text()
        if len(main.strip()) < 20:
            problems.append(f"{home_url} → {key}: empty page {page.url}")
        for phrase in ("将开设", "上线前", "敬请期待"):
            if phrase in main:
                problems.append(f"{home_url} → {key}: {phrase}")
        violations = _axe_violations(page)
        if violations:
            problems.append(f"{home_url} → {key} ({page.url}): {violations}")
        page.go_back()
        page.wait_for_load_state()


def test_from_every_kind_of_home_a_reader_clicks_to_every_area(chromium_browser, front):
    page = chromium_browser.new_context(locale="zh-CN").new_page()
    page.goto(front["base"] + "/")  # the only address typed
    problems: list[str] = []
    homes = {"portal": page.url}
    _walk_areas(page, homes["portal"], problems)
    # The department's own site and the township from the portal's site directory …
    page.locator(".sitegroups").get_by_role("link", name="示例市教育局").click()
    page.wait_for_load_state()
    homes["department"] = page.url
    assert urlsplit(page.url).hostname == "jyj.localhost"
    _walk_areas(page, homes["department"], problems)
    page.goto(homes["portal"])  # back to a page visited by clicking (history), not a new address
    page.locator(".sitegroups").get_by_role("link", name="青山镇").click()
    page.wait_for_load_state()
    homes["township"] = page.url
    _walk_areas(page, homes["township"], problems)
    # … and the village from its township's home.
    page.goto(homes["township"])
    page.get_by_role("link", name="东坪村").first.click()
    page.wait_for_load_state()
    homes["village"] = page.url
    _walk_areas(page, homes["village"], problems)
    assert problems == []
    # The department's nav leads to its own parts.
    page.goto(homes["department"])
    assert "/hudong/jyj/" in page.locator('nav.mainnav a[data-area="hudong"]').get_attribute("href")
    assert "dept=" in page.locator('nav.mainnav a[data-area="banshi"]').get_attribute("href")
    # A 专题 from the nav: the chosen article and the keyword's finds, accessible.
    from tests.e2e.test_accessibility_browser import _axe_violations

    page.locator('nav.mainnav a[data-area="zhuanti"]').click()
    page.get_by_role("link", name="秋季开学").click()
    page.wait_for_load_state()
    assert "关于秋季开学安全工作的通知" in page.locator("main").inner_text()
    assert _axe_violations(page) == []


def test_an_urgent_notice_shows_on_a_department_page_not_rendered_again(chromium_browser, front):
    from django.db import transaction

    article_url = front["base"].replace("localhost", "jyj.localhost") + urlsplit(front["article"].full_url).path
    page = chromium_browser.new_context(locale="zh-CN").new_page()
    page.goto(article_url)
    assert page.locator("#urgent-banner").is_hidden()

    with transaction.atomic():
        actions.urgent_notice_publish(actor=front["leader"], title="暴雨红色预警", body="全市中小学今日停课。")
    # The page's HTML does not carry it (an article is not re-rendered for a notice) …
    served = Client().get(urlsplit(article_url).path, HTTP_HOST="jyj.localhost").content.decode()
    assert "暴雨红色预警" not in served
    # … the script fetches it when the page loads.
    page.goto(article_url)
    banner = page.locator("#urgent-banner")
    banner.wait_for(state="visible")
    assert "暴雨红色预警" in banner.inner_text() and "全市中小学今日停课" in banner.inner_text()
    # The portal home shows it too, first on the page.
    page.goto(front["base"] + "/")
    page.locator("#urgent-banner").wait_for(state="visible")
    first = page.evaluate("document.body.querySelector('#urgent-banner, header').id")
    assert first == "urgent-banner"
