"""Chinese text material for the demo: titles and bodies built from templates and word
lists suited to each column (政务要闻, 通知公告, 政策文件, 村务公开, 农技知识 …).

`Writer(rng).article(genre, ctx)` returns one `Text`; everything depends only on the
random generator passed in, so a seeded run gives the same cluster every time.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from html import escape

from govportal.demo.registry import CITY, AgencySpec


@dataclass
class Text:
    title: str
    body: str
    summary: str = ""
    subtitle: str = ""
    author: str = ""
    source: str = ""
    tags: list[str] = field(default_factory=list)


@dataclass
class Context:
    agency: AgencySpec
    when: datetime  # local time (Asia/Shanghai)
    villages: list[AgencySpec] = field(default_factory=list)  # under a township
    others: list[AgencySpec] = field(default_factory=list)  # for city-level news about units


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs if p)


def _md(when: datetime) -> str:
    return f"{when.month}月{when.day}日"


def _ymd(when: datetime) -> str:
    return f"{when.year}年{when.month}月{when.day}日"


AUTHORS = ["李文", "王晨", "张悦", "刘洋", "陈思远", "杨帆", "赵敏", "黄磊", "周静", "吴昊", "通讯员 徐丽", "记者 孙涛"]

MEETING_KINDS = ["工作推进会", "专题部署会", "工作调度会", "座谈会", "现场观摩会", "工作会议", "联席会议"]
ACTIONS = ["扎实推进", "全力抓好", "持续深化", "统筹推进", "高标准推进", "压茬推进"]
ACTIVITIES = ["专项行动", "集中宣传活动", "志愿服务活动", "专项检查", "大走访大排查活动", "业务培训"]
EFFECTS = [
    "切实把各项工作任务落到实处，让群众有更多获得感、幸福感、安全感",
    "坚持问题导向，压实工作责任，确保各项目标任务按时保质完成",
    "强化统筹协调，加强督促检查，以钉钉子精神抓好工作落实",
    "聚焦群众急难愁盼，拿出务实举措，办好惠民利民实事",
    "进一步提高思想认识，把握工作重点，推动工作取得新成效",
]
MEETING_POINTS = [
    "会议听取了相关单位工作情况汇报，分析了当前面临的形势和存在的问题。",
    "会议通报了前一阶段工作进展，对下一阶段重点任务进行了部署。",
    "与会人员围绕工作中的难点堵点问题进行了深入交流，提出了意见建议。",
    "会议观看了专题片，学习了相关政策文件精神。",
]
REQUIREMENTS = [
    "要提高政治站位，增强责任感和紧迫感，把这项工作摆在更加突出的位置。",
    "要细化工作方案，明确时间节点和责任分工，建立工作台账，实行清单化管理。",
    "要加强部门协同和上下联动，形成工作合力，防止出现推诿扯皮现象。",
    "要强化宣传引导，及时回应群众关切，营造良好的社会氛围。",
    "要坚守安全底线，全面排查风险隐患，做到早发现、早报告、早处置。",
    "要严格督查考核，对工作推进不力的单位和个人严肃问责。",
]
ACHIEVEMENTS = [
    "截至目前，已累计完成年度目标任务的{pct}%，惠及群众{n}余人次。",
    "今年以来，共排查整改问题{n2}个，办结率达{pct}%。",
    "活动期间共发放宣传资料{n}余份，现场解答群众咨询{n2}余人次。",
    "全市已有{n2}个单位完成相关工作，整体进度居全省前列。",
]
PLACES = [
    "市民之家",
    "市政务服务中心",
    "市行政中心",
    "各乡镇（街道）",
    "城区主要街道",
    "各社区服务站",
    "市体育中心广场",
]


def display_name(org: AgencySpec) -> str:
    """How news titles name a unit: 示例市, 市教育局, 团市委, 青山镇, 东坪村."""
    if org.kind == "city":
        return CITY
    if org.kind in ("township", "village") or org.short_name.startswith(("市", "团")):
        return org.short_name
    return f"市{org.short_name}"


class Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.seen: set[str] = set()

    def pick(self, items):
        return self.rng.choice(items)

    def _numbers(self) -> dict:
        r = self.rng
        return {"pct": r.randint(62, 98), "n": r.randint(12, 980) * 10, "n2": r.randint(8, 260)}

    def article(self, genre: str, ctx: Context) -> Text:
        """One article; a few retries keep titles from repeating across the cluster."""
        make = getattr(self, f"_{genre}")
        for _attempt in range(8):
            piece = make(ctx)
            if piece.title not in self.seen:
                break
        self.seen.add(piece.title)
        return piece

    # --- news (政务要闻, 工作动态, 部门动态, 乡镇动态) ---------------------------------
    def _news(self, ctx: Context, org: AgencySpec | None = None) -> Text:
        r = self.rng
        org = org or ctx.agency
        topic = self.pick(org.topics or ("重点工作",))
        name = display_name(org)
        kind = r.randrange(5)
        if kind == 0:
            title = f"{name}召开{topic}{self.pick(MEETING_KINDS)}"
        elif kind == 1:
            title = f"{name}{self.pick(ACTIONS)}{topic}工作"
        elif kind == 2:
            title = f"{name}开展{topic}{self.pick(ACTIVITIES)}"
        elif kind == 3:
            title = f"{org.head}到{self.pick(PLACES)}调研{topic}工作"
        else:
            title = f"{name}{topic}工作取得阶段性成效"
        nums = self._numbers()
        lead = (
            f"{_md(ctx.when)}，{org.name}{'召开会议' if kind in (0, 1) else '组织开展相关工作'}，"
            f"研究部署{topic}工作。{org.head}出席并讲话。"
            if kind != 3
            else f"{_md(ctx.when)}，{org.name}主要负责人{org.head}带队深入{self.pick(PLACES)}，"
            f"实地调研{topic}工作推进情况，现场协调解决有关问题。"
        )
        points = r.sample(REQUIREMENTS, 3)
        body = _p(
            lead,
            self.pick(MEETING_POINTS),
            f"{org.head}指出，做好{topic}工作，事关群众切身利益，事关全市发展大局。{points[0]}{points[1]}",
            f"{org.head}强调，{points[2]}各级各部门要{self.pick(EFFECTS)}。",
            self.pick(ACHIEVEMENTS).format(**nums),
        )
        summary = f"{org.name}{self.pick(ACTIONS)}{topic}工作，{self.pick(EFFECTS)}。"
        return Text(title=title, body=body, summary=summary, author=self.pick(AUTHORS), tags=[topic])

    def _city_news(self, ctx: Context) -> Text:
        return self._news(ctx)

    def _unit_news(self, ctx: Context) -> Text:
        return self._news(ctx, org=self.pick(ctx.others) if ctx.others else None)

    # --- notices (通知公告) -------------------------------------------------------------
    def _notice(self, ctx: Context) -> Text:
        r = self.rng
        org = ctx.agency
        year = ctx.when.year
        topic = self.pick(org.topics or ("重点工作",))
        kind = r.randrange(6)
        deadline = f"{ctx.when.month}月{min(28, ctx.when.day + r.randint(5, 15))}日"
        if kind == 0:
            title = f"关于开展{year}年度{topic}工作的通知"
            body = _p(
                "各有关单位：",
                f"为切实做好{year}年度{topic}工作，经研究，决定在全市范围内组织开展相关工作。现将有关事项通知如下：",
                f"一、工作目标。围绕{topic}重点任务，{self.pick(EFFECTS)}。",
                f"二、时间安排。即日起至{deadline}，各单位对照要求开展自查，并于{deadline}前报送工作情况。",
                "三、工作要求。" + "".join(r.sample(REQUIREMENTS, 2)),
                f"联系人：{self.pick(AUTHORS).split()[-1]}，联系电话：{org.phone}。",
                "特此通知。",
                f"{org.name}　{_ymd(ctx.when)}",
            )
        elif kind == 1:
            holiday = self.pick(["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"])
            title = f"关于{year}年{holiday}放假期间办事安排的公告"
            body = _p(
                f"根据国务院办公厅关于{year}年部分节假日安排的通知精神，结合工作实际，现将{holiday}期间办事安排公告如下：",
                f"一、{holiday}放假期间，{org.name}窗口暂停对外办理业务，节后第一个工作日恢复正常。",
                "二、放假期间可通过网上办事大厅办理相关事项，线上申请将于节后按受理顺序办理。",
                f"三、紧急事项请拨打值班电话{org.phone}。",
                "给您带来的不便，敬请谅解。",
                f"{org.name}　{_ymd(ctx.when)}",
            )
        elif kind == 2:
            n = r.randint(2, 12)
            title = f"{org.name}{year}年公开招聘编外工作人员公告"
            body = _p(
                f"因工作需要，{org.name}面向社会公开招聘编外工作人员{n}名。现将有关事项公告如下：",
                "一、招聘条件：具有中华人民共和国国籍，遵守宪法和法律，具有良好的品行和正常履行职责的身体条件；"
                "具有大学专科及以上学历，年龄在35周岁以下。",
                f"二、报名时间和方式：{deadline}前，报名人员持本人身份证、学历证书原件及复印件到{org.address}现场报名。",
                "三、考试考核：采取笔试和面试相结合的方式进行，具体时间另行通知。",
                f"四、咨询电话：{org.phone}。",
                f"{org.name}　{_ymd(ctx.when)}",
            )
        elif kind == 3:
            title = f"关于{topic}有关事项的公示"
            body = _p(
                f"根据有关规定，现将{topic}有关事项予以公示，接受社会监督。",
                f"公示时间：{_md(ctx.when)}至{deadline}（5个工作日）。",
                f"公示期间，如有异议，请以书面形式实名向{org.name}反映，并提供必要的证明材料。",
                f"联系地址：{org.address}；联系电话：{org.phone}。",
                f"{org.name}　{_ymd(ctx.when)}",
            )
        elif kind == 4:
            title = f"关于征求《{CITY}{topic}工作方案（征求意见稿）》意见的公告"
            body = _p(
                f"为提高决策的科学性和透明度，现将《{CITY}{topic}工作方案（征求意见稿）》向社会公开征求意见。",
                f"征求意见时间为{_md(ctx.when)}至{deadline}。社会各界可通过电子邮件、信函或登录互动交流栏目提出意见建议。",
                f"通信地址：{org.address}，邮编410000。请在信封上注明“意见征集”字样。",
                f"{org.name}　{_ymd(ctx.when)}",
            )
        else:
            title = f"关于{topic}工作检查情况的通报"
            body = _p(
                "各有关单位：",
                f"近期，{org.name}组织对{topic}工作开展了专项检查，共检查单位{r.randint(12, 60)}家，"
                f"发现问题{r.randint(5, 40)}个，已全部交办整改。",
                "从检查情况看，大部分单位思想重视、措施有力，但也存在台账不规范、责任落实不到位等问题。",
                "各单位要对照问题清单，逐项整改到位，并于规定时间内报送整改情况。",
                f"{org.name}　{_ymd(ctx.when)}",
            )
        return Text(title=title, body=body, summary=title, tags=[topic])

    # --- policy documents (政策文件) and interpretations (政策解读) ------------------------
    def _policy_parts(self, ctx: Context) -> tuple[str, str, str]:
        org = ctx.agency
        topic = self.pick(org.topics or ("重点工作",))
        doc_kind = self.pick(["实施方案", "管理办法", "若干措施", "工作方案", "实施细则", "三年行动计划"])
        issuer = "示例市人民政府办公室" if org.kind == "city" else org.name
        prefix = "示政办发" if org.kind == "city" else f"示{org.short_name[:1]}发"
        number = f"{prefix}〔{ctx.when.year}〕{self.rng.randint(1, 48)}号"
        return topic, f"《{CITY}{topic}{doc_kind}》", f"{issuer}|{number}"

    def _policy(self, ctx: Context) -> Text:
        r = self.rng
        topic, doc, meta = self._policy_parts(ctx)
        issuer, number = meta.split("|")
        title = f"{issuer}关于印发{doc}的通知"
        body = (
            _p(number, "各乡镇人民政府、街道办事处，市直各有关单位：", f"现将{doc}印发给你们，请认真贯彻执行。")
            + f"<h2>{escape(doc.strip('《》'))}</h2>"
            + "<h3>一、总体要求</h3>"
            + _p(f"坚持以人民为中心的发展思想，围绕{topic}，{self.pick(EFFECTS)}。")
            + "<h3>二、主要任务</h3>"
            + "<ol>"
            + "".join(f"<li>{escape(t)}</li>" for t in r.sample(REQUIREMENTS, 3))
            + "</ol>"
            + "<h3>三、保障措施</h3>"
            + _p("加强组织领导，强化资金保障，严格督查考核，确保各项任务落地见效。")
            + _p(f"本{doc[-3:-1]}自印发之日起施行，有效期{r.choice([2, 3, 5])}年。", f"{issuer}　{_ymd(ctx.when)}")
        )
        return Text(title=title, body=body, summary=f"{number} {doc}", subtitle=number, tags=[topic, "政策文件"])

    def _interpretation(self, ctx: Context) -> Text:
        topic, doc, meta = self._policy_parts(ctx)
        title = f"{doc}政策解读"
        body = (
            "<h3>一、出台背景</h3>"
            + _p(f"为深入贯彻落实上级关于{topic}的决策部署，解决当前工作中的突出问题，我市制定了{doc}。")
            + "<h3>二、主要内容</h3>"
            + _p(
                f"{doc}共分为总体要求、主要任务、保障措施三个部分，明确了{topic}的目标任务和时间表。",
                self.pick(REQUIREMENTS),
            )
            + "<h3>三、群众关心的问题</h3>"
            + _p(
                f"问：{topic}涉及哪些群众？答：全市符合条件的居民和经营主体均可按规定享受相关政策。",
                "问：到哪里办理？答：可在市政务服务中心窗口或网上办事大厅办理，也可拨打12345热线咨询。",
            )
            + _p(f"解读机关：{ctx.agency.name}　解读人：{ctx.agency.head}　联系电话：{ctx.agency.phone}")
        )
        return Text(title=title, body=body, summary=f"图文解读{doc}的出台背景和主要内容", tags=[topic, "政策解读"])

    # --- township and village columns --------------------------------------------------
    def _village_affairs(self, ctx: Context) -> Text:
        r = self.rng
        village = self.pick(ctx.villages) if ctx.villages else ctx.agency
        quarter = (ctx.when.month - 1) // 3 + 1
        kind = r.randrange(3)
        if kind == 0:
            title = f"{village.short_name}{ctx.when.year}年第{quarter}季度财务公开"
            rows_in = [
                ("上级转移支付", r.randint(30, 180) * 1000),
                ("集体经营收入", r.randint(5, 90) * 1000),
                ("资源发包收入", r.randint(2, 40) * 1000),
            ]
            rows_out = [
                ("村干部报酬", r.randint(20, 60) * 1000),
                ("公益事业支出", r.randint(10, 80) * 1000),
                ("办公及水电费", r.randint(2, 12) * 1000),
                ("环境卫生保洁", r.randint(3, 20) * 1000),
            ]
            table = "<table><thead><tr><th>项目</th><th>金额（元）</th></tr></thead><tbody>"
            for label, amount in [("一、收入合计", sum(a for _, a in rows_in)), *rows_in]:
                table += f"<tr><td>{label}</td><td>{amount:,}</td></tr>"
            for label, amount in [("二、支出合计", sum(a for _, a in rows_out)), *rows_out]:
                table += f"<tr><td>{label}</td><td>{amount:,}</td></tr>"
            table += "</tbody></table>"
            body = (
                _p(
                    f"根据村务公开有关规定，现将{village.short_name}{ctx.when.year}年第{quarter}季度财务收支情况公开如下："
                )
                + table
                + _p(
                    "以上收支经村务监督委员会审核，如有疑问，请于公开之日起10日内向村务监督委员会反映。",
                    f"{village.name}　村务监督委员会　{_ymd(ctx.when)}",
                )
            )
        elif kind == 1:
            project = self.pick(["村组道路硬化", "山塘清淤扩容", "路灯安装", "文化广场建设", "饮水管网改造"])
            title = f"{village.short_name}关于{project}项目的公示"
            body = _p(
                f"经{village.short_name}村民代表大会讨论通过，{project}项目现予以公示：",
                f"项目地点：{village.short_name}第{r.randint(1, 9)}村民小组；"
                f"项目投资：{r.randint(8, 60)}万元，资金来源为上级奖补资金和村集体自筹。",
                "公示期为7天，如有异议，请向村务监督委员会或乡镇（街道）纪委反映。",
                f"{village.name}　{_ymd(ctx.when)}",
            )
        else:
            title = f"{village.short_name}{ctx.when.year}年{ctx.when.month}月村民代表大会决议公开"
            body = _p(
                f"{_md(ctx.when)}，{village.short_name}召开村民代表大会，应到代表{r.randint(25, 40)}人，"
                f"实到{r.randint(20, 25)}人，符合法定人数。",
                "会议审议通过了以下事项：一是村级公益事业建设项目安排；二是人居环境整治村规民约修订；"
                "三是集体资产发包方案。",
                "以上决议自公开之日起执行，接受全体村民监督。",
                f"{village.name}　{_ymd(ctx.when)}",
            )
        return Text(title=title, body=body, summary=title, tags=["村务公开"])

    def _specialty(self, ctx: Context) -> Text:
        r = self.rng
        facts = ctx.agency.facts
        village = self.pick(ctx.villages) if ctx.villages else ctx.agency
        product = facts.get("product", "特色农产品")
        if ctx.agency.short_name.endswith("街道"):
            return self._urban_specialty(ctx, village, product)
        title = self.pick(
            [
                f"{village.short_name}：小小{product}撑起增收致富路",
                f"{product}迎来丰收季 线上线下销售两旺",
                f"{ctx.agency.short_name}{product}入选全市“一村一品”示范名录",
            ]
        )
        body = _p(
            f"走进{village.short_name}，{facts.get('feature', '田野风光')}，村民们正忙着{self.pick(['采收', '分拣', '打包', '晾晒'])}{product}。",
            f"近年来，{ctx.agency.short_name}按照“一村一品”的思路，引导群众发展{product}产业，"
            f"种植（养殖）面积达到{r.randint(300, 3000)}亩，带动{r.randint(80, 600)}户群众增收。",
            f"“今年{product}品质好、价格稳，一亩地能多挣{r.randint(8, 30)}00元。”村民{self.pick(AUTHORS)[-2:]}高兴地说。",
            "下一步，将继续推进品牌建设和电商销售，让特色产业成为群众稳定增收的“金钥匙”。",
        )
        return Text(
            title=title,
            body=body,
            summary=f"{ctx.agency.short_name}发展{product}产业带动群众增收",
            tags=[product, "一村一品"],
        )

    def _urban_specialty(self, ctx: Context, community: AgencySpec, product: str) -> Text:
        r = self.rng
        title = self.pick(
            [
                f"{community.short_name}{product}工坊：老手艺带动居民家门口就业",
                f"{product}走进社区 传统技艺焕发新活力",
                f"{ctx.agency.short_name}{product}项目入选全市“一社区一品牌”",
            ]
        )
        body = _p(
            f"走进{community.short_name}党群服务中心的{product}工坊，十几位居民正围坐在一起专心制作。",
            f"近年来，{ctx.agency.short_name}依托{product}这一特色资源，建成社区工坊{r.randint(2, 6)}个，"
            f"累计培训居民{r.randint(80, 400)}人次，带动{r.randint(20, 120)}名居民实现灵活就业。",
            f"“在家门口就能上班，还能照顾老人孩子。”居民{self.pick(AUTHORS)[-2:]}说。",
            "下一步，街道将推动特色项目与文旅消费相结合，让社区品牌走出去。",
        )
        return Text(
            title=title, body=body, summary=f"{ctx.agency.short_name}打造{product}社区品牌", tags=[product, "一村一品"]
        )

    _CROPS = {
        "春": [("早稻", "育秧"), ("玉米", "播种"), ("茶叶", "春茶采摘"), ("柑橘", "春梢")],
        "夏": [("中稻", "病虫害防治"), ("辣椒", "高温管理"), ("生猪", "防暑降温"), ("葡萄", "套袋")],
        "秋": [("晚稻", "后期管理"), ("油菜", "育苗移栽"), ("柑橘", "采摘贮藏"), ("红薯", "收获")],
        "冬": [("油菜", "越冬管理"), ("大棚蔬菜", "防冻保温"), ("果树", "冬季修剪"), ("耕牛", "越冬饲养")],
    }

    @staticmethod
    def _season(when: datetime) -> str:
        return "春夏秋冬"[((when.month - 3) % 12) // 3]

    def _farming(self, ctx: Context) -> Text:
        season = self._season(ctx.when)
        crop, stage = self.pick(self._CROPS[season])
        title = self.pick(
            [f"{season}季{crop}{stage}技术要点", f"当前{crop}{stage}注意事项", f"农技专家教您做好{crop}{stage}"]
        )
        tips = [
            f"关注天气变化，根据{season}季气温和降水情况合理安排农事。",
            "科学施肥，坚持有机肥与化肥配合施用，避免偏施氮肥。",
            "加强病虫害监测，做到早发现、早防治，选用高效低毒农药并严格遵守安全间隔期。",
            "及时清沟排渍或灌溉补水，保持田间适宜湿度。",
            "做好田间记录，遇到问题及时联系乡镇农技站。",
        ]
        body = (
            _p(
                f"当前正值{crop}{stage}的关键时期，为帮助农户科学生产，{ctx.agency.short_name}{'农业服务站' if ctx.agency.short_name.endswith('街道') else '农技站'}整理了以下技术要点："
            )
            + "<ol>"
            + "".join(f"<li>{escape(t)}</li>" for t in self.rng.sample(tips, 4))
            + "</ol>"
            + _p(f"咨询电话：{ctx.agency.phone}（{ctx.agency.short_name}农业综合服务中心）。")
        )
        return Text(title=title, body=body, summary=f"{crop}{stage}技术要点", tags=[crop, "农技"])

    def _wealth(self, ctx: Context) -> Text:
        r = self.rng
        skill = self.pick(["电商直播", "家政服务", "中式烹调", "农机驾驶维修", "果树嫁接", "养老护理", "电工"])
        kind = r.randrange(3)
        if kind == 0:
            title = f"{ctx.agency.short_name}举办{skill}技能培训班"
            body = _p(
                f"{_md(ctx.when)}，{ctx.agency.short_name}联合市人社局举办{skill}技能培训班，{r.randint(30, 90)}名群众参加培训。",
                "培训采取理论讲解与实际操作相结合的方式，考核合格的学员将获得职业技能等级证书，并可享受培训补贴。",
                f"有意参加下期培训的群众，可到{ctx.agency.short_name}社会保障服务站报名。",
            )
        elif kind == 1:
            product = ctx.agency.facts.get("product", "农产品")
            title = f"{ctx.when.month}月{product}市场行情简析"
            body = _p(
                f"本月{product}收购价格总体{self.pick(['平稳', '小幅上涨', '稳中有升', '略有回落'])}，"
                f"均价约每斤{r.randint(3, 40)}.{r.randint(0, 9)}元。",
                "建议农户关注市场信息，错峰销售，通过合作社统一销售降低成本。",
            )
        else:
            title = f"{ctx.agency.short_name}{ctx.when.year}年创业担保贷款申报指南"
            body = _p(
                "符合条件的返乡创业人员、高校毕业生、退役军人等可申请创业担保贷款，个人最高可贷30万元，按规定享受贴息。",
                f"申请人可携带身份证、营业执照等材料到{ctx.agency.short_name}便民服务中心咨询办理。",
            )
        return Text(title=title, body=body, summary=title, tags=["致富信息"])

    def _living(self, ctx: Context) -> Text:
        season = self._season(ctx.when)
        topic, tips = self.pick(
            [
                ("防范电信网络诈骗", ["不轻信陌生来电", "不点击不明链接", "不向陌生账户转账", "下载国家反诈中心APP"]),
                (
                    "燃气安全使用常识",
                    ["使用燃气时保持通风", "定期检查软管", "闻到异味立即关阀开窗", "严禁在室内使用明火查漏"],
                ),
                (
                    f"{season}季常见病预防",
                    ["注意饮食卫生", "适当锻炼增强体质", "老人儿童注意保暖防暑", "身体不适及时就医"],
                ),
                ("农村用电安全", ["不私拉乱接电线", "雷雨天远离电杆", "发现断线不靠近", "请专业电工维修"]),
                ("防溺水安全提示", ["不私自下水游泳", "不到无安全设施的水域", "发现险情立即呼救", "不盲目施救"]),
            ]
        )
        body = (
            _p(f"{topic}事关每一个家庭。{ctx.agency.short_name}提醒广大群众：")
            + "<ul>"
            + "".join(f"<li>{escape(t)}。</li>" for t in tips)
            + "</ul>"
            + _p("如遇紧急情况，请拨打110、119或120。")
        )
        return Text(title=f"{topic}：这些要点请记牢", body=body, summary=topic, tags=["生活常识"])


# --- single pages ---------------------------------------------------------------------


def agency_intro(agency: AgencySpec) -> str:
    """机构职能 / 单位简介 from the agency's registry data."""
    duties = [d for d in agency.functions.replace("。", "；").split("；") if d.strip()]
    return (
        _p(f"{agency.name}是{CITY}的{_kind_phrase(agency.kind)}。")
        + "<h2>主要职能</h2><ol>"
        + "".join(f"<li>{escape(d.strip())}。</li>" for d in duties)
        + "</ol><h2>联系方式</h2>"
        + _p(
            f"主要负责人：{agency.head}",
            f"办公地址：{agency.address}",
            "办公时间：工作日 上午8:30—12:00，下午14:30—17:30（法定节假日除外）",
            f"联系电话：{agency.phone}",
        )
    )


def _kind_phrase(kind: str) -> str:
    return {
        "city": "人民政府",
        "department": "政府工作部门",
        "township": "乡镇（街道）基层政权机关",
        "party_mass": "党群工作部门",
        "institution": "事业单位",
        "dual_managed": "实行上级主管部门与市政府双重管理的单位",
        "village": "基层群众性自治组织",
    }.get(kind, "单位")


def township_overview(township: AgencySpec, villages: list[AgencySpec]) -> str:
    f = township.facts
    names = "、".join(v.short_name for v in villages)
    return _p(
        f"{township.short_name}位于{CITY}{'城区' if township.short_name.endswith('街道') else '境内'}，"
        f"{f.get('feature', '')}，总面积{f.get('area', 50)}平方公里，户籍人口约{f.get('population', 3)}万人。",
        f"辖{len(villages)}个村（社区）：{names}等。",
        f"近年来，{township.short_name}立足资源禀赋，大力发展{f.get('product', '特色产业')}等特色产业，"
        "持续改善人居环境，基层治理和公共服务水平不断提升。",
        f"{township.short_name}党委、政府（办事处）地址：{township.address}；联系电话：{township.phone}。",
    )


def village_overview(village: AgencySpec, township: AgencySpec) -> str:
    f = village.facts
    unit = "居民小组" if f.get("community") else "村民小组"
    return _p(
        f"{village.short_name}隶属{CITY}{township.short_name}，辖{f['groups']}个{unit}，"
        f"共{f['households']}户{f['population']}人。",
        f"主导产业为{f['industry']}，村（居）民委员会负责人：{village.head}。",
        f"村务公开栏设在{village.address}，每季度公开一次财务收支情况，重大事项随时公开。",
        f"联系电话：{village.phone}。",
    )


def disclosure_column(spec: AgencySpec) -> str:
    """The 政府信息公开 column of a site other than the portal: its own office and contacts."""
    return _p(
        f"本栏目公开{spec.name}的政府信息公开指南、政府信息公开制度、法定主动公开内容和政府信息公开工作年度报告。",
        f"向{spec.name}申请公开政府信息，可在线提交申请，也可以信函或当面方式提出："
        f"地址 {spec.address}；联系电话 {spec.phone}。",
    )


def city_intro() -> str:
    return _p(
        f"{CITY}（虚构城市，仅用于演示）地处江南丘陵，山水相依，四季分明。全市总面积约3200平方公里，"
        "辖4个街道、12个乡镇，常住人口约86万人。",
        f"{CITY}历史悠久，文化底蕴深厚，是著名的茶叶之乡、温泉之乡。近年来，全市坚持稳中求进，"
        "聚焦产业发展、城市更新和乡村振兴，经济社会发展呈现稳中向好的态势。",
    )


PORTAL_ENTRY_PAGES = {
    "xxgk": _p(
        "本栏目是示例市人民政府及其工作部门、乡镇（街道）的政府信息公开平台，集中提供政府信息公开指南、"
        "信息公开制度、法定主动公开内容和政府信息公开工作年度报告，并提供依申请公开的在线申请和办理进度查询。",
    )
    + '<p><a href="/zwgk/apply/">在线申请政府信息公开</a>　<a href="/zwgk/query/">申请办理进度查询</a></p>'
    + _p(
        "也可通过信函或当面方式向市人民政府办公室提出申请：地址 示例市中心区人民大道1号，邮编410000；"
        "办公时间 工作日8:30—12:00、14:30—17:30；联系电话 0731-81234567。",
    ),
    "wsbs": _p(
        "网上办事大厅汇集全市各部门的政务服务事项办事指南，提供在线申请、办理进度查询和“好差评”评价。",
    )
    + '<p><a href="/banshi/">进入网上办事大厅</a>　<a href="/banshi/jindu/">办件进度查询</a></p>'
    + _p("也可到示例市政务服务中心（示例市中心区民生大道100号）窗口办理，或拨打12345政务服务便民热线咨询。"),
    "hdjl": _p(
        "写信给市长和各部门、查询来信办理结果、查看热点解答：群众来信在规定时限内答复，答复经本人同意后公开。",
    )
    + '<p><a href="/hudong/">市长信箱和部门信箱</a>　<a href="/hudong/chaxun/">信件查询</a>　'
    '<a href="/hudong/rdjd/">热点解答</a>　<a href="/hudong/tongji/">来信统计</a></p>'
    + _p(
        "每月举办一期在线访谈，市政府部门负责人走进直播间，解读新出台的政策，现场回答网民提问；"
        "访谈预告和文字实录在本栏目发布。"
    )
    + _p("也可以拨打12345政务服务便民热线，或致函示例市人民政府办公室（示例市中心区人民大道1号）反映意见建议。"),
}
