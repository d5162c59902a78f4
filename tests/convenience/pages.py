"""Public pages of 公共查询 and 村村有网页 for the browser suite's `site_pages` (axe, phone,
关怀版, 繁體)."""

from __future__ import annotations

from urllib.parse import quote

from govportal.cluster.models import ProductCategory, VillageProduct


def query_pages(cluster, base: str, image) -> list[tuple[str, str]]:
    from tests.convenience.query_helpers import (
        CUTS_HEADER,
        CUTS_ROWS,
        WATER_HEADER,
        WATER_ROWS,
        cuts_system,
        load,
        water_system,
    )

    city = cluster["agencies"]["city"]
    load(water_system(city), WATER_HEADER, WATER_ROWS)
    load(cuts_system(city), CUTS_HEADER, CUTS_ROWS)
    VillageProduct.objects.create(
        home=cluster["homes"]["village"],
        name="东坪高山云雾茶",
        category=ProductCategory.TEA,
        is_signature=True,
        image=image,
        description="海拔600米以上茶园，清明前采摘一芽一叶。",
        producer="东坪村茶叶专业合作社",
        phone="0731-83011137",
        where_to_buy="青山镇农贸市场12号门面",
        season="3月—5月",
    )
    return [
        ("convenience-index", f"{base}/bianmin/"),
        ("query-list", f"{base}/bianmin/chaxun/"),
        ("query-personal-form", f"{base}/bianmin/chaxun/shuifei/"),
        ("query-public-answer", f"{base}/bianmin/chaxun/tingdian/?f0={quote('青山镇')}"),
    ]
