"""Demo of 村村有网页 (issue 23 point 4): 一村一品 and 农特产品 on the villages' pages, with
generated pictures (`demo/images.py`) in each village's own collection. The villages' 农技知识,
致富信息 and 生活常识 columns get their articles from the loader's `ARTICLE_PLAN`."""

from __future__ import annotations

import random

from django.core.files.base import ContentFile

from wagtail.images import get_image_model

from govportal.cluster.models import ProductCategory as C
from govportal.cluster.models import VillageProduct
from govportal.cluster.permissions import agency_collection
from govportal.demo import images, registry

# village slug: [(name, category, signature, description, producer, where to buy, season)]
PRODUCTS = {
    "dpc": [
        (
            "东坪高山云雾茶",
            C.TEA,
            True,
            "海拔600米以上茶园，清明前采摘一芽一叶，手工杀青揉捻，汤色嫩绿、栗香持久。",
            "东坪村茶叶专业合作社",
            "村级综合服务中心展销厅；青山镇农贸市场12号门面",
            "3月—5月",
        ),
        (
            "东坪红茶",
            C.TEA,
            False,
            "夏秋茶精制工夫红茶，甜润耐泡。",
            "东坪村茶叶专业合作社",
            "村级综合服务中心展销厅",
            "全年",
        ),
        (
            "土蜂蜜",
            C.FOOD,
            False,
            "茶山中华蜂百花蜜，一年一取。",
            "东坪村养蜂户周秀梅",
            "村级综合服务中心展销厅",
            "10月—11月",
        ),
    ],
    "smc": [
        (
            "石门高山蔬菜",
            C.PRODUCE,
            True,
            "夏季冷凉气候种植的辣椒、四季豆、大白菜，不用化学除草剂。",
            "石门村高山蔬菜合作社",
            "合作社冷库（村部旁）；市区蔬菜批发市场B区",
            "6月—10月",
        ),
        (
            "石门腊肉",
            C.FOOD,
            False,
            "农家土猪肉柴火熏制，冬至前后上市。",
            "石门村农户联营",
            "村部便民超市",
            "12月—次年2月",
        ),
    ],
    "ltc": [
        (
            "柳塘稻虾米",
            C.GRAIN,
            True,
            "稻虾共养田出产的优质籼米，米粒细长、饭香软糯。",
            "柳塘村稻虾共养示范基地",
            "基地门市部；青山镇农贸市场",
            "10月起",
        ),
        (
            "柳塘小龙虾",
            C.AQUATIC,
            False,
            "稻田生态养殖，个大壳薄。",
            "柳塘村稻虾共养示范基地",
            "基地塘口现捞现卖",
            "4月—7月",
        ),
    ],
    "hwc": [
        (
            "河湾鳙鱼",
            C.AQUATIC,
            True,
            "水库大水面生态养殖，不投饲料，肉质紧实。",
            "河湾村水产养殖合作社",
            "合作社码头；白沙镇水产市场",
            "全年，冬季捕捞",
        ),
    ],
    "jqc": [
        (
            "金桥菜籽油",
            C.GRAIN,
            True,
            "本村油菜籽压榨，传统工艺，香味浓郁。",
            "金桥村油坊",
            "村油坊门市；金桥乡供销社",
            "5月起",
        ),
        ("油菜花蜜", C.FOOD, False, "春季油菜花期采集。", "金桥村养蜂户", "村油坊门市", "4月—5月"),
    ],
    "tyc": [
        (
            "桃源黄桃",
            C.PRODUCE,
            True,
            "锦绣黄桃，果肉金黄、香甜多汁，可预约采摘。",
            "桃源村黄桃种植合作社",
            "村口采摘园；金桥乡农贸市场",
            "7月—8月",
        ),
        ("黄桃罐头", C.FOOD, False, "当季鲜桃加工，无添加防腐剂。", "桃源村农产品加工厂", "村口采摘园", "全年"),
    ],
    "lqc": [
        (
            "龙泉温泉鸡蛋",
            C.LIVESTOCK,
            True,
            "林下散养土鸡蛋，温泉民宿游客的伴手礼。",
            "龙泉村生态养殖场",
            "温泉民宿服务中心；龙泉镇农贸市场",
            "全年",
        ),
    ],
    "zsc": [
        (
            "竹山冬笋",
            C.PRODUCE,
            True,
            "楠竹林冬笋，鲜嫩无渣。",
            "竹山村竹笋合作社",
            "村部收购点；龙泉镇农贸市场",
            "11月—次年1月",
        ),
        ("竹编果篮", C.CRAFT, False, "非遗传承人手工编制的竹编器具。", "竹山村竹编工坊", "竹编工坊展示厅", "全年"),
    ],
    "xqc": [
        (
            "新桥玉竹",
            C.HERBS,
            True,
            "道地药材玉竹，GAP规范种植，可药食两用。",
            "新桥村中药材种植合作社",
            "合作社仓库；市中药材交易市场",
            "8月—10月",
        ),
    ],
}


def load(builder) -> None:
    Image = get_image_model()
    rng = random.Random("demo:村村有网页")  # its own stream: later parts of the demo stay as they were
    villages = {v.slug: v for v in registry.VILLAGES}
    for slug, products in PRODUCTS.items():
        spec = villages[slug]
        home = builder.homes[spec.code]
        agency = builder.agencies[spec.code]
        collection = agency_collection(agency)
        for n, (name, category, signature, description, producer, where, season) in enumerate(products):
            image = Image(
                title=f"{spec.short_name}{name}",
                description=f"{spec.short_name}{name}的产品图片",
                file=ContentFile(images.landscape(rng, 480, 320), name=f"demo-{slug}-product-{n + 1}.jpg"),
                collection=collection,
                uploaded_by_user=builder.users["admin"],
            )
            image._set_image_file_metadata()
            image.save()
            VillageProduct.objects.create(
                home=home,
                sort_order=n,
                name=name,
                category=category,
                is_signature=signature,
                image=image,
                description=description,
                producer=producer,
                phone=spec.phone,
                where_to_buy=where,
                season=season,
            )
