"""Demo data of 网上办事大厅, loaded by `govportal.demo.loader` after the cluster.

67 service items across 12 departments (their common names — 营业执照, 医保, 居住证 — as aliases) with complete guides (and 5 incomplete ones the
check flags), application forms for 16 of them, window clerks per department, a supervisor
(督查) account, rollout plans, and applications in every state — replayed through the real
actions at the dates they happened (the clock is moved with `mock.patch` on
`django.utils.timezone.now`), including parallel approvals with one department late, and
ratings, some bad with their rectification.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model

from govportal.cluster.permissions import agency_groups
from govportal.core import calendar
from govportal.core.models import Role, User
from govportal.core.pdf import Letter, render_letter
from govportal.servicehall import actions
from govportal.servicehall.models import (
    Audience,
    Decision,
    FieldKind,
    FormField,
    ItemType,
    MaterialForm,
    Rectification,
    RolloutPlan,
    ServiceCoDepartment,
    ServiceDownload,
    ServiceFAQ,
    ServiceForm,
    ServiceItem,
    ServiceMaterial,
    ServiceStep,
    ServiceTopic,
    TopicKind,
)
from govportal.servicehall.publishing import item_reindex
from govportal.servicehall.validators import id_check_digit

THEMES = [
    ("sy", "生育收养"),
    ("jy", "教育科研"),
    ("jycy", "就业创业"),
    ("kbqy", "开办企业"),
    ("shbz", "社会保障"),
    ("ylws", "医疗卫生"),
    ("zfbz", "住房保障"),
    ("jtcx", "交通出行"),
    ("hjbl", "户籍办理"),
    ("gcjs", "工程建设"),
    ("nyny", "农林牧渔"),
    ("nsjf", "纳税缴费"),
]
LIFE_EVENTS = [("cs", "出生"), ("sx", "上学"), ("gz", "工作"), ("jh", "结婚"), ("tx", "退休"), ("kcy", "开餐馆")]

L, C, P, S, PS = (
    ItemType.LICENCE,
    ItemType.CONFIRMATION,
    ItemType.PAYMENT,
    ItemType.PUBLIC_SERVICE,
    ItemType.OTHER_POWER,
)
CIT, ENT, BOTH = Audience.CITIZEN, Audience.ENTERPRISE, Audience.BOTH

# (agency code, item name, type, audience, themes, statutory WD, promised WD, online)
ITEMS: list[tuple[str, str, str, str, tuple[str, ...], int, int, bool]] = [
    ("SLS-SCJ", "食品经营许可", L, ENT, ("kbqy", "kcy"), 20, 7, True),
    ("SLS-SCJ", "食品生产许可", L, ENT, ("kbqy",), 20, 10, True),
    ("SLS-SCJ", "药品零售企业许可", L, ENT, ("kbqy", "ylws"), 30, 15, True),
    ("SLS-SCJ", "特种设备使用登记", C, ENT, ("kbqy",), 15, 5, True),
    ("SLS-SCJ", "企业设立登记", C, ENT, ("kbqy",), 15, 1, True),
    ("SLS-SCJ", "医疗器械经营许可", L, ENT, ("ylws",), 30, 15, False),
    ("SLS-SCJ", "计量标准器具核准", L, ENT, ("kbqy",), 20, 10, False),
    ("SLS-WJW", "医疗机构执业登记", L, ENT, ("ylws",), 45, 20, True),
    ("SLS-WJW", "公共场所卫生许可", L, ENT, ("kbqy", "kcy"), 20, 5, True),
    ("SLS-WJW", "医师执业注册", L, CIT, ("ylws", "gz"), 20, 10, True),
    ("SLS-WJW", "出生医学证明办理", S, CIT, ("sy", "cs"), 10, 1, True),
    ("SLS-WJW", "放射诊疗许可", L, ENT, ("ylws",), 20, 15, False),
    ("SLS-WJW", "母婴保健技术服务执业许可", L, ENT, ("sy", "ylws"), 20, 15, False),
    ("SLS-JYJ", "教师资格认定", L, CIT, ("jy", "gz"), 30, 15, True),
    ("SLS-JYJ", "民办学校设立审批", L, ENT, ("jy",), 90, 30, False),
    ("SLS-JYJ", "义务教育阶段转学", S, CIT, ("jy", "sx"), 10, 5, True),
    ("SLS-JYJ", "校外培训机构设立审批", L, ENT, ("jy",), 30, 20, True),
    ("SLS-JYJ", "学生资助申请", P, CIT, ("jy", "sx"), 20, 10, True),
    ("SLS-GAJ", "户口迁移", C, CIT, ("hjbl", "jh"), 20, 5, True),
    ("SLS-GAJ", "出生登记", C, CIT, ("hjbl", "sy", "cs"), 10, 1, True),
    ("SLS-GAJ", "居民身份证换领", S, CIT, ("hjbl",), 60, 30, False),
    ("SLS-GAJ", "大型群众性活动安全许可", L, ENT, ("gcjs",), 20, 7, True),
    ("SLS-GAJ", "剧毒化学品购买许可", L, ENT, ("kbqy",), 3, 3, False),
    ("SLS-GAJ", "公章刻制备案", PS, ENT, ("kbqy",), 5, 1, True),
    ("SLS-RSJ", "失业保险金申领", P, CIT, ("shbz", "jycy"), 10, 5, True),
    ("SLS-RSJ", "职业技能培训补贴申领", P, CIT, ("jycy",), 20, 10, True),
    ("SLS-RSJ", "劳务派遣经营许可", L, ENT, ("jycy", "kbqy"), 20, 10, True),
    ("SLS-RSJ", "人力资源服务许可", L, ENT, ("jycy",), 20, 10, False),
    ("SLS-RSJ", "退休申请", C, CIT, ("shbz", "tx"), 20, 10, True),
    ("SLS-RSJ", "创业担保贷款贴息", P, BOTH, ("jycy",), 20, 15, False),
    ("SLS-ZJJ", "建筑工程施工许可", L, ENT, ("gcjs",), 7, 3, True),
    ("SLS-ZJJ", "商品房预售许可", L, ENT, ("gcjs", "zfbz"), 20, 10, True),
    ("SLS-ZJJ", "建筑业企业资质核准", L, ENT, ("gcjs", "kbqy"), 20, 15, False),
    ("SLS-ZJJ", "公共租赁住房申请", P, CIT, ("zfbz",), 30, 20, True),
    ("SLS-ZJJ", "城市建筑垃圾处置核准", L, ENT, ("gcjs",), 20, 10, False),
    ("SLS-ZJJ", "房屋建筑工程竣工验收备案", PS, ENT, ("gcjs",), 15, 5, False),
    ("SLS-JTJ", "道路货物运输经营许可", L, ENT, ("jtcx", "kbqy"), 20, 10, True),
    ("SLS-JTJ", "出租汽车驾驶员从业资格注册", L, CIT, ("jtcx", "gz"), 20, 5, True),
    ("SLS-JTJ", "公路超限运输许可", L, ENT, ("jtcx",), 15, 5, True),
    ("SLS-JTJ", "网络预约出租汽车运输证核发", L, BOTH, ("jtcx",), 20, 10, False),
    ("SLS-JTJ", "机动车维修经营备案", PS, ENT, ("jtcx", "kbqy"), 5, 2, False),
    ("SLS-HBJ", "建设项目环境影响报告书审批", L, ENT, ("gcjs",), 60, 30, True),
    ("SLS-HBJ", "排污许可证核发", L, ENT, ("kbqy",), 30, 20, True),
    ("SLS-HBJ", "危险废物经营许可", L, ENT, ("kbqy",), 20, 15, False),
    ("SLS-HBJ", "辐射安全许可", L, ENT, ("ylws",), 20, 15, False),
    ("SLS-NYJ", "农药经营许可", L, ENT, ("nyny", "kbqy"), 20, 10, True),
    ("SLS-NYJ", "种子生产经营许可", L, ENT, ("nyny",), 20, 15, False),
    ("SLS-NYJ", "动物防疫条件合格证核发", L, ENT, ("nyny",), 20, 10, True),
    ("SLS-NYJ", "农机购置补贴申请", P, BOTH, ("nyny",), 30, 20, True),
    ("SLS-NYJ", "渔业捕捞许可", L, CIT, ("nyny",), 20, 10, False),
    ("SLS-GJJ", "住房公积金提取", P, CIT, ("zfbz", "tx"), 3, 1, True),
    ("SLS-GJJ", "住房公积金贷款", P, CIT, ("zfbz", "jh"), 15, 10, True),
    ("SLS-GJJ", "单位住房公积金缴存登记", C, ENT, ("zfbz", "kbqy"), 5, 1, True),
    ("SLS-SWJ", "发票领用", S, ENT, ("nsjf", "kbqy"), 5, 1, True),
    ("SLS-SWJ", "个人所得税专项附加扣除", S, CIT, ("nsjf", "gz"), 5, 1, True),
    ("SLS-SWJ", "税务登记", C, ENT, ("nsjf", "kbqy"), 5, 1, True),
    ("SLS-QXJ", "雷电防护装置设计审核", L, ENT, ("gcjs",), 20, 10, True),
    ("SLS-QXJ", "升放无人驾驶自由气球审批", L, ENT, ("gcjs",), 5, 3, False),
    ("SLS-CZJ", "会计代理记账机构审批", L, ENT, ("kbqy",), 10, 5, True),
    ("SLS-CZJ", "政府采购供应商投诉处理", PS, ENT, ("kbqy",), 30, 20, False),
    ("SLS-DAG", "档案查阅利用", S, BOTH, ("hjbl",), 10, 3, True),
    ("SLS-DAG", "婚姻档案查询", S, CIT, ("jh",), 5, 1, True),
    ("SLS-GAJ", "养犬登记", C, CIT, ("hjbl",), 10, 5, False),
    ("SLS-WJW", "护士执业注册", L, CIT, ("ylws", "gz"), 20, 10, True),
    ("SLS-RSJ", "城乡居民基本医疗保险参保登记", C, CIT, ("shbz", "ylws", "cs"), 10, 1, True),
    ("SLS-RSJ", "基本医疗保险关系转移接续", S, CIT, ("shbz", "ylws", "gz"), 15, 5, True),
    ("SLS-GAJ", "居住证办理", C, CIT, ("hjbl", "gz"), 15, 7, True),
]

# 常用名称/别名: what citizens call the items (found by search, shown as a direct answer).
ALIASES = {
    "企业设立登记": "营业执照 开公司 办执照 公司注册 注册公司",
    "城乡居民基本医疗保险参保登记": "医保 医保参保 居民医保 办医保",
    "基本医疗保险关系转移接续": "医保转移 医保转移接续",
    "居住证办理": "居住证 办居住证 暂住证",
    "住房公积金提取": "提取公积金 公积金提取",
    "居民身份证换领": "身份证 换身份证 补办身份证",
    "出生医学证明办理": "出生证明 出生证",
    "户口迁移": "迁户口 户口迁入",
    "失业保险金申领": "失业金 领失业金",
    "退休申请": "办退休",
    "个人所得税专项附加扣除": "个税 个税扣除",
    "公共租赁住房申请": "公租房 廉租房",
    "教师资格认定": "教师资格证",
    "发票领用": "领发票",
    "网络预约出租汽车运输证核发": "网约车 网约车运输证",
    "药品零售企业许可": "开药店 药店",
    "出生登记": "上户口 新生儿落户 报户口",
    "档案查阅利用": "查档案 档案查询",
    "建筑工程施工许可": "施工许可证 施工证",
    "养犬登记": "养狗登记 狗证",
}

# Items that get a published form (by name) and, for the parallel ones, co-departments.
FORMS = [
    "食品经营许可",
    "食品生产许可",
    "药品零售企业许可",
    "公共场所卫生许可",
    "医疗机构执业登记",
    "教师资格认定",
    "校外培训机构设立审批",
    "户口迁移",
    "大型群众性活动安全许可",
    "失业保险金申领",
    "劳务派遣经营许可",
    "建筑工程施工许可",
    "道路货物运输经营许可",
    "排污许可证核发",
    "农药经营许可",
    "住房公积金提取",
    "雷电防护装置设计审核",
]
CO = {
    "食品经营许可": [("SLS-WJW", "从业人员健康检查审查", 3), ("SLS-HBJ", "油烟排放审查", 5)],
    "建筑工程施工许可": [("SLS-HBJ", "环境影响审查", 5), ("SLS-QXJ", "防雷审查", 3), ("SLS-GAJ", "消防验收衔接", 4)],
    "大型群众性活动安全许可": [("SLS-WJW", "医疗保障方案审查", 3), ("SLS-JTJ", "交通组织方案审查", 3)],
    "医疗机构执业登记": [("SLS-HBJ", "医疗废物处置审查", 5)],
    "排污许可证核发": [("SLS-ZJJ", "建设工程审查", 5)],
}
# A few guides left incomplete on purpose (the check must flag them): name → fields blanked.
INCOMPLETE = {
    "计量标准器具核准": ("legal_basis", "conditions", "fees", "phone", "materials", "faqs"),
    "放射诊疗许可": ("legal_basis", "place", "office_hours", "steps", "complaint"),
    "剧毒化学品购买许可": ("conditions", "consultation", "complaint", "faqs"),
    "种子生产经营许可": ("fees", "phone", "place", "materials", "steps"),
    "升放无人驾驶自由气球审批": ("legal_basis", "conditions", "visits", "faqs", "complaint", "office"),
    "养犬登记": ("faqs",),
}

APPLICANTS = [
    ("示例市好味餐饮有限公司", "13807310001"),
    ("示例市康宁大药房连锁有限公司", "13807310002"),
    ("王建国", "13907310003"),
    ("李晓梅", "13907310004"),
    ("示例市青山建设工程有限公司", "13807310005"),
    ("张志强", "13907310006"),
    ("示例市绿源农资有限公司", "13807310007"),
    ("示例市快运物流有限公司", "13807310008"),
    ("赵丽华", "13907310009"),
    ("示例市文体活动策划有限公司", "13807310010"),
    ("刘德明", "13907310011"),
    ("示例市惠民人力资源有限公司", "13807310012"),
]
REGIONS = ["430102", "430103", "430104", "430105", "430111"]


@contextmanager
def _at(moment):
    """Replay an action at a past moment: everything that reads the clock sees ``moment``."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def _id_number(rng) -> str:
    birth = f"{rng.randint(1960, 2000)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    first17 = rng.choice(REGIONS) + birth + f"{rng.randint(1, 999):03d}"
    return first17 + id_check_digit(first17)


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


def _blank_form(agency) -> object:
    letter = Letter(
        title=f"{agency.short_name}政务服务事项申请表",
        paragraphs=["请用黑色签字笔填写，字迹清楚，不得涂改。"],
        table=[
            ("申请人", ""),
            ("统一社会信用代码/身份证号", ""),
            ("联系电话", ""),
            ("申请事项", ""),
            ("申请内容", ""),
        ],
        closing=["申请人承诺所填内容和所附材料真实有效。", "申请人（签章）：            年  月  日"],
        issuer=agency.name,
    )
    document = get_document_model()(title=f"{agency.short_name}政务服务事项申请表（空白）")
    document.file.save(f"blank-{agency.code.lower()}.pdf", ContentFile(render_letter(letter)), save=False)
    document.save()
    return document


def _guide(item: ServiceItem, agency, *, statutory: int, promised: int, rng) -> None:
    name = item.name
    item.summary = f"{agency.short_name}依法办理“{name}”，符合条件的申请人可在网上或窗口申请。"
    item.legal_basis = (
        f"《中华人民共和国行政许可法》；{agency.name}关于“{name}”的办事规程（示政办发〔2025〕{rng.randint(10, 60)}号）"
    )
    item.conditions = (
        f"1. 申请人具有完全民事行为能力或依法设立；\n2. 符合“{name}”的法定条件和标准；\n3. 申请材料齐全、符合法定形式。"
    )
    item.place = f"示例市政务服务中心{rng.randint(1, 3)}楼{rng.choice('ABCD')}区{rng.randint(1, 30)}号窗口"
    item.office = f"{agency.short_name}行政审批科"
    item.fees = "不收费"
    item.fee_basis = ""
    item.office_hours = "工作日 上午8:30—12:00，下午14:30—17:30（法定节假日除外）"
    item.phone = agency.phone or "0731-12345"
    item.statutory_limit, item.promised_limit = statutory, promised
    item.visits = 0 if item.online else 1
    item.consultation = f"窗口咨询；电话咨询 {item.phone}；网上咨询：政府门户网站“互动交流”栏目"
    item.complaint = "12345 政务服务便民热线；示例市政务服务中心投诉台；政务服务“好差评”"
    item.materials = [
        ServiceMaterial(name="申请书", form=MaterialForm.ORIGINAL, count=1),
        ServiceMaterial(
            name="营业执照" if item.audience == ENT else "居民身份证", form=MaterialForm.ELECTRONIC, count=1
        ),
        ServiceMaterial(name="相关证明材料", form=MaterialForm.ORIGINAL_AND_COPY, count=1, required=False),
    ]
    item.steps = [
        ServiceStep(name="申请", description="网上提交或窗口递交"),
        ServiceStep(name="受理", description="窗口一次性告知，当场受理或通知补正"),
        ServiceStep(name="审查", description="并联审查，逐项限时"),
        ServiceStep(name="决定", description="作出决定并网上送达"),
        ServiceStep(name="送达", description="电子证照或邮寄"),
    ]
    item.faqs = [
        ServiceFAQ(question="可以网上办理吗？", answer="可以。" if item.online else "本事项暂需窗口办理。"),
        ServiceFAQ(question="材料不全怎么办？", answer="窗口一次性告知需补正的全部内容，补正期间暂停计时。"),
    ]


def load(builder) -> None:
    rng = builder.rng
    agencies = builder.agencies
    topics = {}
    for n, (slug, name) in enumerate(THEMES):
        topics[slug] = ServiceTopic.objects.create(kind=TopicKind.THEME, name=name, slug=slug, sort_order=n)
    for n, (slug, name) in enumerate(LIFE_EVENTS):
        topics[slug] = ServiceTopic.objects.create(kind=TopicKind.LIFE_EVENT, name=name, slug=slug, sort_order=n)

    blanks = {}
    items: dict[str, ServiceItem] = {}
    launched = builder.now.date() - timedelta(days=400)
    for n, (code, name, kind, audience, themes, statutory, promised, online) in enumerate(ITEMS):
        agency = agencies[code]
        item = ServiceItem(
            agency=agency,
            code=f"430100{agency.code[4:].replace('-', '')}-{n + 1:04d}",
            name=name,
            item_type=kind,
            audience=audience,
            online=online,
            online_since=launched + timedelta(days=rng.randint(0, 360)) if online else None,
            aliases=ALIASES.get(name, ""),
            is_published=True,
        )
        _guide(item, agency, statutory=statutory, promised=promised, rng=rng)
        item.co_departments = [
            ServiceCoDepartment(agency=agencies[c], duty=duty, days=days) for c, duty, days in CO.get(name, [])
        ]
        for field in INCOMPLETE.get(name, ()):
            if field in ("materials", "steps", "faqs"):
                setattr(item, field, [])
            elif field == "visits":
                item.visits = None
            else:
                setattr(item, field, "")
        item.themes = [topics[t] for t in themes]
        if name not in INCOMPLETE:
            if code not in blanks:
                blanks[code] = _blank_form(agency)
            item.downloads = [ServiceDownload(title=f"{name}申请表（空白）", document=blanks[code])]
        item.save()
        items[name] = item

    # Window clerks of every department with items, and the supervisor.

    password = builder.users["admin"].password
    clerks = {}
    for code in sorted({c for c, *_ in ITEMS} | {c for v in CO.values() for c, _, _ in v}):
        agency = agencies[code]
        user = User.objects.create(
            username=f"{code[4:].lower().replace('-', '')}_banshi",
            password=password,
            agency=agency,
            last_name=agency.short_name,
            first_name="窗口",
        )
        user.groups.add(agency_groups(agency)[Role.EDITOR])
        clerks[code] = user
    supervisors = Group.objects.create(name="网上办事督查")
    supervisors.permissions.add(
        Permission.objects.get(codename="supervise_servicehall"), Permission.objects.get(codename="access_admin")
    )
    supervisor = User.objects.create(
        username="banshi_duban",
        password=password,
        agency=agencies["SLS-GOV"],
        last_name="政务服务办",
        first_name="督查",
    )
    supervisor.groups.add(supervisors)

    year = builder.now.year
    for code in sorted({c for c, *_ in ITEMS}):
        licences = sum(1 for c, _, k, *_ in ITEMS if c == code and k == L)
        if licences:
            RolloutPlan.objects.create(
                agency=agencies[code],
                year=year,
                planned_online_items=max(1, round(licences * 0.7)),
                measures="梳理许可事项清单，按季度推进网上可办，年底前实现高频事项“一网通办”。",
            )

    # Forms.
    for name in FORMS:
        item = items[name]
        enterprise = item.audience == ENT
        form = ServiceForm(item=item, version=1, intro="请如实填写，带 * 的为必填项。")
        form.fields = [
            FormField(key="subject", label="申请单位名称" if enterprise else "申请人姓名", kind=FieldKind.TEXT),
            FormField(
                key="id_number", label="法定代表人身份证号" if enterprise else "身份证号", kind=FieldKind.ID_NUMBER
            ),
            FormField(key="mobile", label="联系人手机", kind=FieldKind.PHONE),
            FormField(key="address", label="经营场所" if enterprise else "联系地址", kind=FieldKind.ADDRESS),
            FormField(key="kind", label="申请类型", kind=FieldKind.CHOICE, choices="新办\n变更\n延续"),
            FormField(key="area", label="面积（平方米）", kind=FieldKind.NUMBER, required=False),
            FormField(key="start", label="拟开始日期", kind=FieldKind.DATE, required=False),
            FormField(
                key="proof",
                label="营业执照或身份证扫描件",
                kind=FieldKind.FILE,
                file_types="pdf,jpg,png",
                max_size_mb=5,
                help_text="PDF、JPG 或 PNG，不超过 5 MB",
            ),
        ]
        with _at(builder.now - timedelta(days=120)):
            form.save()
            actions.form_publish(form=form, actor=clerks[item.agency.code])
    # One item has a second version: its older applications keep version 1.
    with _at(builder.now - timedelta(days=30)):
        v2 = actions.form_new_version(item=items["食品经营许可"], actor=clerks["SLS-SCJ"])
        FormField.objects.create(
            form=v2, key="seats", label="餐位数", kind=FieldKind.NUMBER, required=False, sort_order=99
        )
        actions.form_publish(form=v2, actor=clerks["SLS-SCJ"])

    _applications(builder, items, clerks)

    item_reindex([item.pk for item in items.values()])  # after the demo's transaction commits


def _submit(builder, item, when, n):
    name, phone = APPLICANTS[n % len(APPLICANTS)]
    rng = builder.rng
    data = {
        "subject": name,
        "id_number": _id_number(rng),
        "mobile": phone,
        "address": f"示例市中心区{rng.choice(['文华路', '健康路', '青山路', '湘江大道', '人民路'])}{rng.randint(1, 200)}号",
        "kind": rng.choice(["新办", "新办", "变更", "延续"]),
    }
    with _at(when):
        app, _code = actions.application_submit(
            item=item, actor=None, data=data, uploads={"proof": _pdf()}, applicant_name=name, applicant_phone=phone
        )
    return app


def _work_day(moment, n: int):
    """The moment ``n`` working days later, same time of day."""
    cal = calendar.current()
    day = cal.add_working_days(moment.date(), n)
    return moment.replace(year=day.year, month=day.month, day=day.day)


def _decide(app, clerks, when, *, late_code: str | None = None, deny: str | None = None):
    for task in app.tasks.select_related("agency").order_by("role", "pk"):
        if task.agency.code == late_code:
            continue
        decision = Decision.DENIED if task.agency.code == deny else Decision.APPROVED
        with _at(when):
            actions.task_decide(
                task=task,
                actor=clerks[task.agency.code],
                decision=decision,
                opinion="材料齐全，符合条件" if decision == Decision.APPROVED else "现场核查不符合设置标准",
            )


def _applications(builder, items, clerks) -> None:
    rng = builder.rng
    now = builder.now.replace(hour=9, minute=30)
    cal = calendar.current()

    def back(days: int):
        day = now.date()
        for _ in range(days):
            day -= timedelta(days=1)
            while not cal.is_working_day(day):
                day -= timedelta(days=1)
        return now.replace(year=day.year, month=day.month, day=day.day)

    serial = 0
    names = list(FORMS)
    # (state to reach, working days ago submitted) — every state, several of each.
    plan = (
        [("approved", d) for d in (60, 55, 50, 44, 40, 36, 33, 30, 26, 22, 18, 15, 12)]
        + [("denied", d) for d in (41, 20)]
        + [("refused", d) for d in (35, 9)]
        + [("withdrawn", d) for d in (28,)]
        + [("submitted", d) for d in (1, 0, 0)]
        + [("awaiting_supplement", d) for d in (6, 3)]
        + [("processing", d) for d in (8, 5, 4, 2)]
        + [("suspended", d) for d in (10,)]
    )
    approved = []
    for state, days_ago in plan:
        name = names[serial % len(names)]
        serial += 1
        item = items[name]
        lead = clerks[item.agency.code]
        submitted = back(days_ago) + timedelta(minutes=rng.randint(0, 300))
        app = _submit(builder, item, submitted, serial)
        if state == "submitted":
            continue
        accepted = _work_day(submitted, 1) if days_ago >= 1 else submitted + timedelta(hours=1)
        if state == "withdrawn":
            with _at(submitted + timedelta(hours=3)):
                actions.application_withdraw(application=app, actor=None)
            continue
        if state == "refused":
            with _at(accepted):
                actions.application_refuse(
                    application=app, actor=lead, reason="申请事项不属于本部门职权范围，请向区级部门申请。"
                )
            continue
        if state == "awaiting_supplement":
            with _at(accepted):
                actions.application_request_supplement(
                    application=app, actor=lead, reason="请补充提交场所平面图和产权证明复印件（一次性告知）。"
                )
            continue
        if days_ago >= 15 and serial % 4 == 0:  # an earlier supplement, answered
            with _at(accepted):
                actions.application_request_supplement(application=app, actor=lead, reason="请补充法定代表人授权书。")
            accepted = _work_day(accepted, 2)
            with _at(accepted - timedelta(hours=2)):
                actions.application_supplement(application=app, actor=None, data={"kind": "新办"}, uploads={})
        with _at(accepted):
            actions.application_accept(application=app, actor=lead)
        if state == "suspended":
            with _at(_work_day(accepted, 2)):
                actions.application_suspend(application=app, actor=lead, reason="组织专家评审，评审期间暂停计时。")
            continue
        if state == "processing":
            # Co-departments that have decided; on the older ones one department is late.
            late = next((t.agency.code for t in app.tasks.filter(role="co")), None)
            if late and days_ago >= 5:
                for task in app.tasks.select_related("agency").filter(role="co").exclude(agency__code=late):
                    with _at(_work_day(accepted, 1)):
                        actions.task_decide(task=task, actor=clerks[task.agency.code], decision=Decision.APPROVED)
            continue
        if state == "denied":
            deny = next((t.agency.code for t in app.tasks.filter(role="co")), item.agency.code)
            _decide(app, clerks, _work_day(accepted, 2), deny=deny)
            continue
        # approved: mostly on time, a few late (completed after the promised date)
        late_by = 3 if serial % 5 == 0 else 0
        done_after = max(1, min(item.promised_limit or 5, days_ago - 2) - 1) + late_by
        _decide(app, clerks, _work_day(accepted, min(done_after, max(days_ago - 1, 1))))
        approved.append(app)

    # A parallel approval with one department late (建筑工程施工许可: 防雷审查 3 WD).
    item = items["建筑工程施工许可"]
    app = _submit(builder, item, back(9), serial + 1)
    with _at(_work_day(back(9), 1)):
        actions.application_accept(application=app, actor=clerks[item.agency.code])
    for task in app.tasks.select_related("agency").exclude(agency__code="SLS-QXJ"):
        with _at(_work_day(back(9), 2)):
            actions.task_decide(task=task, actor=clerks[task.agency.code], decision=Decision.APPROVED)

    # Drafts somebody may come back to.
    for name in ("教师资格认定", "住房公积金提取"):
        with _at(now - timedelta(hours=5)):
            actions.application_save_draft(
                item=items[name], actor=None, data={"subject": "陈思远"}, applicant_name="陈思远"
            )

    # Ratings: most good, some bad (with rectification, one done and visited).
    levels = [5, 5, 4, 5, 3, 4, 5, 2, 5, 4, 1, 5, 4]
    for n, app in enumerate(approved):
        app.refresh_from_db()
        with _at(app.completed_at + timedelta(hours=4)):
            actions.rating_submit(
                application=app,
                actor=None,
                level=levels[n % len(levels)],
                answers={
                    "guide_accurate": True,
                    "one_visit": n % 3 != 0,
                    "on_time": True,
                    "staff_attitude": n % 7 != 0,
                    "online_easy": True,
                },
                comment="" if levels[n % len(levels)] >= 3 else "窗口排队时间长，补正告知不够清楚。",
            )

    first = Rectification.objects.order_by("opened_at").first()
    if first is not None:
        clerk = clerks[first.agency.code]
        with _at(first.opened_at + timedelta(days=3)):
            actions.rectification_record(
                rectification=first, actor=clerk, measures="增设帮办代办窗口，修订一次性告知清单。"
            )
        with _at(first.opened_at + timedelta(days=6)):
            actions.rectification_return_visit(
                rectification=first, actor=clerk, note="电话回访申请人，对整改情况表示满意。", satisfied=True
            )
    builder.log(f"网上办事：{len(items)} 个事项，{len(FORMS)} 张申请表，{serial + 1} 件申请")
