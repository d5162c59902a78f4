"""Demo of the 监管 dashboards (docs/supervision.md, Dashboards): a picture worth looking at.

- 建设目标: the registry gains two 党群部门, one 事业单位 and one 双管单位 that have no site yet,
  and two villages of 青山镇 without a page — registered as the information office does in
  the agency registry, nothing built for them.
- 网上可办率: 农业农村局 and 生态环境局 publish licensing items not yet online, so that one
  falls below 30 % (2 of 7) and one lies between 30 % and 50 % (2 of 6); others stay at
  50 % exactly or above. Next year's rollout plans of a few departments.
- A supervisor of the 监察/督查 bureau (``jianguan_duban``, ``monitor.supervise_websites``).
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

from govportal.core.models import Agency, AgencyKind, User
from govportal.demo import registry
from govportal.demo import servicehall as hall_demo

# (code, name, short name, kind, parent code)
UNBUILT = [
    ("SLS-KX", "示例市科学技术协会", "市科协", AgencyKind.PARTY_MASS, ""),
    ("SLS-WL", "示例市文学艺术界联合会", "市文联", AgencyKind.PARTY_MASS, ""),
    ("SLS-GGZY", "示例市公共资源交易中心", "交易中心", AgencyKind.INSTITUTION, ""),
    ("SLS-YC", "示例市烟草专卖局", "烟草局", AgencyKind.DUAL_MANAGED, ""),
    ("SLS-X-QS-31", "青山镇新屋村民委员会", "新屋村", AgencyKind.VILLAGE, "SLS-X-QS"),
    ("SLS-X-QS-32", "青山镇松林村民委员会", "松林村", AgencyKind.VILLAGE, "SLS-X-QS"),
]

# Licensing items published but not yet online: (agency code, item name)
OFFLINE_LICENCES = [
    ("SLS-NYJ", "兽药经营许可"),
    ("SLS-NYJ", "生鲜乳收购许可"),
    ("SLS-NYJ", "农作物种子质量检验机构资格认定"),
    ("SLS-HBJ", "排污口设置审核"),
    ("SLS-HBJ", "消耗臭氧层物质销售备案许可"),
]

# Next year's rollout plans: (agency code, planned online licensing items, measures)
NEXT_YEAR_PLANS = [
    ("SLS-NYJ", 4, "兽药、生鲜乳收购许可接入省一体化平台，实现全程网办。"),
    ("SLS-HBJ", 4, "排污口设置审核与排污许可并联办理，申请表单上线。"),
    ("SLS-SCJ", 4, "医疗器械经营许可电子证照上线，实现“不见面审批”。"),
]


def load(builder) -> None:
    from govportal.servicehall.models import ItemType, RolloutPlan, ServiceDownload, ServiceItem

    agencies = builder.agencies
    order = max(a.sort_order for a in agencies.values())
    for n, (code, name, short, kind, parent) in enumerate(UNBUILT, start=1):
        agencies[code] = Agency.objects.create(
            code=code,
            name=name,
            short_name=short,
            kind=kind,
            parent=agencies.get(parent),
            postcode="410000",
            office_hours=registry.OFFICE_HOURS,
            sort_order=order + n * 10,
        )

    rng = builder.rng
    for n, (code, name) in enumerate(OFFLINE_LICENCES, start=1):
        agency = agencies[code]
        item = ServiceItem(
            agency=agency,
            code=f"430100{code[4:].replace('-', '')}-{900 + n:04d}",
            name=name,
            item_type=ItemType.LICENCE,
            audience=hall_demo.ENT,
            is_published=True,
        )
        hall_demo._guide(item, agency, statutory=20, promised=10, online=False, rng=rng)
        item.downloads = [ServiceDownload(title=f"{name}申请表（空白）", document=hall_demo._blank_form(agency))]
        item.save()

    year = builder.now.year + 1
    for code, planned, measures in NEXT_YEAR_PLANS:
        RolloutPlan.objects.create(agency=agencies[code], year=year, planned_online_items=planned, measures=measures)

    group = Group.objects.create(name="网站监管督查")
    group.permissions.add(
        Permission.objects.get(codename="supervise_websites"), Permission.objects.get(codename="access_admin")
    )
    supervisor = User.objects.create(
        username="jianguan_duban",
        password=builder.users["admin"].password,
        agency=agencies[registry.CITY_GOVERNMENT_CODE],
        last_name="督查局",
        first_name="网站监管",
    )
    supervisor.groups.add(group)
