"""Demo data of 企业风采 and 招商引资, loaded by `govportal.demo.loader` after the other areas.

The investment bureau (示例市商务局, the agency `GOVPORTAL_INVESTMENT_BUREAU_CODE` names) with
an editor and a reviewer; a dozen published enterprises with products and pictures (drawn by
`demo.images`), one application waiting for review; three investment projects and two
policies pointing at 信息公开 documents; two image windows on the portal home — one on show,
one scheduled to start in three days — drafted by the city's editor and approved by its
reviewer; one answered and one open investment enquiry. Deterministic (``builder.rng``).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile

from wagtail.images import get_image_model
from wagtail.models import Page

from govportal.cluster.permissions import agency_collection, agency_groups
from govportal.core.citizen_input import credit_code_check_char
from govportal.core.models import Agency, AgencyGroup, AgencyKind, Role, User
from govportal.demo import images, registry
from govportal.enterprise import actions
from govportal.enterprise.models import (
    EnterpriseProduct,
    ImageWindow,
    InvestmentPolicy,
    InvestmentProject,
)

# name, kind, industry, township, profile, honours, website, products [(name, category, description)]
ENTERPRISES = [
    (
        "示例市青山茶业有限公司",
        "private",
        "food",
        "青山镇",
        "公司成立于2008年，专业从事高山绿茶种植、加工和销售，拥有标准化生态茶园三千亩，带动周边农户一千二百户增收。",
        "省级农业产业化龙头企业\n“青山云雾”获评省著名商标",
        "https://www.qingshan-tea.example.cn",
        [
            ("青山云雾茶", "tea", "海拔八百米高山茶园出产，条索紧结，香高味醇。"),
            ("青山红茶", "tea", "选用一芽二叶精制，汤色红亮。"),
        ],
    ),
    (
        "示例市华强机械制造有限公司",
        "invested",
        "manufacturing",
        "示例市经济开发区",
        "2015年招商引资落户经开区，主要生产工程机械液压件和精密结构件，产品配套国内主要工程机械企业。",
        "国家高新技术企业\n省“专精特新”中小企业",
        "https://www.huaqiang-jx.example.cn",
        [("液压油缸", "other", "工作压力最高35兆帕，广泛用于挖掘机、起重机。")],
    ),
    (
        "示例市白沙湖水产发展有限公司",
        "sme",
        "agriculture",
        "白沙镇",
        "依托白沙湖水域发展生态养殖，年产鳜鱼、甲鱼等名优水产品八百吨，建有冷链加工车间。",
        "省级水产健康养殖示范场",
        "",
        [
            ("白沙湖鳜鱼", "aquatic", "生态湖泊养殖，肉质细嫩。"),
            ("白沙湖甲鱼", "aquatic", "仿野生养殖，五年以上出塘。"),
        ],
    ),
    (
        "示例市金桥粮油有限公司",
        "private",
        "food",
        "金桥乡",
        "以本地优质油菜籽为原料，采用低温压榨工艺生产菜籽油，年加工油菜籽两万吨。",
        "市级农业产业化龙头企业",
        "https://www.jinqiao-ly.example.cn",
        [("金桥压榨菜籽油", "grain", "低温物理压榨，保留天然营养。")],
    ),
    (
        "示例市桃源果业专业合作社",
        "private",
        "agriculture",
        "金桥乡",
        "合作社种植黄桃一千五百亩，统一品种、统一标准、统一品牌销售，社员二百余户。",
        "国家农民合作社示范社",
        "",
        [
            ("桃源黄桃", "produce", "果肉金黄，香甜多汁，七月上市。"),
            ("黄桃罐头", "food", "当季鲜果加工，不添加防腐剂。"),
        ],
    ),
    (
        "示例市龙泉温泉旅游开发有限公司",
        "invested",
        "tourism",
        "龙泉镇",
        "投资建设龙泉温泉度假区，拥有温泉汤池四十余个和度假酒店一座，年接待游客五十万人次。",
        "国家AAAA级旅游景区",
        "https://www.longquan-spa.example.cn",
        [("龙泉温泉度假套票", "other", "含温泉、住宿和农家餐饮。")],
    ),
    (
        "示例市新材科技股份有限公司",
        "resident",
        "materials",
        "示例市经济开发区",
        "专注高性能复合材料研发和生产，产品用于轨道交通和新能源装备，建有省级企业技术中心。",
        "国家高新技术企业\n省级企业技术中心",
        "https://www.xincai-tech.example.cn",
        [("碳纤维复合板材", "other", "高强度、轻量化，用于轨道交通车厢内饰。")],
    ),
    (
        "示例市竹山竹木制品有限公司",
        "sme",
        "manufacturing",
        "龙泉镇",
        "利用本地竹资源生产竹砧板、竹餐具和竹工艺品，产品出口日本、韩国等地。",
        "省级林业产业化龙头企业",
        "",
        [("竹制砧板", "craft", "整竹压制，防霉耐用。"), ("竹编工艺品", "craft", "非遗竹编技艺，手工编织。")],
    ),
    (
        "示例市东城电子信息有限公司",
        "sme",
        "electronics",
        "东城街道",
        "从事智能终端主板和物联网模组的设计与生产，拥有自动化贴片生产线八条。",
        "市级企业技术中心",
        "https://www.dongcheng-dz.example.cn",
        [("物联网通信模组", "other", "支持窄带物联网和蓝牙双模通信。")],
    ),
    (
        "示例市仁和中药材有限公司",
        "private",
        "pharma",
        "龙泉镇",
        "建有玉竹、黄精等道地中药材规范化种植基地两千亩，开展初加工和饮片生产。",
        "省级中药材示范基地",
        "",
        [("龙泉黄精", "herbs", "九蒸九晒古法炮制。")],
    ),
    (
        "示例市西湖物流有限公司",
        "resident",
        "logistics",
        "西湖街道",
        "提供城乡配送、冷链仓储和电商物流服务，建有县级物流分拨中心，覆盖全市所有行政村。",
        "国家AA级物流企业",
        "https://www.xihu-wl.example.cn",
        [],
    ),
    (
        "示例市石门蔬菜产销有限公司",
        "sme",
        "agriculture",
        "青山镇",
        "在石门村建设高山蔬菜基地八百亩，订单供应长沙、广州等地超市和学校食堂。",
        "粤港澳大湾区“菜篮子”生产基地",
        "",
        [("石门高山辣椒", "produce", "高山冷凉气候种植，辣味适中。")],
    ),
]

PENDING = (
    "示例市柳塘生态农业有限公司",
    "private",
    "agriculture",
    "青山镇",
    "发展稻虾共养一千亩，年产小龙虾三百吨、优质稻米五百吨，正在建设稻虾加工车间。",
    "",
    "",
    [("柳塘小龙虾", "aquatic", "稻田生态养殖。")],
)

PROJECTS = [
    (
        "青山镇高山茶精深加工项目",
        "food",
        "青山镇茶叶产业园",
        "总投资约2亿元，用地80亩",
        "依托全市五万亩茶园，建设茶叶精深加工生产线、茶饮料生产线和仓储物流中心。",
        "合作方式：独资或合资。优惠条件：园区标准厂房租金“三免两减半”，按规定享受省市产业扶持资金。",
    ),
    (
        "经开区新能源装备配套产业园项目",
        "manufacturing",
        "示例市经济开发区",
        "总投资约15亿元，用地500亩",
        "规划建设新能源汽车零部件、储能设备配套产业园，已完成土地平整和道路、供电等基础设施。",
        "合作方式：整体开发或分期入驻。优惠条件：“一事一议”，固定资产投资补助，人才公寓优先保障。",
    ),
    (
        "龙泉温泉康养小镇项目",
        "tourism",
        "龙泉镇",
        "总投资约8亿元，用地300亩",
        "结合龙泉温泉资源和中药材种植基地，建设温泉康养、中医药养生和乡村民宿集群。",
        "合作方式：PPP或社会资本独资。优惠条件：配套道路由政府建设，旅游用地按规定优先供应。",
    ),
]


def _code(n: int) -> str:
    body = f"9143010{n % 10}MA4L{n:04d}X"[:17]
    return body + credit_code_check_char(body)


def _picture(builder, collection, title: str, rng, size=(480, 270)):
    Image = get_image_model()
    image = Image(
        title=title,
        file=ContentFile(images.landscape(rng, *size), name=f"demo-qiye-{abs(hash(title)) % 10**8}.jpg"),
        collection=collection,
        uploaded_by_user=builder.users["admin"],
    )
    image._set_image_file_metadata()
    image.save()
    return image


def _bureau(builder) -> tuple[Agency, User, User]:
    code = settings.GOVPORTAL_INVESTMENT_BUREAU_CODE
    bureau = Agency.objects.filter(code=code).first() or Agency.objects.create(
        code=code,
        name="示例市商务局",
        short_name="商务局",
        kind=AgencyKind.DEPARTMENT,
        head="孙建国",
        functions="负责全市招商引资、外贸外资和商贸流通工作；负责企业风采信息审核发布和投资咨询答复。",
        address="示例市中心区商贸大道16号",
        postcode="410000",
        phone="0731-84560001",
        email="swu@example.gov.cn",
        sort_order=990,
    )
    builder.agencies.setdefault(code, bureau)
    password = builder.users["admin"].password  # the demo password, hashed once by the loader
    people = []
    for role, (last, first) in ((Role.EDITOR, ("周", "强")), (Role.REVIEWER, ("吴", "敏"))):
        user = User.objects.create(
            username=f"swu_{role}", password=password, agency=bureau, last_name=last, first_name=first
        )
        user.groups.add(agency_groups(bureau)[role])
        builder.users[user.username] = user
        people.append(user)
    return bureau, people[0], people[1]


def _city_staff(city, role) -> User | None:
    group = AgencyGroup.objects.filter(agency=city, role=role).values("group_id")
    return User.objects.filter(agency=city, groups__in=group).order_by("pk").first()


def load(builder) -> None:
    rng = builder.rng
    bureau, clerk, reviewer = _bureau(builder)
    collection = agency_collection(bureau)
    for n, (name, kind, industry, township, profile, honours, website, products) in enumerate(ENTERPRISES):
        enterprise = actions.enterprise_apply(
            name=name,
            credit_code=_code(n + 1),
            kind=kind,
            industry=industry,
            township=township,
            profile=profile,
            honours=honours,
            address=f"示例市{township}",
            contact_name=rng.choice(["李明", "王芳", "张伟", "刘洋", "陈静", "杨帆"]),
            contact_phone=f"0731-8456{1000 + n:04d}" if n % 2 else f"1390731{1000 + n:04d}",
            email=f"contact{n + 1}@qiye.example.cn" if website else "",
            website=website,
            products=[{"name": p, "category": c, "description": d} for p, c, d in products],
        )
        enterprise.logo = _picture(builder, collection, f"{name}厂区", rng)
        enterprise.logo_alt = f"{name}厂区外景"
        enterprise.sort_order = n + 1
        enterprise.save(update_fields=["logo", "logo_alt", "sort_order"])
        for product in EnterpriseProduct.objects.filter(enterprise=enterprise):
            product.image = _picture(builder, collection, product.name, rng, size=(320, 180))
            product.save(update_fields=["image"])
        actions.enterprise_approve(enterprise=enterprise, actor=reviewer)
    name, kind, industry, township, profile, honours, website, products = PENDING
    actions.enterprise_apply(
        name=name,
        credit_code=_code(99),
        kind=kind,
        industry=industry,
        township=township,
        profile=profile,
        contact_name="赵刚",
        contact_phone="13907319999",
        products=[{"name": p, "category": c, "description": d} for p, c, d in products],
    )

    # 招商项目 and 招商政策 (the policies point at published 信息公开 documents, when there are).
    projects = []
    for n, (title, sector, location, scale, description, terms) in enumerate(PROJECTS):
        projects.append(
            actions.bureau_row_save(
                instance=InvestmentProject(
                    title=title,
                    sector=sector,
                    location=location,
                    scale=scale,
                    description=description,
                    terms=terms,
                    contact_name="周强",
                    contact_phone="0731-84560001",
                    is_published=True,
                    published_at=builder.now - timedelta(days=10 * (n + 1)),
                    sort_order=n + 1,
                ),
                actor=clerk,
            )
        )
    documents = list(
        Page.objects.live().filter(content_type__model="disclosuredocumentpage").order_by("-first_published_at")[:2]
    )
    for n, title in enumerate(["示例市招商引资优惠政策（试行）", "示例市支持实体经济高质量发展若干措施"]):
        actions.bureau_row_save(
            instance=InvestmentPolicy(
                title=title,
                summary="重大项目“一事一议”，固定资产投资补助，标准厂房租金减免，人才住房保障。",
                document=documents[n] if n < len(documents) else None,
                url="" if n < len(documents) else "/zwgk/",
                is_published=True,
                published_at=builder.now - timedelta(days=20 * (n + 1)),
            ),
            actor=clerk,
        )

    # 投资咨询: one answered, one open.
    answered, _code1 = actions.enquiry_submit(
        project=projects[0],
        company="长沙某茶业集团有限公司",
        name="陈先生",
        phone="13912345678",
        content="请问茶叶产业园项目用地是否已完成征拆，标准厂房能否按需定制？",
    )
    actions.enquiry_reply(
        enquiry=answered, actor=clerk, reply="您好！项目用地已完成征拆和平整，标准厂房可按企业需求定制，欢迎实地考察。"
    )
    actions.enquiry_submit(
        project=projects[1],
        company="深圳某储能科技有限公司",
        name="林女士",
        phone="13812340000",
        content="我公司拟投资建设储能电池组装线，请问经开区有哪些配套政策和可用厂房？",
    )

    # 形象窗口 on the portal home: one on show, one from three days on.
    portal = builder.homes.get(registry.CITY_GOVERNMENT_CODE)
    city = builder.agencies[registry.CITY_GOVERNMENT_CODE]
    editor = _city_staff(city, Role.EDITOR) or builder.users["admin"]
    approver = _city_staff(city, Role.REVIEWER) or builder.users["admin"]
    pictures = builder.images.get(registry.CITY_GOVERNMENT_CODE, [])
    if portal is None or not pictures:
        return
    for n, (slogan, caption, alt, link, text, start) in enumerate(
        [
            (
                "山水示例 投资首选",
                "经开区新能源装备配套产业园火热招商",
                "示例市经济开发区鸟瞰，厂房整齐、道路宽阔",
                "/qiye/zhaoshang/",
                "查看招商项目",
                builder.now - timedelta(days=2),
            ),
            (
                "名优特产 香飘四方",
                "青山云雾茶、桃源黄桃等名优新特产品展示",
                "青山镇高山茶园，层层茶垄环绕山腰",
                "/qiye/chanpin/",
                "浏览名优产品",
                builder.now + timedelta(days=3),
            ),
        ]
    ):
        window = actions.window_save(
            window=ImageWindow(
                home=portal,
                slogan=slogan,
                caption=caption,
                image=pictures[n % len(pictures)],
                alt_text=alt,
                link_url=link,
                link_text=text,
                starts_at=start,
                sort_order=n + 1,
            ),
            actor=editor,
        )
        actions.window_submit(window=window, actor=editor)
        actions.window_approve(window=window, actor=approver)
