"""公共查询 and 村村有网页 in Chromium (issue 23): a citizen goes from the portal home through
便民服务 › 公共查询 to 水费查询, asks with a wrong surname (nothing found) and then the right
one (the bills, masked), and reads a village's products on the township site. axe runs on
every new page type on the way: the 公共查询 list, a query form with its answer, the
township home's village section and the village page's products."""

from __future__ import annotations

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

import pytest
from captcha.models import CaptchaStore

from govportal.cluster.models import ProductCategory, VillageProduct
from tests.conftest import build_cluster
from tests.convenience.query_helpers import WATER_HEADER, WATER_ROWS, load, water_system

pytestmark = pytest.mark.browser


@pytest.fixture
def world(django_db_serialized_rollback, transactional_db, live_server):
    cluster = build_cluster()
    load(water_system(cluster["agencies"]["city"]), WATER_HEADER, WATER_ROWS)
    image = get_image_model().objects.create(
        title="云雾茶", description="东坪村茶园里的云雾茶", file=get_test_image_file()
    )
    VillageProduct.objects.create(
        home=cluster["homes"]["village"],
        name="东坪高山云雾茶",
        category=ProductCategory.TEA,
        is_signature=True,
        image=image,
        description="海拔600米以上茶园，清明前采摘。",
        producer="东坪村茶叶专业合作社",
        phone="0731-83011137",
        where_to_buy="青山镇农贸市场12号门面",
    )
    return {"base": live_server.url.replace("127.0.0.1", "localhost")}


def _ask(page, account, surname):
    page.get_by_label("户号").fill(account)
    page.get_by_label("户主姓氏").fill(surname)
    key = page.locator("input[name=captcha_key]").input_value()
    page.get_by_label("图中的字母").fill(CaptchaStore.objects.get(hashkey=key).response)
    page.get_by_role("button", name="查询", exact=True).click()
    page.wait_for_selector("#result-title")


def test_citizen_queries_a_water_bill_and_reads_a_villages_products(chromium_browser, world):
    from tests.e2e.test_accessibility_browser import _axe_violations

    base = world["base"]
    page = chromium_browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 800}).new_page()
    page.goto(f"{base}/")
    page.locator("a[href='/bianmin/']").first.click()
    page.get_by_role("link", name="全部查询").first.click()
    page.wait_for_url("**/bianmin/chaxun/")
    assert _axe_violations(page) == []
    page.get_by_role("link", name="水费查询").click()

    _ask(page, "SL20260001", "李")  # the wrong surname
    assert "未查询到符合条件的记录" in page.inner_text("#result")
    _ask(page, "SL20260001", "王")
    result = page.inner_text("#result")
    assert "查到 2 条记录" in result and "72.45" in result and "王**" in result and "王建国" not in result
    assert _axe_violations(page) == []

    page.goto(f"{base}/qsz/")
    section = page.locator("section.village-products")
    assert "东坪高山云雾茶" in section.inner_text() and "青山镇农贸市场12号门面" in section.inner_text()
    assert _axe_violations(page) == []
    section.get_by_role("link", name="东坪村").click()
    page.wait_for_url("**/qsz/dpc/")
    products = page.locator("section.village-products").inner_text()
    assert "东坪村茶叶专业合作社" in products and "0731-83011137" in products
    assert page.locator("img[alt='东坪村茶园里的云雾茶']").count() == 1
    assert _axe_violations(page) == []
