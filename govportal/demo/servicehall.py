"""Demo data of 网上办事大厅, loaded by `govportal.demo.loader` after the cluster.

64 service items across 12 departments with complete guides (and 5 incomplete ones the
check flags), an application form of its own for each of the 43 online ones (SPECS: the
item's fields, one upload per electronic material), window clerks per department, a supervisor
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

# (agency code, item name, type, audience, themes, statutory WD, promised WD, online: has a form)
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
]

# Every item marked online above gets a published form of its own (SPECS below): an item is
# online exactly when it has one (`servicehall.models.online_q`). The demo's applications are
# made on these (the parallel ones first of all).
APPLIED = [
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
FORMS = [name for _code, name, *_rest, online in ITEMS if online]
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
    "剧毒化学品购买许可": ("conditions", "office_hours", "phone", "fees", "consultation", "complaint", "faqs"),
    "种子生产经营许可": ("fees", "phone", "place", "materials", "steps"),
    "升放无人驾驶自由气球审批": ("legal_basis", "conditions", "place", "office_hours", "visits", "faqs", "office"),
    "养犬登记": ("faqs",),
}

# What each online item's application form asks (issue 19): the materials list (the electronic
# ones become the form's uploads, one per material, with its name) and the item's own fields.
# A field: (key, label, kind, sample or choices[, required]). The applicant's identity (name,
# ID number, phone) is not here: the apply page asks it once. Dates: "past" or "future".
E, ORIG = MaterialForm.ELECTRONIC, MaterialForm.ORIGINAL
T, N, D, CH, AD = FieldKind.TEXT, FieldKind.NUMBER, FieldKind.DATE, FieldKind.CHOICE, FieldKind.ADDRESS
KIND = ("kind", "申请类型", CH, "新办\n变更\n延续")
SPECS: dict[str, tuple[list[tuple], list[tuple]]] = {
    "食品经营许可": (
        [("营业执照", E), ("经营场所平面布局图", E), ("食品安全管理制度文本", E), ("从业人员健康证明", E, False)],
        [
            KIND,
            ("premises", "经营场所", AD, ""),
            ("area", "经营场所面积（平方米）", N, "120"),
            ("scope", "经营项目", CH, "预包装食品销售\n散装食品销售\n热食类食品制售\n冷食类食品制售"),
            ("manager", "食品安全管理人员", T, "周海燕"),
        ],
    ),
    "食品生产许可": (
        [("营业执照", E), ("生产场所平面图", E), ("生产工艺流程图", E), ("主要生产设备清单", E)],
        [
            KIND,
            ("category", "食品类别", CH, "粮食加工品\n饮料\n糕点\n调味品"),
            ("premises", "生产地址", AD, ""),
            ("products", "拟生产产品名称", T, "挂面、米粉"),
        ],
    ),
    "药品零售企业许可": (
        [("营业执照", E), ("执业药师注册证", E), ("经营场所平面图", E), ("质量管理制度文本", E)],
        [
            ("premises", "经营场所", AD, ""),
            ("area", "营业面积（平方米）", N, "80"),
            ("pharmacist", "执业药师姓名", T, "罗晓燕"),
            ("scope", "经营范围", CH, "处方药、甲类非处方药\n乙类非处方药\n中药饮片"),
        ],
    ),
    "特种设备使用登记": (
        [("营业执照", E), ("产品合格证", E), ("监督检验证书", E)],
        [
            ("device", "设备类别", CH, "电梯\n锅炉\n压力容器\n起重机械"),
            ("serial", "设备出厂编号", T, "DT2025-0831"),
            ("location", "设备使用地点", AD, ""),
        ],
    ),
    "企业设立登记": (
        [("企业章程", E), ("法定代表人身份证明", E), ("住所使用证明", E)],
        [
            ("company", "拟设立企业名称", T, "示例市湘味餐饮有限公司"),
            ("type", "企业类型", CH, "有限责任公司\n个人独资企业\n合伙企业"),
            ("capital", "注册资本（万元）", N, "100"),
            ("premises", "住所", AD, ""),
            ("scope", "经营范围", T, "餐饮服务；食品销售"),
        ],
    ),
    "医疗机构执业登记": (
        [
            ("设置医疗机构批准书", E),
            ("医疗机构用房产权或使用证明", E),
            ("建筑设计平面图", E),
            ("卫生技术人员名录及资格证书", E),
        ],
        [
            ("org", "医疗机构名称", T, "示例市康宁社区卫生服务站"),
            ("type", "医疗机构类别", CH, "综合门诊部\n诊所\n社区卫生服务站\n医务室"),
            ("premises", "执业地址", AD, ""),
            ("beds", "床位数", N, "0"),
            ("subjects", "诊疗科目", T, "全科医疗科；预防保健科"),
        ],
    ),
    "公共场所卫生许可": (
        [("营业执照", E), ("从业人员健康合格证明", E), ("卫生检测报告", E)],
        [
            KIND,
            ("type", "场所类别", CH, "住宿场所\n美容美发场所\n沐浴场所\n游泳场所\n文化娱乐场所"),
            ("premises", "经营场所", AD, ""),
            ("area", "营业面积（平方米）", N, "200"),
            ("staff", "从业人员数", N, "12"),
        ],
    ),
    "医师执业注册": (
        [("医师资格证书", E), ("健康体检证明", E), ("聘用单位证明", E), ("近期免冠证件照", E)],
        [
            ("cert", "医师资格证书编码", T, "202543110430102199001011234"),
            ("type", "执业类别", CH, "临床\n中医\n口腔\n公共卫生"),
            ("scope", "执业范围", T, "内科专业"),
            ("org", "拟执业机构", T, "示例市第一人民医院"),
        ],
    ),
    "出生医学证明办理": (
        [("母亲居民身份证", E), ("父亲居民身份证", E, False), ("结婚证", E, False)],
        [
            ("baby", "新生儿姓名", T, "陈一诺"),
            ("sex", "新生儿性别", CH, "男\n女"),
            ("born", "出生日期", D, "past"),
            ("hospital", "出生医院", T, "示例市妇幼保健院"),
            ("father", "父亲姓名", T, "陈思远", False),
        ],
    ),
    "护士执业注册": (
        [("护士执业资格考试成绩合格证明", E), ("健康体检证明", E), ("聘用单位证明", E)],
        [
            ("exam", "护士资格考试年份", N, "2025"),
            ("org", "拟执业机构", T, "示例市中心医院"),
            ("dept", "拟执业科室", T, "内科"),
        ],
    ),
    "教师资格认定": (
        [
            ("居民身份证", E),
            ("学历证书", E),
            ("普通话水平测试等级证书", E),
            ("体格检查合格证明", E),
            ("近期免冠证件照", E),
        ],
        [
            ("level", "申请资格种类", CH, "幼儿园\n小学\n初级中学\n高级中学\n中等职业学校"),
            ("subject", "任教学科", T, "语文"),
            ("exam_no", "中小学教师资格考试合格证明编号", T, "2025431000123"),
            ("school", "毕业学校", T, "湖南师范大学"),
            ("major", "所学专业", T, "汉语言文学"),
        ],
    ),
    "义务教育阶段转学": (
        [("学生户口簿", E), ("转入学校接收证明", E), ("居住证明", E, False)],
        [
            ("student", "学生姓名", T, "王子涵"),
            ("student_id", "学籍号", T, "G430102201501011234"),
            ("grade", "现就读年级", CH, "一年级\n二年级\n三年级\n四年级\n五年级\n六年级\n七年级\n八年级\n九年级"),
            ("from_school", "转出学校", T, "示例市文华路小学"),
            ("to_school", "转入学校", T, "示例市青山小学"),
            ("reason", "转学原因", CH, "随迁\n户籍迁移\n其他"),
        ],
    ),
    "校外培训机构设立审批": (
        [("举办者资格证明", E), ("培训场所产权或租赁证明", E), ("消防安全证明", E), ("机构章程", E)],
        [
            ("org", "拟设机构名称", T, "示例市青禾艺术培训中心"),
            ("type", "培训类别", CH, "文化艺术\n体育\n科技"),
            ("premises", "培训场所", AD, ""),
            ("area", "场所面积（平方米）", N, "300"),
            ("capacity", "拟招生规模（人）", N, "200"),
        ],
    ),
    "学生资助申请": (
        [("学生证", E), ("家庭经济困难证明", E, False)],
        [
            ("student", "学生姓名", T, "赵子轩"),
            ("school", "就读学校", T, "示例市第一中学"),
            ("grade", "年级", T, "高二"),
            ("type", "资助类别", CH, "国家助学金\n免学费\n生源地助学贷款"),
            ("family", "家庭人口数", N, "4"),
            ("income", "家庭年收入（元）", N, "30000"),
        ],
    ),
    "户口迁移": (
        [("居民户口簿", E), ("居民身份证", E), ("迁入地住房证明", E), ("结婚证", E, False)],
        [
            ("reason", "迁移原因", CH, "投靠\n购房\n工作调动\n结婚"),
            ("from_addr", "迁出地址", AD, ""),
            ("to_addr", "迁入地址", AD, ""),
            ("members", "随迁人数", N, "1"),
        ],
    ),
    "出生登记": (
        [("出生医学证明", E), ("父母居民户口簿", E), ("父母结婚证", E, False)],
        [
            ("baby", "新生儿姓名", T, "刘思琪"),
            ("sex", "性别", CH, "男\n女"),
            ("born", "出生日期", D, "past"),
            ("birth_cert", "出生医学证明编号", T, "Q430123456"),
            ("household", "申报户口地址", AD, ""),
        ],
    ),
    "大型群众性活动安全许可": (
        [("营业执照", E), ("活动方案", E), ("安全工作方案", E), ("场地使用证明", E)],
        [
            ("event", "活动名称", T, "示例市新年音乐会"),
            ("venue", "活动场所", AD, ""),
            ("start", "活动开始日期", D, "future"),
            ("people", "预计参加人数", N, "3000"),
        ],
    ),
    "公章刻制备案": (
        [("营业执照", E), ("法定代表人身份证明", E)],
        [
            ("seal", "印章类别", CH, "单位公章\n财务专用章\n发票专用章\n合同专用章"),
            ("count", "刻制数量（枚）", N, "1"),
            ("maker", "刻制单位", T, "示例市诚信刻章有限公司"),
        ],
    ),
    "失业保险金申领": (
        [("解除或终止劳动合同证明", E), ("银行卡", E)],
        [
            ("employer", "原工作单位", T, "示例市惠民人力资源有限公司"),
            ("left", "离职日期", D, "past"),
            ("years", "累计缴费年限", N, "6"),
            ("bank", "收款银行卡号", T, "6222020202020202020"),
        ],
    ),
    "职业技能培训补贴申领": (
        [("职业技能等级证书", E), ("培训费发票", E)],
        [
            ("course", "培训项目", T, "中式烹调师"),
            ("level", "证书等级", CH, "初级工\n中级工\n高级工\n技师"),
            ("cert_no", "证书编号", T, "S000043010000253000123"),
            ("fee", "培训费用（元）", N, "1800"),
        ],
    ),
    "劳务派遣经营许可": (
        [("营业执照", E), ("公司章程", E), ("注册资本验资证明", E), ("经营场所使用证明", E), ("劳务派遣管理制度", E)],
        [
            ("capital", "注册资本（万元）", N, "200"),
            ("premises", "经营场所", AD, ""),
            ("staff", "专职工作人员数", N, "5"),
        ],
    ),
    "退休申请": (
        [("近期免冠证件照", E), ("职工档案", ORIG)],
        [
            ("employer", "所在单位", T, "示例市青山建设工程有限公司"),
            ("kind", "退休类别", CH, "正常退休\n特殊工种提前退休\n因病提前退休"),
            ("joined", "参加工作时间", D, "past"),
            ("years", "累计缴费年限", N, "32"),
        ],
    ),
    "建筑工程施工许可": (
        [
            ("建设工程规划许可证", E),
            ("施工合同", E),
            ("施工图审查合格书", E),
            ("质量安全监督手续", E),
            ("建设资金落实证明", E),
        ],
        [
            ("project", "工程名称", T, "示例市青山小学教学楼扩建工程"),
            ("location", "建设地址", AD, ""),
            ("area", "建筑面积（平方米）", N, "8600"),
            ("cost", "合同价格（万元）", N, "3200"),
            ("contractor", "施工单位", T, "示例市青山建设工程有限公司"),
            ("start", "计划开工日期", D, "future"),
        ],
    ),
    "商品房预售许可": (
        [("营业执照", E), ("国有土地使用权证", E), ("建设工程规划许可证", E), ("施工许可证", E), ("预售方案", E)],
        [
            ("project", "项目名称", T, "湘江名苑二期"),
            ("location", "项目地址", AD, ""),
            ("buildings", "预售楼栋", T, "3栋、4栋"),
            ("area", "预售面积（平方米）", N, "24000"),
        ],
    ),
    "公共租赁住房申请": (
        [("户口簿", E), ("收入证明", E), ("住房情况证明", E)],
        [
            ("family", "家庭人口数", N, "3"),
            ("income", "家庭月收入（元）", N, "4500"),
            ("housing", "现住房情况", CH, "无自有住房\n人均住房面积低于15平方米"),
            ("address", "现居住地址", AD, ""),
        ],
    ),
    "道路货物运输经营许可": (
        [("营业执照", E), ("车辆行驶证", E), ("驾驶员从业资格证", E), ("安全生产管理制度", E)],
        [
            ("scope", "经营范围", CH, "普通货运\n货物专用运输\n大型物件运输"),
            ("vehicles", "车辆数（辆）", N, "10"),
            ("premises", "经营场所", AD, ""),
        ],
    ),
    "出租汽车驾驶员从业资格注册": (
        [("机动车驾驶证", E), ("从业资格证", E), ("劳动合同", E)],
        [
            ("licence", "驾驶证档案编号", T, "430100123456"),
            ("company", "聘用企业", T, "示例市快运物流有限公司"),
            ("plate", "车辆号牌", T, "湘A·T1234"),
        ],
    ),
    "公路超限运输许可": (
        [("营业执照", E), ("车辆行驶证", E), ("货物说明", E), ("通行路线图", E)],
        [
            ("plate", "车辆号牌", T, "湘A·D5678"),
            ("cargo", "货物名称", T, "变压器"),
            ("weight", "车货总质量（吨）", N, "85"),
            ("route", "通行路线", T, "G107示例市段—S20"),
            ("start", "计划通行日期", D, "future"),
        ],
    ),
    "建设项目环境影响报告书审批": (
        [("环境影响报告书", E), ("项目立项文件", E), ("公众参与说明", E)],
        [
            ("project", "项目名称", T, "示例市绿源农资仓储项目"),
            ("location", "建设地点", AD, ""),
            ("invest", "总投资（万元）", N, "5600"),
            ("industry", "行业类别", T, "仓储业"),
        ],
    ),
    "排污许可证核发": (
        [("环境影响评价批复", E), ("自行监测方案", E), ("排污口规范化设置图", E)],
        [
            KIND,
            ("industry", "行业类别", T, "食品制造业"),
            ("outlets", "排放口数量", N, "2"),
            ("pollutants", "主要污染物", T, "化学需氧量、氨氮"),
        ],
    ),
    "农药经营许可": (
        [("营业执照", E), ("经营场所证明", E), ("仓储场所证明", E), ("农药专业人员证明", E)],
        [
            KIND,
            ("premises", "经营场所", AD, ""),
            ("storage", "仓储场所", AD, ""),
            ("restricted", "是否经营限制使用农药", CH, "否\n是"),
        ],
    ),
    "动物防疫条件合格证核发": (
        [("场所平面图", E), ("动物防疫制度", E), ("执业兽医证明", E)],
        [
            ("type", "场所类别", CH, "动物饲养场\n屠宰加工场所\n无害化处理场所"),
            ("location", "场所地址", AD, ""),
            ("scale", "设计规模", T, "年出栏生猪5000头"),
        ],
    ),
    "农机购置补贴申请": (
        [("购机发票", E), ("农机具照片", E)],
        [
            ("machine", "机具品目", T, "轮式拖拉机"),
            ("model", "机具型号", T, "LX904"),
            ("price", "购机价格（元）", N, "128000"),
            ("bought", "购机日期", D, "past"),
        ],
    ),
    "住房公积金提取": (
        [("提取原因证明", E), ("银行卡", E)],
        [
            ("reason", "提取原因", CH, "购买自住住房\n租房\n离退休\n偿还住房贷款"),
            ("amount", "提取金额（元）", N, "20000"),
            ("bank", "收款银行卡号", T, "6217000000000000001"),
        ],
    ),
    "住房公积金贷款": (
        [("购房合同", E), ("收入证明", E), ("婚姻状况证明", E)],
        [
            ("house", "所购房屋地址", AD, ""),
            ("price", "房屋总价（万元）", N, "120"),
            ("amount", "申请贷款金额（万元）", N, "60"),
            ("years", "贷款年限（年）", N, "25"),
        ],
    ),
    "单位住房公积金缴存登记": (
        [("营业执照", E), ("经办人授权书", E)],
        [
            ("staff", "缴存职工人数", N, "35"),
            ("rate", "缴存比例（%）", N, "12"),
            ("start", "起缴日期", D, "future"),
        ],
    ),
    "发票领用": (
        [("经办人授权书", E)],
        [
            ("type", "发票种类", CH, "增值税普通发票\n增值税专用发票\n电子发票"),
            ("count", "领用数量（份）", N, "50"),
        ],
    ),
    "个人所得税专项附加扣除": (
        [("扣除项目证明", E, False)],
        [
            ("item", "扣除项目", CH, "子女教育\n继续教育\n住房贷款利息\n住房租金\n赡养老人\n3岁以下婴幼儿照护"),
            ("year", "扣除年度", N, "2026"),
            ("employer", "扣缴义务人", T, "示例市第一中学"),
        ],
    ),
    "税务登记": (
        [("营业执照", E), ("经营场所证明", E), ("财务负责人身份证明", E)],
        [
            ("taxpayer", "纳税人类型", CH, "小规模纳税人\n一般纳税人"),
            ("premises", "生产经营地址", AD, ""),
            ("accountant", "财务负责人", T, "孙丽"),
        ],
    ),
    "雷电防护装置设计审核": (
        [("设计说明书", E), ("设计图纸", E), ("设计单位资质证明", E)],
        [
            ("project", "项目名称", T, "示例市物流园仓库"),
            ("location", "建设地址", AD, ""),
            ("height", "建筑高度（米）", N, "24"),
            ("designer", "设计单位", T, "示例市建筑设计院"),
        ],
    ),
    "会计代理记账机构审批": (
        [("营业执照", E), ("专职从业人员会计资格证明", E), ("代理记账业务负责人证明", E), ("办公场所证明", E)],
        [
            ("premises", "办公场所", AD, ""),
            ("staff", "专职从业人员数", N, "5"),
            ("manager", "主管代理记账业务负责人", T, "孙丽"),
        ],
    ),
    "档案查阅利用": (
        [("单位介绍信", E, False)],
        [
            ("purpose", "查阅目的", CH, "办理社保\n继承公证\n学术研究\n其他"),
            ("archive", "拟查阅档案内容", T, "1998年示例市纺织厂职工名册"),
            ("copy", "是否需要复制件", CH, "需要\n不需要"),
        ],
    ),
    "婚姻档案查询": (
        [("户口簿", E, False)],
        [
            ("spouse", "配偶姓名", T, "李晓梅"),
            ("year", "登记年份", N, "2008"),
            ("office", "登记机关", T, "示例市中心区民政局婚姻登记处"),
            ("purpose", "查询用途", CH, "办理房产\n办理户籍\n补领结婚证\n其他"),
        ],
    ),
}

COMPANIES = [
    ("示例市好味餐饮有限公司", "13807310001"),
    ("示例市康宁大药房连锁有限公司", "13807310002"),
    ("示例市青山建设工程有限公司", "13807310005"),
    ("示例市绿源农资有限公司", "13807310007"),
    ("示例市快运物流有限公司", "13807310008"),
    ("示例市文体活动策划有限公司", "13807310010"),
    ("示例市惠民人力资源有限公司", "13807310012"),
]
PEOPLE = [
    ("王建国", "13907310003"),
    ("李晓梅", "13907310004"),
    ("张志强", "13907310006"),
    ("赵丽华", "13907310009"),
    ("刘德明", "13907310011"),
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


def _pdf(name: str = "scan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


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


def _guide(item: ServiceItem, agency, *, statutory: int, promised: int, online: bool, rng) -> None:
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
    item.visits = 0 if online else 1  # 到现场 0 次: only with the online form below
    item.consultation = f"窗口咨询；电话咨询 {item.phone}；网上咨询：政府门户网站“互动交流”栏目"
    item.complaint = "12345 政务服务便民热线；示例市政务服务中心投诉台；政务服务“好差评”"
    if item.name in SPECS:
        item.materials = [
            ServiceMaterial(name=m[0], form=m[1], count=1, required=m[2] if len(m) > 2 else True)
            for m in SPECS[item.name][0]
        ]
    else:
        item.materials = [
            ServiceMaterial(name="申请书", form=MaterialForm.ORIGINAL, count=1),
            ServiceMaterial(
                name="营业执照" if item.audience == ENT else "居民身份证", form=MaterialForm.ORIGINAL_AND_COPY, count=1
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
        ServiceFAQ(
            question="可以网上办理吗？",
            answer="可以。点击“在线申请”，按申请表填写并上传电子材料。" if online else "本事项暂需到办理地点现场办理。",
        ),
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
            online_since=launched + timedelta(days=rng.randint(0, 360)) if online else None,
            is_published=True,
        )
        _guide(item, agency, statutory=statutory, promised=promised, online=online, rng=rng)
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

    # Forms: the uploads from the item's electronic materials (`form_new_version`), then the
    # fields the item itself needs.
    for name in FORMS:
        item = items[name]
        clerk = clerks[item.agency.code]
        with _at(builder.now - timedelta(days=120)):
            form = actions.form_new_version(item=item, actor=clerk)
            form.intro = "请如实填写，带 * 的为必填项；申请人信息只填一次，登录后自动带出。"
            form.save(update_fields=["intro"])
            for spec in SPECS[name][1]:
                key, label, kind, extra = spec[:4]
                FormField.objects.create(
                    form=form,
                    key=key,
                    label=label,
                    kind=kind,
                    required=spec[4] if len(spec) > 4 else True,
                    choices=extra if kind == FieldKind.CHOICE else "",
                    sort_order=0,
                )
            actions.form_publish(form=form, actor=clerk)
    # One item has a second version: its older applications keep version 1.
    with _at(builder.now - timedelta(days=30)):
        v2 = actions.form_new_version(item=items["食品经营许可"], actor=clerks["SLS-SCJ"])
        FormField.objects.create(
            form=v2, key="seats", label="餐位数", kind=FieldKind.NUMBER, required=False, sort_order=0
        )
        actions.form_publish(form=v2, actor=clerks["SLS-SCJ"])

    _applications(builder, items, clerks)

    item_reindex([item.pk for item in items.values()])  # after the demo's transaction commits


def _answers(form, rng, when) -> tuple[dict, dict]:
    """Answers to every field of ``form`` (the item's own), and one scan per upload."""
    data, uploads = {}, {}
    for field in form.fields.all():
        spec = next((s for s in SPECS.get(form.item.name, ([], []))[1] if s[0] == field.key), None)
        if field.kind == FieldKind.FILE:
            uploads[field.key] = _pdf(f"{field.label}.pdf")
        elif field.kind == FieldKind.CHOICE:
            data[field.key] = rng.choice(field.choice_list)
        elif field.kind == FieldKind.ADDRESS:
            street = rng.choice(["文华路", "健康路", "青山路", "湘江大道", "人民路"])
            data[field.key] = f"示例市中心区{street}{rng.randint(1, 200)}号"
        elif field.kind == FieldKind.DATE:
            days = -rng.randint(30, 3000) if spec and spec[3] == "past" else rng.randint(10, 60)
            data[field.key] = (when + timedelta(days=days)).date().isoformat()
        elif field.kind == FieldKind.ID_NUMBER:
            data[field.key] = _id_number(rng)
        elif spec is not None and spec[3]:
            data[field.key] = spec[3]
        elif field.kind == FieldKind.NUMBER:
            data[field.key] = str(rng.randint(10, 200))
    return data, uploads


def _submit(builder, item, when, n):
    rng = builder.rng
    name, phone = (COMPANIES if item.audience == ENT else PEOPLE)[
        n % len(COMPANIES if item.audience == ENT else PEOPLE)
    ]
    form = item.forms.get(status="published")
    data, uploads = _answers(form, rng, when)
    with _at(when):
        app, _code = actions.application_submit(
            item=item,
            actor=None,
            data=data,
            uploads=uploads,
            applicant_name=name,
            applicant_phone=phone,
            applicant_id_number=_id_number(rng),
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
    names = list(APPLIED)
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
                actions.application_supplement(application=app, actor=None, data={}, uploads={})
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
                item=items[name], actor=None, data={}, applicant_name="陈思远", applicant_phone="13907310021"
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
                rectification=first,
                actor=clerk,
                verification="经核实，当日窗口排队超过1小时，补正告知未一次性列明。",
                measures="增设帮办代办窗口，修订一次性告知清单。",
            )
        with _at(first.opened_at + timedelta(days=6)):
            actions.rectification_return_visit(
                rectification=first, actor=clerk, note="电话回访申请人，对整改情况表示满意。", satisfied=True
            )
    # 申诉复核: the department appeals a bad rating it finds malicious; the office upholds it
    # (the rating leaves the statistics, the public list shows 申诉成立).
    appealed = Rectification.objects.filter(rated_case__case_type="application").order_by("opened_at")[1:2].first()
    if appealed is not None:
        clerk = clerks[appealed.agency.code]
        with _at(appealed.opened_at + timedelta(days=1)):
            actions.rectification_appeal(
                rectification=appealed, actor=clerk, reason="经调取窗口记录，评价人未在本窗口办理该事项，系误评。"
            )
        with _at(appealed.opened_at + timedelta(days=2)):
            actions.rectification_appeal_decide(
                rectification=appealed,
                actor=builder.users["admin"],
                upheld=True,
                note="经复核，评价与办件无关，申诉成立，该评价不计入统计。",
            )
    builder.log(f"网上办事：{len(items)} 个事项，{len(FORMS)} 张申请表，{serial + 1} 件申请")
