"""Demo of 公共查询 (issue 23 point 3): five query systems with generated data, imported
through the real import action from generated CSV tables.

- 水费查询 (住建局 / 示例市自来水有限公司): personal, account number + surname. Try 户号
  ``SL20260001`` with the surname shown in `DEMO_WATER_ACCOUNT`.
- 计划停电查询 (市政府 / 国网示例市供电公司) and 计划停水查询 (住建局, scheduled import):
  public, by township or sub-district.
- 燃气服务网点 (住建局 / 示例市燃气有限公司): public, by township or sub-district.
- 交通违法查询 (公安局 / 交警支队): personal, plate number + last six of the engine number.
  Try ``湘A·D2601`` with engine number ending ``260001``.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import timedelta

from govportal.convenience import actions
from govportal.convenience.models import FieldMask, QueryField, QuerySource, QuerySystem
from govportal.demo import registry

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = ["建国", "秀英", "志强", "桂兰", "海燕", "德明", "丽华", "国富", "春花", "晓东", "文静", "长青", "明辉", "玉梅"]
ROADS = ["芙蓉路", "五一大道", "湘江北路", "青山大道", "白沙路", "金桥街", "龙泉路", "东城巷", "西湖路", "人民中路"]
# The demo's documented test account (docs/convenience.md): the first generated row.
DEMO_WATER_ACCOUNT = ("SL20260001", "王")
DEMO_PLATE = ("湘A·D2601", "260001")

# (name, slug, agency code, provider, intro, note, phone, personal, source, fields)
# fields: (column, label, hint, asked, shown, mask)
SYSTEMS = [
    (
        "水费查询",
        "shuifei",
        "SLS-ZJJ",
        "示例市自来水有限公司",
        "查询近期的用水量、应缴水费和缴费状态。请准备好水费账单上的户号。",
        "数据每月5日更新，仅供参考，以营业厅票据为准。",
        "0731-96565",
        True,
        QuerySource.UPLOAD,
        [
            ("户号", "户号", "水费账单左上角的10位户号，如 SL20260001", True, True, FieldMask.TAIL4),
            ("户主姓氏", "户主姓氏", "开户人的姓，如：王", True, False, FieldMask.NONE),
            ("户主", "户主", "", False, True, FieldMask.NAME),
            ("用水地址", "用水地址", "", False, True, FieldMask.TEXT),
            ("账期", "账期", "", False, True, FieldMask.NONE),
            ("用水量（吨）", "用水量（吨）", "", False, True, FieldMask.NONE),
            ("应缴金额（元）", "应缴金额（元）", "", False, True, FieldMask.NONE),
            ("缴费状态", "缴费状态", "", False, True, FieldMask.NONE),
        ],
    ),
    (
        "计划停电查询",
        "tingdian",
        registry.CITY_GOVERNMENT_CODE,
        "国网示例市供电公司",
        "按乡镇（街道）查询近期计划停电的时间和范围。",
        "如遇天气等原因，停电计划可能调整，以供电公司公告为准。",
        "95598",
        False,
        QuerySource.UPLOAD,
        [
            ("乡镇（街道）", "乡镇（街道）", "", True, True, FieldMask.NONE),
            ("停电时间", "停电时间", "", False, True, FieldMask.NONE),
            ("预计恢复时间", "预计恢复时间", "", False, True, FieldMask.NONE),
            ("停电范围", "停电范围", "", False, True, FieldMask.NONE),
            ("原因", "停电原因", "", False, True, FieldMask.NONE),
        ],
    ),
    (
        "计划停水查询",
        "tingshui",
        "SLS-ZJJ",
        "示例市自来水有限公司",
        "按乡镇（街道）查询管网检修等计划停水。",
        "停水期间请提前储水；恢复供水初期水质浑浊属正常现象，放水片刻即可。",
        "0731-96565",
        False,
        QuerySource.DROP,
        [
            ("乡镇（街道）", "乡镇（街道）", "", True, True, FieldMask.NONE),
            ("停水时间", "停水时间", "", False, True, FieldMask.NONE),
            ("预计恢复时间", "预计恢复时间", "", False, True, FieldMask.NONE),
            ("影响范围", "影响范围", "", False, True, FieldMask.NONE),
            ("原因", "停水原因", "", False, True, FieldMask.NONE),
        ],
    ),
    (
        "燃气服务网点",
        "ranqi",
        "SLS-ZJJ",
        "示例市燃气有限公司",
        "按乡镇（街道）查询燃气营业厅、缴费点和维修服务网点。",
        "燃气泄漏等紧急情况请立即拨打24小时抢修电话 0731-96577。",
        "0731-96577",
        False,
        QuerySource.UPLOAD,
        [
            ("乡镇（街道）", "乡镇（街道）", "", True, True, FieldMask.NONE),
            ("网点名称", "网点名称", "", False, True, FieldMask.NONE),
            ("地址", "地址", "", False, True, FieldMask.NONE),
            ("电话", "电话", "", False, True, FieldMask.NONE),
            ("营业时间", "营业时间", "", False, True, FieldMask.NONE),
            ("服务项目", "服务项目", "", False, True, FieldMask.NONE),
        ],
    ),
    (
        "交通违法查询",
        "weifa",
        "SLS-GAJ",
        "示例市公安局交通警察支队",
        "查询本市机动车的交通技术监控违法记录。请同时填写号牌号码和发动机号后六位。",
        "对违法记录有异议的，可在处理前到交警支队违法处理窗口申请复核。",
        "0731-122",
        True,
        QuerySource.UPLOAD,
        [
            ("号牌号码", "号牌号码", "如：湘A·D2601", True, True, FieldMask.TEXT),
            ("发动机号后六位", "发动机号后六位", "行驶证上发动机号码的最后六位", True, False, FieldMask.NONE),
            ("违法时间", "违法时间", "", False, True, FieldMask.NONE),
            ("违法地点", "违法地点", "", False, True, FieldMask.NONE),
            ("违法行为", "违法行为", "", False, True, FieldMask.NONE),
            ("罚款（元）", "罚款（元）", "", False, True, FieldMask.NONE),
            ("记分", "记分", "", False, True, FieldMask.NONE),
            ("处理状态", "处理状态", "", False, True, FieldMask.NONE),
        ],
    ),
]

VIOLATIONS = [
    ("机动车违反禁止标线指示的", "200", "3"),
    ("驾驶中型以上载客载货汽车、危险物品运输车辆以外的其他机动车超过规定时速未达20%的", "200", "3"),
    ("机动车不按规定停放影响其他车辆和行人通行的", "100", "0"),
    ("驾驶机动车不按导向车道行驶的", "100", "2"),
    ("机动车通过有灯控路口时，不按所需行进方向驶入导向车道的", "100", "2"),
]
REASONS_POWER = ["线路检修", "配电设备更换", "线路迁改", "变电站春检"]
REASONS_WATER = ["主干管网检修", "阀门更换", "管道改造接驳", "二次供水设施清洗"]


def _csv(header: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def _areas() -> list[str]:
    return [t.short_name for t in registry.TOWNSHIPS]


def _rows(slug: str, rng, now) -> list[list]:
    fmt = "%Y-%m-%d %H:%M"
    areas = _areas()
    if slug == "shuifei":
        rows = []
        for n in range(1, 241):
            surname = DEMO_WATER_ACCOUNT[1] if n == 1 else rng.choice(SURNAMES)
            name = surname + rng.choice(GIVEN)
            address = f"示例市{rng.choice(areas)}{rng.choice(ROADS)}{rng.randint(1, 300)}号{rng.randint(1, 12)}栋"
            for months_back in (1, 2):
                period = (now.replace(day=1) - timedelta(days=28 * months_back)).strftime("%Y-%m")
                tons = rng.randint(4, 30)
                paid = months_back == 2 or rng.random() < 0.6
                rows.append(
                    [
                        f"SL2026{n:04d}",
                        surname,
                        name,
                        address,
                        period,
                        tons,
                        f"{tons * 3.15:.2f}",
                        "已缴费" if paid else "未缴费",
                    ]
                )
        return rows
    if slug in ("tingdian", "tingshui"):
        rows = []
        for area in areas:
            for _ in range(rng.randint(1, 2)):
                start = (now + timedelta(days=rng.randint(1, 20))).replace(hour=rng.choice([7, 8, 9, 22]), minute=0)
                end = start + timedelta(hours=rng.choice([4, 6, 8]))
                scope = f"{area}{rng.choice(ROADS)}沿线、{rng.choice(['工业园', '集镇', '安置小区', '农贸市场'])}一带"
                reason = rng.choice(REASONS_POWER if slug == "tingdian" else REASONS_WATER)
                rows.append([area, start.strftime(fmt), end.strftime(fmt), scope, reason])
        return rows
    if slug == "ranqi":
        rows = []
        for n, area in enumerate(areas):
            rows.append(
                [
                    area,
                    f"示例燃气{area}营业厅",
                    f"示例市{area}{ROADS[n % len(ROADS)]}{18 + n * 7}号",
                    f"0731-8{n + 1:03d}6577",
                    "每天 8:30—17:30",
                    "开户、缴费、报修、安检预约",
                ]
            )
            rows.append(
                [
                    area,
                    f"{area}便民缴费点（{rng.choice(['邮政网点', '农商银行', '社区服务站'])}）",
                    f"示例市{area}{rng.choice(ROADS)}{rng.randint(1, 99)}号",
                    f"0731-8{n + 21:03d}6577",
                    "工作日 9:00—17:00",
                    "缴费、购气",
                ]
            )
        return rows
    if slug == "weifa":
        rows = []
        for n in range(1, 121):
            plate = DEMO_PLATE[0] if n == 1 else f"湘A·{rng.choice('BCDEFGHJK')}{rng.randint(1000, 9999)}"
            engine = DEMO_PLATE[1] if n == 1 else f"{rng.randint(0, 999999):06d}"
            for _ in range(1 if n > 1 else 2):
                what, fine, points = rng.choice(VIOLATIONS)
                at = (now - timedelta(days=rng.randint(3, 200), minutes=rng.randint(0, 1440))).strftime(fmt)
                place = f"示例市{rng.choice(ROADS)}与{rng.choice(ROADS)}交叉路口"
                rows.append([plate, engine, at, place, what, fine, points, rng.choice(["未处理", "已处理"])])
        return rows
    return []


def load(builder) -> None:
    # A random stream of its own: the parts of the demo loaded after this one stay as they were.
    rng, now = random.Random("demo:公共查询"), builder.now
    admin = builder.users["admin"]
    for order, (name, slug, code, provider, intro, note, phone, personal, source, fields) in enumerate(SYSTEMS):
        system = QuerySystem.objects.create(
            agency=builder.agencies[code],
            name=name,
            slug=slug,
            provider=provider,
            intro=intro,
            result_note=note,
            service_phone=phone,
            is_personal=personal,
            source=source,
            is_published=True,
            sort_order=order,
        )
        QueryField.objects.bulk_create(
            QueryField(
                system=system,
                column=column,
                label=label,
                hint=hint,
                asked=asked,
                shown=shown,
                mask=mask,
                sort_order=i,
            )
            for i, (column, label, hint, asked, shown, mask) in enumerate(fields)
        )
        data = _csv([f[0] for f in fields], _rows(slug, rng, now))
        result = actions.query_data_import(
            system=system, data=data, file_name=f"{slug}.csv", source=source, actor=admin
        )
        assert result.ok, result.message
