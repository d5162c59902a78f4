"""The front door (issue 19): every area reachable from the nav of every site of the demo
cluster, each site's own part where it has one; the portal home shows what a government
portal shows; no placeholder text anywhere; 专题 gather content across sites and areas."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings

from wagtail.models import Site

import pytest

from govportal.cluster.models import ArticlePage, SiteHomePage, SiteKind, TopicPage
from govportal.demo.loader import load_demo
from govportal.disclosure.models import DisclosureDocumentPage, DisclosureIndexPage
from govportal.interaction.models import Mailbox

SMALL = 0.01
QUEUED_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
AREAS = ("xxgk", "banshi", "hudong", "zhuanti", "bianmin")  # bianmin: 便民服务 (issue 23)
# What a page must never say: a promise instead of the thing (issue 19, points 1 and 2).
PLACEHOLDERS = ("将开设", "上线前", "敬请期待", "TODO", "lorem", "Lorem", "建设中", "邮编4…")


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(TASKS=QUEUED_TASKS):
        with transaction.atomic():
            yield load_demo(scale=SMALL)
            transaction.set_rollback(True)
        cache.clear()


class _Links(HTMLParser):
    """The main navigation's links (with their data-area), the home tiles, and the text of <main>."""

    def __init__(self):
        super().__init__()
        self.nav: list[tuple[str, str | None]] = []
        self.in_nav = self.in_main = 0
        self.main_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and "mainnav" in (attrs.get("class") or ""):
            self.in_nav = 1
        if tag == "main":
            self.in_main = 1
        if tag == "a" and self.in_nav:
            self.nav.append((attrs.get("href"), attrs.get("data-area")))

    def handle_endtag(self, tag):
        if tag == "nav":
            self.in_nav = 0
        if tag == "main":
            self.in_main = 0

    def handle_data(self, data):
        if self.in_main:
            self.main_text.append(data.strip())


def parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def host_of(home: SiteHomePage) -> str:
    site = next((s for s in Site.objects.all() if home.path.startswith(s.root_page.path)), None)
    own = Site.objects.filter(root_page=home).first()
    return (own or site).hostname


def get(client, url: str, host: str):
    """GET a link as a browser would: an absolute link goes to its own host; redirects followed."""
    for _ in range(5):
        parts = urlsplit(url)
        if parts.hostname:
            host = parts.hostname
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        response = client.get(path, HTTP_HOST=host)
        if response.status_code in (301, 302):
            url = response["Location"]
            continue
        return response, host
    raise AssertionError(f"too many redirects: {url}")


def assert_real_page(response, url: str) -> str:
    assert response.status_code == 200, url
    html = response.content.decode()
    for phrase in PLACEHOLDERS:
        assert phrase not in html, (url, phrase)
    text = "".join(parse(html).main_text)
    assert len(text) > 40, (url, text)  # a page with no content is a dead end too
    return html


class TestFrontDoor:
    def test_every_site_home_reaches_every_area_from_its_nav(self, client, db, demo):
        seen: set[tuple[str, str]] = set()
        homes = list(SiteHomePage.objects.live().order_by("path"))
        assert {h.kind for h in homes} >= {SiteKind.PORTAL, SiteKind.DEPARTMENT, SiteKind.TOWNSHIP, SiteKind.VILLAGE}
        for home in homes:
            host = host_of(home)
            response, _ = get(client, home.get_url_parts()[2], host)
            html = assert_real_page(response, home.url_path)
            nav = parse(html).nav
            areas = {area: href for href, area in nav if area}
            assert set(areas) == set(AREAS), (home.url_path, areas)
            for href, _area in nav:
                key = (host if not urlsplit(href).hostname else "", href)
                if key in seen:
                    continue
                seen.add(key)
                page, _ = get(client, href, host)
                assert_real_page(page, f"{home.url_path} → {href}")

    def test_a_site_s_nav_points_at_its_own_parts(self, client, db, demo):
        edu = SiteHomePage.objects.get(slug="jyj")
        html = client.get("/", HTTP_HOST="jyj.localhost").content.decode()
        areas = {area: href for href, area in parse(html).nav if area}
        own_column = DisclosureIndexPage.objects.child_of(edu).get()
        assert areas["xxgk"] == own_column.get_url_parts()[2]
        assert areas["banshi"] == f"/banshi/?dept={edu.agency_id}"
        box = Mailbox.objects.filter(agency=edu.agency, is_active=True).order_by("sort_order", "pk").first()
        assert areas["hudong"] == f"/hudong/{box.slug}/"
        assert areas["zhuanti"].endswith("/zt/")
        # A village without a mailbox or services of its own: the city's.
        village = SiteHomePage.objects.filter(kind=SiteKind.VILLAGE).first()
        html = client.get(village.get_url_parts()[2], HTTP_HOST="localhost").content.decode()
        areas = {area: href for href, area in parse(html).nav if area}
        assert areas["banshi"] == "/banshi/"
        assert areas["xxgk"].startswith(village.get_url_parts()[2])

    def test_the_portal_home_shows_mailboxes_replies_services_interpretations_and_topics(self, client, db, demo):
        html = client.get("/", HTTP_HOST="localhost").content.decode()
        assert 'data-area="hudong" href' not in html  # sanity of the parser's assumption below
        assert re.search(r'href="/hudong/"[^>]*data-area="hudong"', html)
        assert 'data-mailbox="secretary"' in html and 'data-mailbox="mayor"' in html
        for heading in ("最新答复", "热门服务", "政策文件及解读", "专题专栏"):
            assert f">{heading}</h2>" in html, heading
        interpretation = (
            DisclosureDocumentPage.objects.live().filter(interprets__isnull=False).latest("first_published_at")
        )
        assert interpretation.title in html and interpretation.interprets.title in html
        for topic in TopicPage.objects.live():
            assert topic.title in html
        assert "/hdjl/" not in html

    def test_the_old_interaction_and_service_columns_redirect_to_the_areas(self, client, db, demo):
        assert client.get("/hdjl/", HTTP_HOST="localhost")["Location"] == "/hudong/"
        assert client.get("/wsbs/", HTTP_HOST="localhost")["Location"] == "/banshi/"

    def test_a_sub_site_s_disclosure_box_shows_its_own_entries_not_the_portal_s_text(self, client, db, demo):
        for home in SiteHomePage.objects.live().exclude(kind=SiteKind.PORTAL):
            column = DisclosureIndexPage.objects.child_of(home).get()
            base = column.get_url_parts()[2]
            response, _ = get(client, home.get_url_parts()[2], host_of(home))
            html = response.content.decode()
            main = "".join(parse(html).main_text)
            assert "人民大道1号" not in main, home.url_path  # the city's address was cut into every box
            assert f'href="{base}zn/"' in html and f'href="{base}"' in html, home.url_path
            latest = DisclosureDocumentPage.objects.live().child_of(column).order_by("-first_published_at").first()
            if latest is not None:
                assert latest.title in html, home.url_path

    def test_a_topic_gathers_articles_documents_and_services_across_sites(self, client, db, demo):
        topics = list(TopicPage.objects.live())
        assert len(topics) >= 2
        for topic in topics:
            html = client.get(topic.get_url_parts()[2], HTTP_HOST="localhost").content.decode()
            chosen = [item.page for item in topic.items.all()]
            assert chosen and all(page.title in html for page in chosen)
            assert "/banshi/shixiang/" in html  # its services
        # The keyword finds the articles tagged with it, on whichever site.
        for topic in topics:
            tagged = ArticlePage.objects.live().filter(tags__name=topic.keyword).order_by("-first_published_at")
            html = client.get(topic.get_url_parts()[2], HTTP_HOST="localhost").content.decode()
            for article in tagged[:10]:
                assert article.title in html, (topic.title, article.title)


def test_no_placeholder_text_in_templates_or_demo_data():
    root = Path(settings.BASE_DIR) / "govportal"
    phrases = ("将开设", "上线前", "敬请期待", "lorem", "TODO")
    offenders = []
    for path in [*root.rglob("*.html"), *(root / "demo").rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(root)}: {p}" for p in phrases if p in text]
    assert offenders == []
