"""村村有网页 (issue 23 point 4): a village page shows its 一村一品 and 农特产品 (picture,
producer, phone, where to buy) and has 村务公开, 农技知识, 致富信息 and 生活常识 columns; a
township home shows its villages' products and their latest items."""

from __future__ import annotations

import io

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

import pytest

from govportal.cluster.models import ColumnPage, ProductCategory, VillageProduct
from tests.conftest import column, publish_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def village(cluster):
    home = cluster["homes"]["village"]
    image = get_image_model().objects.create(
        title="云雾茶", description="东坪村茶园里的云雾茶", file=get_test_image_file()
    )
    VillageProduct.objects.create(
        home=home,
        sort_order=1,
        name="东坪红茶",
        category=ProductCategory.TEA,
        producer="东坪村茶叶专业合作社",
        phone="0731-83011137",
        where_to_buy="村级综合服务中心展销厅",
    )
    VillageProduct.objects.create(
        home=home,
        sort_order=2,
        name="东坪高山云雾茶",
        category=ProductCategory.TEA,
        is_signature=True,
        image=image,
        description="清明前采摘一芽一叶。",
        producer="东坪村茶叶专业合作社",
        phone="0731-83011137",
        where_to_buy="青山镇农贸市场12号门面",
        season="3月—5月",
    )
    publish_article(column(home, "njzs"), "春季茶园病虫害绿色防控要点")
    publish_article(column(home, "cwgk"), "东坪村2026年第4季度财务公开")
    return home


def test_every_village_page_has_the_four_standard_columns(cluster):
    slugs = set(ColumnPage.objects.child_of(cluster["homes"]["village"]).values_list("slug", flat=True))
    assert {"cwgk", "njzs", "zfxx", "shcs"} <= slugs


def test_a_village_page_shows_its_signature_product_first_with_picture_producer_and_where_to_buy(client, village):
    html = client.get("/qsz/dpc/").content.decode()
    assert "一村一品 · 农特产品" in html
    assert html.index("东坪高山云雾茶") < html.index("东坪红茶")  # 一村一品 first
    assert 'alt="东坪村茶园里的云雾茶"' in html
    assert "东坪村茶叶专业合作社" in html and 'href="tel:073183011137"' in html
    assert "青山镇农贸市场12号门面" in html and "3月—5月" in html
    for title in ("村务公开", "农技知识", "致富信息", "生活常识"):
        assert f">{title}</h2>" in html
    assert "春季茶园病虫害绿色防控要点" in html


def test_the_township_home_shows_its_villages_products_and_latest_items(client, village):
    html = client.get("/qsz/").content.decode()
    assert "各村特色产品" in html and "东坪高山云雾茶" in html and 'href="/qsz/dpc/"' in html
    assert "各村农技知识" in html and "春季茶园病虫害绿色防控要点" in html
    assert "各村村务公开" in html and "东坪村2026年第4季度财务公开" in html


def test_a_village_that_is_not_live_does_not_show_on_the_township_home(client, village):
    village.unpublish()
    html = client.get("/qsz/").content.decode()
    assert "东坪高山云雾茶" not in html and "春季茶园病虫害绿色防控要点" not in html


def test_a_village_made_before_the_new_columns_gets_them_once_by_the_command(cluster):
    from django.core.management import call_command

    home = cluster["homes"]["village"]
    ColumnPage.objects.child_of(home).get(slug="zfxx").delete()
    call_command("complete_site_columns", "--kind", "village", stdout=io.StringIO())
    call_command("complete_site_columns", "--kind", "village", stdout=io.StringIO())
    assert ColumnPage.objects.child_of(home).filter(slug="zfxx").count() == 1


def test_an_item_in_a_villages_column_refreshes_the_township_home_when_pre_rendered(cluster):
    from govportal.prerender.rules import snapshot

    town, village = cluster["homes"]["town"], cluster["homes"]["village"]
    item = publish_article(column(village, "zfxx"), "东坪村茶叶电商培训报名")
    paths = {e.path for e in snapshot(item).all_entries()}
    assert town.url_path.removeprefix("/portal") in paths or "/qsz/" in paths
    own = publish_article(column(town, "zfxx"), "青山镇致富带头人评选")
    assert "township" not in {k for k, (value, _e) in snapshot(own).groups.items() if value is not None}
