"""The 便民服务 journey in Chromium: from the portal home a citizen clicks through the
便民服务 block to hotels, then to a hotel, and reads its phone number; every new page type
(the area home, the directory, its map, an entry, the 纠错 form, the 旅游文化 overview, each
of its five kinds and the events calendar) passes axe; the tourism and directory pages keep
working in 关怀版 and 繁體 (the site chrome's modes) on a phone without sideways scrolling,
and nothing is loaded from another origin."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.utils import timezone

import pytest

from tests.convenience.world import build

pytestmark = pytest.mark.browser


@pytest.fixture
def bianmin(django_db_serialized_rollback, transactional_db, cluster, settings, tmp_path, live_server):
    settings.MEDIA_ROOT = tmp_path
    world = build(cluster, today=timezone.localdate())
    world["base"] = live_server.url.replace("127.0.0.1", "localhost")
    return world


def test_citizen_finds_a_hotels_phone_from_the_portal_home_and_pages_pass_axe(chromium_browser, bianmin):
    from tests.e2e.test_accessibility_browser import _axe_violations

    base = bianmin["base"]
    context = chromium_browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 800})
    page = context.new_page()
    foreign = []
    page.on("request", lambda r: urlsplit(r.url).hostname not in ("localhost", "127.0.0.1") and foreign.append(r.url))
    page.goto(f"{base}/")
    page.locator("#portal-bianmin").locator("..").locator("..").get_by_role("link", name="酒店宾馆").click()
    page.wait_for_url("**/bianmin/minglu/?category=hotel")
    problems = {"directory": _axe_violations(page)}
    page.get_by_role("link", name="青山宾馆").click()
    page.wait_for_selector(".bm-phone")
    assert page.inner_text(".bm-phone").strip() == "0731-82262888"
    problems["entry"] = _axe_violations(page)
    hotel = bianmin["entries"]["hotel"]
    index_path = urlsplit(bianmin["index"].url).path
    for name, path in [
        ("area home", "/bianmin/"),
        ("map", "/bianmin/minglu/ditu/"),
        ("correction form", f"/bianmin/minglu/{hotel.pk}/jiucuo/"),
        ("tourism overview", index_path),
        ("events calendar", index_path + "rili/"),
        *[(key, urlsplit(p.url).path) for key, p in bianmin["pages"].items()],
    ]:
        page.goto(base + path)
        problems[name] = _axe_violations(page)
    assert {k: v for k, v in problems.items() if v} == {}
    assert foreign == []

    for cookie, check in (("gp_elder", "elder"), ("gp_script", "hant")):
        mode = chromium_browser.new_context(locale="zh-CN", viewport={"width": 360, "height": 740})
        mode.add_cookies(
            [{"name": cookie, "value": "1" if check == "elder" else "hant", "domain": "localhost", "path": "/"}]
        )
        tab = mode.new_page()
        for path in (urlsplit(bianmin["pages"]["spot"].url).path, f"/bianmin/minglu/{hotel.pk}/"):
            tab.goto(base + path)
            assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (check, path)
            html = tab.content()
            if check == "hant":
                assert "電話" in html or "雲霧" in html, path  # converted by the chrome
            else:
                assert "elder" in tab.evaluate("document.documentElement.className + ' ' + document.body.className")
        mode.close()
    context.close()
