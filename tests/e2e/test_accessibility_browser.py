"""Every public page type in Chromium, in normal, 关怀版 and 繁體 modes: axe finds no
violation of any impact, nothing scrolls sideways on a 360 px phone (narrower than the
375 px the issue names), nothing is loaded from another origin, an article weighs at most
500 KB before images, and 关怀版 keeps text >= 18 px and targets >= 44 px; the toolbar
works from the keyboard and is kept across pages; the key journeys work with JavaScript
turned off.

One cluster is built per test and one browser serves the whole session (see conftest)."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.images import get_image_model

import pytest

from govportal.cluster.models import ClusterNavPage
from govportal.core.cases.actions import case_create, case_transition
from govportal.core.cases.models import ActorKind
from govportal.core.models import User
from govportal.monitor.yearly import actions as yearly_actions
from tests.conftest import column, publish_article
from tests.convenience.pages import query_pages
from tests.core.casetypes import TEST_TYPE  # noqa: F401 — registers the case type
from tests.disclosure.pages import disclosure_pages
from tests.interaction.pages import interaction_pages
from tests.servicehall.conftest import servicehall_pages

pytestmark = pytest.mark.browser

MODES = {
    "normal": {},
    "elder": {"gp_elder": "1"},
    "hant": {"gp_script": "hant"},
}


def _image(title: str, colour: tuple[int, int, int], description: str = ""):
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 450), colour).save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title, description=description, file=ImageFile(buffer, name="picture.png")
    )


@pytest.fixture
def site_pages(django_db_serialized_rollback, transactional_db, cluster, settings, tmp_path, live_server):
    """One page of every public page type, as (name, url). Serialized rollback: the flush
    after a transactional test would otherwise take the migrations' rows (Wagtail's root
    page and locale) with it."""
    settings.MEDIA_ROOT = tmp_path
    settings.GOVPORTAL_ARTICLES_PER_PAGE = 4
    homes = cluster["homes"]
    portal = homes["city"]
    news = column(portal, "zwyw")
    for n, colour in enumerate([(15, 76, 129), (120, 40, 40), (40, 100, 60)]):
        publish_article(
            news,
            f"示例市重点项目建设现场会第{n + 1}场召开",
            is_headline=True,
            cover_image=_image("现场", colour, description=f"项目建设现场第{n + 1}场"),
        )
    publish_article(column(portal, "tzgg"), "关于2027年元旦放假安排的通知", is_pinned=True)
    nav = ClusterNavPage(title="网站群导航", slug="wzqdh")
    portal.add_child(instance=nav)
    nav.save_revision().publish()
    edu_news = column(homes["edu"], "gzdt")
    for n in range(6):
        publish_article(edu_news, f"教育局开展秋季学期安全检查（{n + 1}）")
    figure = _image("开学第一课", (200, 160, 40), description="学生在教室上开学第一课")
    article = publish_article(
        column(homes["edu"], "tzgg"),
        "关于做好2026年秋季学期中小学开学工作的通知",
        subtitle="各区县教育局、市直各学校",
        author="办公室",
        cover_image=figure,
        body=(
            "<p>为切实做好秋季学期开学各项工作，现将有关事项通知如下。</p><h2>一、总体要求</h2>"
            f'<embed embedtype="image" id="{figure.pk}" format="fullwidth" alt="学生在教室上课"/>'
            "<p>坚持安全第一，后台发展。</p>"
        ),
    )
    article.tags.add("开学", "安全")
    article.save_revision().publish()
    publish_article(column(homes["town"], "cwgk"), "青山镇2026年第三季度村务公开")

    port = urlsplit(live_server.url).port
    base, dept = f"http://localhost:{port}", f"http://jyj.localhost:{port}"
    town_path = urlsplit(homes["town"].full_url).path
    village_path = urlsplit(homes["village"].full_url).path
    single = column(homes["edu"], "jgzn")
    case, code = case_create(case_type="test_request", actor=None, title="申请公开道路规划")
    case_transition(case=case, name="accept", actor=None, actor_kind=ActorKind.CLERK)
    disclosure = disclosure_pages(cluster)  # 政府信息公开 (tests/disclosure/pages.py)
    hall = servicehall_pages(cluster["agencies"]["edu"])  # 网上办事大厅 (tests/servicehall)
    # 公共查询 and a village's products (tests/convenience/pages.py)
    chaxun = query_pages(cluster, base, _image("云雾茶", (46, 110, 72), description="东坪村茶园里的云雾茶"))
    # 政府网站工作年度报表 (govportal/monitor/yearly): last year's report of the portal, published.
    office = User.objects.create(username="xxb_yearly", is_superuser=True, is_staff=True)
    report = yearly_actions.yearly_report_generate(actor=office, site=portal, year=timezone.localdate().year - 1)
    yearly_actions.yearly_report_publish(actor=office, report=report)
    return {
        "port": port,
        "case": (case.tracking_number, code),
        "article": article,
        "pages": [
            ("portal-home", f"{base}/"),
            ("department-home", f"{dept}/"),
            ("township-home", f"{base}{town_path}"),
            ("village-page", f"{base}{village_path}"),
            ("column-list", f"{dept}/gzdt/?page=2"),
            ("column-single", f"{dept}{urlsplit(single.full_url).path}"),
            ("article", f"{dept}{urlsplit(article.full_url).path}"),
            ("cluster-nav", f"{base}/wzqdh/"),
            ("accessibility-statement", f"{base}/accessibility/"),
            ("not-found", f"{base}/no-such-page/"),
            ("case-lookup", f"{base}/cases/"),
            ("search-results", f"{base}/search/?q=开学"),
            *[(name, f"{base if host == 'portal' else dept}{path}") for name, host, path in disclosure],
            *interaction_pages(base),  # 互动交流: tests/interaction/pages.py
            ("hall-index", f"{base}/banshi/"),
            ("hall-guide", f"{base}{hall['guide']}"),
            ("hall-apply", f"{base}{hall['apply']}"),
            ("hall-status", f"{base}{hall['status']}"),
            ("hall-statistics", f"{base}/banshi/tongji/"),
            *chaxun,
            ("yearly-report", f"{base}/nianbao/{portal.pk}/"),
        ],
    }


def _context(browser, mode: str, port: int, **options):
    context = browser.new_context(locale="zh-CN", **options)
    cookies = [
        {"name": name, "value": value, "domain": host, "path": "/"}
        for name, value in MODES[mode].items()
        for host in ("localhost", "jyj.localhost")
    ]
    if cookies:
        context.add_cookies(cookies)
    return context


# Links and buttons smaller than 44 x 44 CSS px in 关怀版. Links inside running text (an
# article body) are exempt, as in WCAG 2.5.5; hidden and off-screen things are skipped.
SMALL_TARGETS = """
() => [...document.querySelectorAll('a[href], button, input, select, textarea, summary')]
  .filter(el => el.offsetParent !== null && !el.closest('.body p, .body li, .skip-link'))
  .map(el => [el, el.getBoundingClientRect()])
  .filter(([el, r]) => r.width > 1 && (r.height < 44 || r.width < 44))
  .map(([el, r]) => `${el.tagName.toLowerCase()} "${(el.innerText || el.value || '').trim().slice(0, 12)}" `
                    + `${Math.round(r.width)}x${Math.round(r.height)}`)
"""


def _axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    violations = results.response["violations"]
    if violations:
        print(results.generate_report())  # noqa: T201 — shown by pytest on failure
    return [f"{v['id']} ({v['impact']})" for v in violations]


@pytest.mark.long  # every public page type in three modes
def test_every_public_page_type_passes_axe_and_fits_a_phone_in_each_mode(chromium_browser, site_pages, artifacts_dir):
    problems = []
    for mode in MODES:
        desktop = _context(chromium_browser, mode, site_pages["port"], viewport={"width": 1280, "height": 900})
        phone = _context(chromium_browser, mode, site_pages["port"], viewport={"width": 360, "height": 740})
        tab, small = desktop.new_page(), phone.new_page()
        for name, url in site_pages["pages"]:
            response = tab.goto(url)
            expected = 404 if name == "not-found" else 200
            if response is None or response.status != expected:
                problems.append(f"[{mode}] {url}: status {response and response.status}")
                continue
            lang = tab.evaluate("document.documentElement.lang")
            if lang != ("zh-Hant" if mode == "hant" else "zh-Hans"):
                problems.append(f"[{mode}] {url}: lang={lang}")
            if mode == "elder":
                if not tab.evaluate("document.body.classList.contains('elder-mode')"):
                    problems.append(f"[{mode}] {url}: no elder-mode class")
                if tab.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") < 18:
                    problems.append(f"[{mode}] {url}: base text under 18px")
            outside = tab.evaluate(
                "performance.getEntriesByType('resource').map(r => r.name).filter(n => !n.startsWith(location.origin))"
            )
            problems += [f"[{mode}] {url}: loads {o} from another origin" for o in outside]
            if name == "article":
                weight = tab.evaluate(
                    "performance.getEntriesByType('navigation')[0].decodedBodySize + performance"
                    ".getEntriesByType('resource').filter(r => r.initiatorType !== 'img')"
                    ".reduce((sum, r) => sum + r.decodedBodySize, 0)"
                )
                if weight > 500 * 1024:
                    problems.append(f"[{mode}] {url}: {weight} bytes before images (limit 500 KB)")
            problems += [f"[{mode}] {url}: axe {v}" for v in _axe_violations(tab)]
            small.goto(url)
            overflow = small.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                problems.append(f"[{mode}] {url}: scrolls sideways by {overflow}px at 360px")
            if mode == "elder":
                if small.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") < 18:
                    problems.append(f"[{mode}] {url}: base text under 18px on a phone")
                problems += [f"[{mode}] {url}: small target {t}" for t in small.evaluate(SMALL_TARGETS)]
            if name in ("portal-home", "article"):
                tab.screenshot(path=str(artifacts_dir / f"{name}-{mode}.png"), full_page=True)
                small.screenshot(path=str(artifacts_dir / f"{name}-{mode}-phone.png"), full_page=True)
        desktop.close()
        phone.close()
    assert not problems, "\n".join(problems)


def test_toolbar_is_keyboard_operable_and_kept_across_pages(chromium_browser, site_pages):
    context = _context(chromium_browser, "normal", site_pages["port"], viewport={"width": 1280, "height": 900})
    # Headless Chromium has no voices (speech fails at once): a stand-in records what the
    # button asks the browser to read.
    context.add_init_script(
        "window.__spoken = []; Object.defineProperty(window, 'speechSynthesis', {value: "
        "{speak: function (u) { window.__spoken.push(u.text); }, cancel: function () {}}});"
    )
    tab = context.new_page()
    home, article = site_pages["pages"][0][1], site_pages["pages"][6][1]
    tab.goto(home)
    contrast = tab.get_by_role("button", name="高对比度")
    contrast.focus()
    tab.keyboard.press("Enter")
    assert contrast.get_attribute("aria-pressed") == "true"
    tab.get_by_role("button", name="放大文字").press("Enter")
    tab.get_by_role("button", name="大鼠标").press("Space")
    size = tab.evaluate("getComputedStyle(document.documentElement).fontSize")
    assert size == "18px"

    tab.goto(f"{home}accessibility/")
    assert tab.evaluate("document.documentElement.classList.contains('hc')")
    assert tab.evaluate("document.documentElement.classList.contains('big-cursor')")
    assert tab.evaluate("getComputedStyle(document.documentElement).fontSize") == "18px"
    assert tab.get_by_role("button", name="高对比度").get_attribute("aria-pressed") == "true"
    assert not _axe_violations(tab), "high-contrast page has axe violations"

    tab.get_by_role("button", name="重置").press("Enter")
    assert not tab.evaluate("document.documentElement.classList.contains('hc')")
    assert tab.evaluate("getComputedStyle(document.documentElement).fontSize") == "16px"

    tab.goto(article)
    speak = tab.get_by_role("button", name="朗读正文")
    speak.press("Enter")
    assert speak.get_attribute("aria-pressed") == "true"
    spoken = tab.evaluate("window.__spoken")
    assert spoken and "为切实做好秋季学期开学各项工作" in spoken[0]
    speak.press("Enter")
    assert speak.get_attribute("aria-pressed") == "false"
    context.close()


def test_key_journeys_work_without_javascript(chromium_browser, site_pages):
    context = _context(chromium_browser, "normal", site_pages["port"], java_script_enabled=False)
    tab = context.new_page()
    home = site_pages["pages"][0][1]
    dept = site_pages["pages"][1][1]

    # The toolbar's script-only buttons stay hidden; the mode links are there.
    tab.goto(home)
    assert tab.get_by_role("button", name="高对比度").is_hidden()

    # Reading: home → column → article.
    tab.goto(dept)
    tab.get_by_role("navigation", name="栏目导航").get_by_role("link", name="通知公告").click()
    assert tab.locator("h1").inner_text() == "通知公告"
    tab.get_by_role("link", name="关于做好2026年秋季学期中小学开学工作的通知").click()
    assert tab.locator("h1").inner_text() == "关于做好2026年秋季学期中小学开学工作的通知"
    article_url = tab.url

    # 繁體 and back, staying on the article.
    tab.get_by_role("link", name="繁體版").click()
    assert tab.url == article_url
    assert tab.evaluate("document.documentElement.lang") == "zh-Hant"
    assert tab.locator("h1").inner_text() == "關於做好2026年秋季學期中小學開學工作的通知"
    tab.get_by_role("link", name="简体版").click()
    assert tab.evaluate("document.documentElement.lang") == "zh-Hans"
    assert tab.locator("h1").inner_text() == "关于做好2026年秋季学期中小学开学工作的通知"

    # 关怀版 and back.
    tab.get_by_role("link", name="关怀版").click()
    assert tab.url == article_url
    assert tab.evaluate("document.body.classList.contains('elder-mode')")
    assert tab.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 18
    tab.get_by_role("link", name="退出关怀版").click()
    assert not tab.evaluate("document.body.classList.contains('elder-mode')")

    # Case lookup: fill in the form and submit it.
    number, code = site_pages["case"]
    tab.goto(home + "cases/")
    tab.get_by_label("办件编号").fill(number)
    tab.get_by_label("查询码").fill(code)
    tab.get_by_role("button", name="查询").click()
    assert tab.get_by_text("办理中").first.is_visible()
    context.close()
