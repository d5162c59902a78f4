"""Browser smoke test: a citizen reads the portal, a department site, a column and an
article in Chromium; axe finds no serious or critical accessibility violation on any of
them, and nothing scrolls sideways on a 360 px phone."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

import pytest

from tests.conftest import column, publish_article

pytestmark = pytest.mark.browser


def _image(title: str, colour: tuple[int, int, int]):
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 450), colour).save(buffer, "PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="headline.png"))


@pytest.fixture
def small_cluster(transactional_db, cluster, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.GOVPORTAL_ARTICLES_PER_PAGE = 4
    portal, edu = cluster["homes"]["city"], cluster["homes"]["edu"]
    news = column(portal, "zwyw")
    for n, colour in enumerate([(15, 76, 129), (120, 40, 40), (40, 100, 60)]):
        publish_article(
            news, f"示例市重点项目建设现场会第{n + 1}场召开", is_headline=True, cover_image=_image("现场", colour)
        )
    publish_article(column(portal, "tzgg"), "关于2027年元旦放假安排的通知", is_pinned=True)
    edu_news = column(edu, "gzdt")
    for n in range(6):
        publish_article(edu_news, f"教育局开展秋季学期安全检查（{n + 1}）")
    article = publish_article(
        column(edu, "tzgg"),
        "关于做好2026年秋季学期中小学开学工作的通知",
        subtitle="各区县教育局、市直各学校",
        author="办公室",
        body="<p>为切实做好秋季学期开学各项工作，现将有关事项通知如下。</p><h2>一、总体要求</h2><p>坚持安全第一。</p>",
    )
    article.tags.add("开学", "安全")
    article.save_revision().publish()
    return {"article": article, "column": edu_news}


def _check_page(page, url: str, name: str, artifacts_dir) -> None:
    from axe_playwright_python.sync_playwright import Axe

    response = page.goto(url)
    assert response is not None and response.status == 200, url
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    if bad:
        print(results.generate_report())  # noqa: T201 — shown by pytest on failure
    assert not bad, f"{url}: " + ", ".join(v["id"] for v in bad)
    page.screenshot(path=str(artifacts_dir / f"{name}.png"), full_page=True)


def test_citizen_pages_pass_axe_and_fit_a_phone(chromium_browser, live_server, small_cluster, artifacts_dir):
    port = urlsplit(live_server.url).port
    portal = f"http://localhost:{port}"
    department = f"http://jyj.localhost:{port}"
    article_path = urlsplit(small_cluster["article"].full_url).path
    pages = [
        ("portal-home", f"{portal}/"),
        ("department-home", f"{department}/"),
        ("column-list", f"{department}/gzdt/?page=2"),
        ("article", f"{department}{article_path}"),
    ]

    desktop = chromium_browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    for name, url in pages:
        _check_page(desktop, url, name, artifacts_dir)
    assert desktop.title().startswith("关于做好2026年秋季学期中小学开学工作的通知")
    desktop.close()

    phone = chromium_browser.new_page(viewport={"width": 360, "height": 740}, locale="zh-CN")
    for name, url in pages:
        phone.goto(url)
        overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at 360px"
        phone.screenshot(path=str(artifacts_dir / f"{name}-phone.png"), full_page=True)
    phone.close()
