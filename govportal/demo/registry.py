"""The organisation registry of 示例市 (fictional): agencies, their sites and demo staff.

Division code 430100 is used for the site codes only because the validator needs a real
province prefix; the city, its people and its numbers are invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from govportal.cluster.models import SiteKind
from govportal.core.models import AgencyKind, Role

DIVISION_CODE = "430100"
CITY = "示例市"
CITY_GOVERNMENT_CODE = "SLS-GOV"  # its presence marks the demo as loaded
OFFICE_HOURS = "工作日 上午8:30—12:00，下午14:30—17:30（法定节假日除外）"
PORTAL_HOSTNAME = "localhost"


@dataclass(frozen=True)
class AgencySpec:
    code: str
    slug: str  # page slug and username prefix
    name: str
    short_name: str
    kind: str
    head: str
    functions: str
    address: str
    phone: str
    hostname: str = ""  # a registered site of its own when set
    parent: str = ""  # parent agency code (villages)
    topics: tuple[str, ...] = ()
    facts: dict = field(default_factory=dict)

    @property
    def site_kind(self) -> str:
        return {
            AgencyKind.CITY_GOVERNMENT: SiteKind.PORTAL,
            AgencyKind.DEPARTMENT: SiteKind.DEPARTMENT,
            AgencyKind.TOWNSHIP: SiteKind.TOWNSHIP,
            AgencyKind.PARTY_MASS: SiteKind.PARTY_MASS,
            AgencyKind.INSTITUTION: SiteKind.INSTITUTION,
            AgencyKind.DUAL_MANAGED: SiteKind.DUAL_MANAGED,
            AgencyKind.VILLAGE: SiteKind.VILLAGE,
        }[self.kind]


def _phone(n: int) -> str:
    return f"0731-8{n:03d}{(n * 37) % 10000:04d}"


CITY_GOVERNMENT = AgencySpec(
    code=CITY_GOVERNMENT_CODE,
    slug="portal",
    name="示例市人民政府",
    short_name="市政府",
    kind=AgencyKind.CITY_GOVERNMENT,
    head="周立新",
    functions=(
        "执行市人民代表大会及其常务委员会的决议和上级国家行政机关的决定、命令；"
        "规定行政措施，发布决定和命令；领导所属各工作部门和各乡镇人民政府、街道办事处的工作；"
        "编制和执行国民经济和社会发展计划、预算；管理本市经济、教育、科学、文化、卫生、体育、"
        "城乡建设、财政、民政、公安、司法行政、生态环境等行政工作；保护各种经济组织的合法权益，"
        "保障公民的人身权利、民主权利和其他权利。"
    ),
    address="示例市中心区人民大道1号",
    phone="0731-81234567",
    hostname=PORTAL_HOSTNAME,
    topics=("优化营商环境", "重点项目建设", "乡村振兴", "民生实事", "安全生产", "城市更新", "招商引资"),
)

DEPARTMENTS = [
    AgencySpec(
        "SLS-JYJ",
        "jyj",
        "示例市教育局",
        "教育局",
        AgencyKind.DEPARTMENT,
        "陈慧敏",
        "贯彻执行国家教育方针政策；统筹规划和管理全市各级各类教育事业；负责义务教育均衡发展、"
        "学前教育和普通高中教育；负责教师队伍建设和学校安全工作；负责教育经费的统筹管理和学生资助工作。",
        "示例市中心区文华路18号",
        _phone(101),
        hostname="jyj.localhost",
        topics=("义务教育招生入学", "校园安全", "教师培训", "课后服务", "学前教育普惠", "中考考务", "学生资助"),
    ),
    AgencySpec(
        "SLS-WJW",
        "wjw",
        "示例市卫生健康委员会",
        "卫生健康委",
        AgencyKind.DEPARTMENT,
        "刘振华",
        "贯彻执行卫生健康法律法规和政策；统筹规划全市卫生健康资源配置；负责疾病预防控制和卫生应急；"
        "推进医药卫生体制改革；负责基层卫生健康、妇幼健康和老龄健康工作；监督管理公共卫生和医疗服务。",
        "示例市中心区健康路66号",
        _phone(102),
        hostname="wjw.localhost",
        topics=("家庭医生签约服务", "疫苗接种", "健康义诊", "医疗服务质量", "爱国卫生运动", "医共体建设"),
    ),
    AgencySpec(
        "SLS-RSJ",
        "rsj",
        "示例市人力资源和社会保障局",
        "人社局",
        AgencyKind.DEPARTMENT,
        "杨文涛",
        "拟订全市人力资源和社会保障事业发展规划；负责促进就业创业工作；统筹城乡社会保险体系建设；"
        "负责职业技能培训和人才引进；负责劳动关系协调和劳动保障监察。",
        "示例市中心区民生大道88号",
        _phone(103),
        hostname="rsj.localhost",
        topics=("稳就业", "职业技能培训", "社会保险扩面", "根治欠薪", "高校毕业生就业", "人才引进"),
    ),
    AgencySpec(
        "SLS-ZJJ",
        "zjj",
        "示例市住房和城乡建设局",
        "住建局",
        AgencyKind.DEPARTMENT,
        "黄国庆",
        "贯彻执行住房和城乡建设法律法规；负责住房保障和房地产市场监管；负责建筑业和工程质量安全监管；"
        "推进老旧小区改造和城市更新；负责物业服务行业管理。",
        "示例市中心区建设路25号",
        _phone(104),
        hostname="zjj.localhost",
        topics=("老旧小区改造", "保障性住房", "建筑施工安全", "物业服务提升", "城市燃气安全", "房地产市场监管"),
    ),
    AgencySpec(
        "SLS-JTJ",
        "jtysj",
        "示例市交通运输局",
        "交通运输局",
        AgencyKind.DEPARTMENT,
        "吴海峰",
        "负责全市公路、水路交通运输行业管理；组织实施农村公路建设和养护；负责城乡客运和物流发展；"
        "负责交通运输安全生产监督管理。",
        "示例市中心区通达路9号",
        _phone(105),
        topics=("农村公路建设", "城乡公交一体化", "道路运输安全", "春运保障", "物流降本增效"),
    ),
    AgencySpec(
        "SLS-NYJ",
        "nyncj",
        "示例市农业农村局",
        "农业农村局",
        AgencyKind.DEPARTMENT,
        "赵永红",
        "统筹推进乡村振兴战略实施；负责粮食和重要农产品稳产保供；负责农业产业化和农产品质量安全；"
        "指导农村集体经济和宅基地管理；负责农技推广和高标准农田建设。",
        "示例市中心区丰收路32号",
        _phone(106),
        topics=("春耕生产", "高标准农田建设", "农产品质量安全", "和美乡村建设", "农村集体经济", "秋粮收购"),
    ),
    AgencySpec(
        "SLS-SCJ",
        "scjgj",
        "示例市市场监督管理局",
        "市场监管局",
        AgencyKind.DEPARTMENT,
        "孙丽娟",
        "负责市场综合监督管理和市场主体登记注册；负责食品、药品、特种设备安全监督管理；"
        "负责产品质量和计量标准化工作；负责消费者权益保护和价格监督检查。",
        "示例市中心区工商路12号",
        _phone(107),
        topics=("食品安全抽检", "经营主体登记便利化", "特种设备安全", "消费维权", "知识产权保护"),
    ),
    AgencySpec(
        "SLS-HBJ",
        "sthjj",
        "示例市生态环境局",
        "生态环境局",
        AgencyKind.DEPARTMENT,
        "郑明远",
        "负责全市生态环境监督管理；组织实施大气、水、土壤污染防治；负责环境影响评价和排污许可；"
        "负责生态环境监测和执法。",
        "示例市中心区绿园路7号",
        _phone(108),
        topics=("大气污染防治", "河湖水质提升", "环境执法检查", "土壤污染防治", "生态文明宣传"),
    ),
    AgencySpec(
        "SLS-CZJ",
        "czj",
        "示例市财政局",
        "财政局",
        AgencyKind.DEPARTMENT,
        "马建军",
        "拟订全市财政发展规划和政策；编制年度预决算草案并组织执行；负责政府采购和国有资产管理；"
        "负责财政监督和政府债务管理。",
        "示例市中心区人民大道3号",
        _phone(109),
        topics=("预算绩效管理", "政府采购", "惠民惠农补贴", "国有资产管理", "减税降费"),
    ),
    AgencySpec(
        "SLS-GAJ",
        "gaj",
        "示例市公安局",
        "公安局",
        AgencyKind.DEPARTMENT,
        "林卫东",
        "负责全市社会治安管理和打击违法犯罪；负责户籍、居民身份证和出入境管理；负责道路交通安全管理；"
        "负责消防以外的公共安全监督管理。",
        "示例市中心区平安路1号",
        _phone(110),
        topics=("反诈宣传", "户籍业务便民", "道路交通安全整治", "校园周边治安", "夏夜治安巡查"),
    ),
]

TOWNSHIPS = [
    AgencySpec(
        "SLS-X-QS",
        "qsz",
        "示例市青山镇人民政府",
        "青山镇",
        AgencyKind.TOWNSHIP,
        "何志强",
        "负责本镇经济社会发展规划和乡村振兴；负责农业生产、农田水利和村级组织建设指导；"
        "负责社会救助、民政、计生、综治和安全生产；落实村务公开和民主管理。",
        "示例市青山镇青山大道56号",
        _phone(201),
        topics=("茶叶产业", "人居环境整治", "防汛抗旱", "森林防火"),
        facts={"area": 126.4, "population": 3.8, "product": "青山云雾茶", "feature": "山清水秀、茶园连片"},
    ),
    AgencySpec(
        "SLS-X-BS",
        "bsz",
        "示例市白沙镇人民政府",
        "白沙镇",
        AgencyKind.TOWNSHIP,
        "罗秀英",
        "负责本镇经济社会发展规划和乡村振兴；负责农业生产、农田水利和村级组织建设指导；"
        "负责社会救助、民政、综治和安全生产；落实村务公开和民主管理。",
        "示例市白沙镇滨江路8号",
        _phone(202),
        topics=("水产养殖", "河长制", "集镇提质", "秸秆禁烧"),
        facts={"area": 98.2, "population": 4.6, "product": "白沙小龙虾", "feature": "江河环绕、渔业兴旺"},
    ),
    AgencySpec(
        "SLS-X-JQ",
        "jqx",
        "示例市金桥乡人民政府",
        "金桥乡",
        AgencyKind.TOWNSHIP,
        "谢春生",
        "负责本乡经济社会发展规划和乡村振兴；负责农业生产和村级组织建设指导；负责社会救助、综治和安全生产。",
        "示例市金桥乡金桥街22号",
        _phone(203),
        topics=("油菜种植", "乡村旅游", "农村危房改造", "移风易俗"),
        facts={"area": 84.7, "population": 2.1, "product": "金桥菜籽油", "feature": "田园风光、花海连绵"},
    ),
    AgencySpec(
        "SLS-X-LQ",
        "lqz",
        "示例市龙泉镇人民政府",
        "龙泉镇",
        AgencyKind.TOWNSHIP,
        "唐国平",
        "负责本镇经济社会发展规划和乡村振兴；负责农业生产、农田水利和村级组织建设指导；"
        "负责社会救助、民政、综治和安全生产；落实村务公开和民主管理。",
        "示例市龙泉镇温泉路3号",
        _phone(204),
        topics=("温泉康养", "竹木加工", "特色小镇建设", "农村饮水安全"),
        facts={"area": 142.9, "population": 3.2, "product": "龙泉竹笋", "feature": "温泉众多、竹海茫茫"},
    ),
    AgencySpec(
        "SLS-J-DC",
        "dcjd",
        "示例市东城街道办事处",
        "东城街道",
        AgencyKind.TOWNSHIP,
        "邓晓燕",
        "负责辖区党的建设、社区治理和公共服务；负责城市管理、社会救助和养老服务；负责综治维稳和安全生产。",
        "示例市中心区东城路101号",
        _phone(205),
        topics=("社区治理", "养老服务", "文明城市创建", "网格化管理"),
        facts={"area": 12.6, "population": 8.9, "product": "东城非遗剪纸", "feature": "老城街巷、烟火气足"},
    ),
    AgencySpec(
        "SLS-J-XH",
        "xhjd",
        "示例市西湖街道办事处",
        "西湖街道",
        AgencyKind.TOWNSHIP,
        "冯建业",
        "负责辖区党的建设、社区治理和公共服务；负责城市管理、社会救助和养老服务；负责综治维稳和安全生产。",
        "示例市中心区湖滨路66号",
        _phone(206),
        topics=("湖区保护", "老旧小区改造", "一老一小服务", "垃圾分类"),
        facts={"area": 15.3, "population": 7.4, "product": "西湖藕粉", "feature": "湖光山色、宜居宜业"},
    ),
]

_VILLAGES = {
    "SLS-X-QS": [("dpc", "东坪村", "茶叶"), ("smc", "石门村", "高山蔬菜"), ("ltc", "柳塘村", "稻虾共养")],
    "SLS-X-BS": [("bssq", "白沙社区", "农家乐"), ("hwc", "河湾村", "水产养殖")],
    "SLS-X-JQ": [("jqc", "金桥村", "油菜"), ("tyc", "桃源村", "黄桃")],
    "SLS-X-LQ": [("lqc", "龙泉村", "温泉民宿"), ("zsc", "竹山村", "竹笋"), ("xqc", "新桥村", "中药材")],
    "SLS-J-DC": [("dmsq", "东门社区", "社区服务"), ("hpsq", "和平社区", "社区服务")],
    "SLS-J-XH": [("hbsq", "湖滨社区", "社区服务"), ("whsq", "望湖社区", "社区服务")],
}
_VILLAGE_HEADS = ["李建华", "王德明", "张桂兰", "刘长青", "陈国富", "杨春花", "黄志勇", "周秀梅"]


def _villages() -> list[AgencySpec]:
    villages = []
    n = 0
    townships = {t.code: t for t in TOWNSHIPS}
    for township_code, entries in _VILLAGES.items():
        township = townships[township_code]
        for slug, short, industry in entries:
            n += 1
            is_community = short.endswith("社区")
            villages.append(
                AgencySpec(
                    f"{township_code}-{n:02d}",
                    slug,
                    f"{township.short_name}{short}{'居民委员会' if is_community else '村民委员会'}",
                    short,
                    AgencyKind.VILLAGE,
                    _VILLAGE_HEADS[n % len(_VILLAGE_HEADS)],
                    "组织村（居）民依法开展自治，办理本村（社区）公共事务和公益事业，调解民间纠纷，"
                    "协助维护社会治安，向人民政府反映村（居）民的意见和要求；管理集体资产，公开村务和财务。",
                    f"示例市{township.short_name}{short}{'党群服务中心' if is_community else '村级综合服务中心'}",
                    _phone(300 + n),
                    parent=township_code,
                    topics=(industry,),
                    facts={
                        "households": 300 + (n * 97) % 900,
                        "population": 1100 + (n * 421) % 3200,
                        "groups": 6 + n % 9,
                        "industry": industry,
                        "community": is_community,
                    },
                )
            )
    return villages


VILLAGES = _villages()

PARTY_MASS = [
    AgencySpec(
        "SLS-TSW",
        "tsw",
        "共青团示例市委员会",
        "团市委",
        AgencyKind.PARTY_MASS,
        "钟佳怡",
        "组织引导全市青年坚定理想信念；负责共青团组织建设和少先队工作；开展青年志愿服务、青年就业创业和青少年权益维护。",
        "示例市中心区青年路5号",
        _phone(401),
        topics=("青年志愿服务", "青年创业", "少先队", "青春建功"),
    ),
    AgencySpec(
        "SLS-FL",
        "sfl",
        "示例市妇女联合会",
        "市妇联",
        AgencyKind.PARTY_MASS,
        "蒋美华",
        "团结引导各族各界妇女参与经济社会建设；代表和维护妇女儿童合法权益；推进家庭家教家风建设和妇女创业就业。",
        "示例市中心区和谐路8号",
        _phone(402),
        topics=("家庭家教家风", "巾帼创业", "妇女儿童维权", "两癌筛查"),
    ),
    AgencySpec(
        "SLS-ZGH",
        "zgh",
        "示例市总工会",
        "市总工会",
        AgencyKind.PARTY_MASS,
        "彭卫国",
        "维护职工合法权益；推进劳动和技能竞赛；开展困难职工帮扶和职工文化活动；加强基层工会组织建设。",
        "示例市中心区劳动路16号",
        _phone(403),
        topics=("劳动技能竞赛", "困难职工帮扶", "夏送清凉", "职工书屋"),
    ),
]

INSTITUTIONS = [
    AgencySpec(
        "SLS-GJJ",
        "gjj",
        "示例市住房公积金管理中心",
        "市公积金中心",
        AgencyKind.INSTITUTION,
        "韩立平",
        "负责全市住房公积金的归集、提取、贷款和风险管理；编制和执行住房公积金归集使用计划；提供住房公积金政务服务。",
        "示例市中心区金融街20号",
        _phone(501),
        topics=("公积金提取", "公积金贷款", "灵活就业人员缴存", "跨省通办"),
    ),
    AgencySpec(
        "SLS-DAG",
        "dag",
        "示例市档案馆",
        "市档案馆",
        AgencyKind.INSTITUTION,
        "曹文静",
        "负责收集、整理和保管全市重要档案资料；提供档案查阅利用服务；开展档案编研和爱国主义教育。",
        "示例市中心区文化路2号",
        _phone(502),
        topics=("档案查阅利用", "档案数字化", "国际档案日", "档案编研"),
    ),
]

DUAL_MANAGED = [
    AgencySpec(
        "SLS-SWJ",
        "swj",
        "国家税务总局示例市税务局",
        "市税务局",
        AgencyKind.DUAL_MANAGED,
        "袁志刚",
        "负责辖区内税收、社会保险费和有关非税收入的征收管理；落实税费优惠政策；提供纳税缴费服务。",
        "示例市中心区财税路10号",
        _phone(601),
        topics=("税费优惠政策", "便民办税春风行动", "个税汇算", "纳税信用"),
    ),
    AgencySpec(
        "SLS-QXJ",
        "qxj",
        "示例市气象局",
        "市气象局",
        AgencyKind.DUAL_MANAGED,
        "许光明",
        "负责本地天气预报和气象灾害预警；开展气象为农服务和人工影响天气；负责气象探测和防雷安全管理。",
        "示例市中心区观象路4号",
        _phone(602),
        topics=("气象灾害预警", "气象为农服务", "防雷安全", "世界气象日"),
    ),
]

ALL_AGENCIES = [CITY_GOVERNMENT, *DEPARTMENTS, *TOWNSHIPS, *VILLAGES, *PARTY_MASS, *INSTITUTIONS, *DUAL_MANAGED]


@dataclass(frozen=True)
class StaffSpec:
    username: str
    agency_code: str
    role: str
    last_name: str
    first_name: str


_NAMES = [
    ("张", "晓明"),
    ("李", "雪梅"),
    ("王", "志刚"),
    ("刘", "婷"),
    ("陈", "建平"),
    ("杨", "丽华"),
    ("赵", "伟"),
    ("黄", "小芳"),
    ("周", "国强"),
    ("吴", "敏"),
    ("徐", "海涛"),
    ("孙", "静"),
    ("胡", "文博"),
    ("朱", "丽娜"),
    ("高", "俊"),
]

# Which agencies get an editor, a reviewer and a leader in the demo.
STAFFED_AGENCIES = [CITY_GOVERNMENT_CODE, "SLS-JYJ", "SLS-WJW", "SLS-X-QS", "SLS-X-QS-01"]


def demo_staff() -> list[StaffSpec]:
    by_code = {a.code: a for a in ALL_AGENCIES}
    staff = []
    names = iter(_NAMES)
    for code in STAFFED_AGENCIES:
        agency = by_code[code]
        for role in (Role.EDITOR, Role.REVIEWER, Role.LEADER):
            last, first = next(names)
            staff.append(StaffSpec(f"{agency.slug}_{role}", code, role, last, first))
    return staff


ADMIN_USERNAME = "admin"
ADMIN_NAME = ("郑", "信息办")
DEMO_PASSWORD = "shili-demo-2026"
