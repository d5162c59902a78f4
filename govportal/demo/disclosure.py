"""Demo data of 政府信息公开, loaded by `govportal.demo.loader` after the cluster.

- A living catalogue: about 300 documents across every agency's 政府信息公开 column (the
  Art. 20/21 categories and 村务公开 for villages), published over the last two years, some
  amended or repealed with a link to the document that replaced them, a few published
  later than 20 working days (the tracker has something to show), interpretations linked
  to the policies they explain. Pages are inserted like the loader's articles (one insert,
  one revision, ``page_published`` sent) so index numbers come from the real action.
- Requests in every state, through the real actions, replayed at the dates they happened
  (``timezone.now`` is moved for the duration of each step): new, in progress, overdue,
  awaiting correction, in consultation, extended, replied with each outcome, abandoned,
  archived, one petition handed to the mailbox; last year's requests for the annual report.
- Last year's annual reports of the city government and the two staffed departments,
  published, so the city view aggregates them.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timedelta
from unittest import mock

from django.utils import timezone

from wagtail.models import Page, Revision
from wagtail.signals import page_published

from govportal.cluster.models import SiteHomePage
from govportal.core import calendar, citizen_input
from govportal.core.cases.actions import cases_sweep_overdue
from govportal.core.models import AgencyKind
from govportal.demo import registry
from govportal.disclosure import actions
from govportal.disclosure.choices import (
    ART21_CITY,
    ART21_TOWNSHIP,
    ApplicantType,
    Category,
    Channel,
    DeliveryChannel,
    DeliveryForm,
    DocKind,
    IdType,
    Outcome,
    SubReason,
    Topic,
    Validity,
)
from govportal.disclosure.models import DisclosureDocumentPage, DisclosureIndexPage, DisclosureRequest

PER_KIND = {
    AgencyKind.CITY_GOVERNMENT: 40,
    AgencyKind.DEPARTMENT: 14,
    AgencyKind.TOWNSHIP: 9,
    AgencyKind.PARTY_MASS: 3,
    AgencyKind.INSTITUTION: 3,
    AgencyKind.DUAL_MANAGED: 3,
    AgencyKind.VILLAGE: 3,
}

# (category, title template, doc kind, topic); {a} = agency short name, {y} = year, {n} = a number
TEMPLATES: list[tuple[str, str, str, str]] = [
    (Category.REGULATIONS, "{a}关于印发《{y}年行政规范性文件制定计划》的通知", DocKind.NORMATIVE, Topic.GENERAL),
    (Category.REGULATIONS, "{a}关于进一步规范行政裁量权基准的实施办法", DocKind.NORMATIVE, Topic.GENERAL),
    (Category.REGULATIONS, "{a}行政执法公示办法", DocKind.NORMATIVE, Topic.PUBLIC_SECURITY),
    (Category.ORGANISATION, "{a}机构职能及领导分工", DocKind.OTHER, Topic.GENERAL),
    (Category.PLANS, "{a}{y}年工作要点", DocKind.OTHER, Topic.ECONOMY),
    (Category.PLANS, "{a}“十五五”发展规划（征求意见稿）", DocKind.OTHER, Topic.ECONOMY),
    (Category.STATISTICS, "{a}{y}年第{n}季度主要统计数据", DocKind.OTHER, Topic.ECONOMY),
    (Category.LICENSING, "{a}行政许可事项清单（{y}年版）", DocKind.OTHER, Topic.GENERAL),
    (Category.LICENSING, "{a}{y}年第{n}批行政许可结果公示", DocKind.OTHER, Topic.GENERAL),
    (Category.PENALTIES, "{a}{y}年第{n}批行政处罚决定信息公开", DocKind.OTHER, Topic.MARKET),
    (Category.BUDGETS, "{a}{y}年部门预算", DocKind.OTHER, Topic.FINANCE),
    (Category.BUDGETS, "{a}{y}年部门决算", DocKind.OTHER, Topic.FINANCE),
    (Category.FEES, "{a}行政事业性收费目录清单", DocKind.OTHER, Topic.FINANCE),
    (Category.PROCUREMENT, "{a}{y}年政府采购意向公开（第{n}批）", DocKind.OTHER, Topic.FINANCE),
    (Category.CONSTRUCTION, "{a}重大建设项目批准和实施情况（{y}年）", DocKind.OTHER, Topic.CONSTRUCTION),
    (Category.LIVELIHOOD, "{a}{y}年民生实事项目推进情况", DocKind.OTHER, Topic.CIVIL_AFFAIRS),
    (Category.EMERGENCY, "{a}突发事件应急预案（{y}年修订）", DocKind.NORMATIVE, Topic.PUBLIC_SECURITY),
    (Category.INSPECTIONS, "{a}{y}年第{n}次“双随机、一公开”抽查结果", DocKind.OTHER, Topic.MARKET),
    (Category.RECRUITMENT, "{a}{y}年公开招录公务员拟录用人员公示", DocKind.OTHER, Topic.LABOUR),
    (Category.SYSTEM, "{a}政府信息公开工作制度", DocKind.OTHER, Topic.GENERAL),
]
EXTRA = {
    AgencyKind.CITY_GOVERNMENT: [
        (c, "{a}" + t, DocKind.OTHER, Topic.CONSTRUCTION)
        for c, t in zip(
            ART21_CITY,
            [
                "{y}年市政道路建设计划",
                "{y}年基本公共服务清单",
                "{y}年公益事业建设项目公示",
                "{y}年第{n}批国有土地上房屋征收决定",
                "治安管理重点工作通报（{y}年）",
                "{y}年城乡最低生活保障标准调整",
            ],
            strict=True,
        )
    ],
    AgencyKind.TOWNSHIP: [
        (c, "{a}" + t, DocKind.OTHER, Topic.AGRICULTURE)
        for c, t in zip(
            ART21_TOWNSHIP,
            [
                "{y}年强农惠农政策落实情况",
                "{y}年农田水利工程建设项目公示",
                "{y}年第{n}批农村土地承包经营权流转情况",
                "{y}年第{n}批宅基地审批结果公示",
                "{y}年土地征收补偿安置方案",
                "{y}年“一事一议”筹资筹劳方案",
                "{y}年第{n}季度社会救助对象公示",
            ],
            strict=True,
        )
    ],
}
VILLAGE = [
    (Category.VILLAGE_AFFAIRS, "{a}{y}年第{n}季度村级财务收支公开", DocKind.OTHER, Topic.AGRICULTURE),
    (Category.VILLAGE_AFFAIRS, "{a}{y}年村级重大事项“四议两公开”公示", DocKind.OTHER, Topic.AGRICULTURE),
    (Category.VILLAGE_AFFAIRS, "{a}{y}年低保和特困供养人员公示", DocKind.OTHER, Topic.CIVIL_AFFAIRS),
]
NAMES = ["王建国", "李秀英", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴芳", "徐强", "孙丽"]
ORGS = {
    ApplicantType.BUSINESS: "示例市恒达建设工程有限公司",
    ApplicantType.RESEARCH: "示例大学公共管理学院",
    ApplicantType.PUBLIC_INTEREST: "示例市绿色家园环保志愿者协会",
    ApplicantType.LEGAL_SERVICE: "湖南示例律师事务所",
    ApplicantType.OTHER_ORG: "示例市青山镇东坪村村民委员会",
}
WANTED = [
    "{y}年本单位部门预算中“三公”经费的明细",
    "{y}年本辖区老旧小区改造项目的立项批复文件",
    "关于某某路段拓宽工程的征收补偿标准文件",
    "{y}年义务教育学校招生划片方案及其依据",
    "本单位对某企业作出的行政处罚决定书",
    "{y}年度政府采购项目中标结果及合同文本",
    "某某小区周边规划调整的批复文件",
    "{y}年农村危房改造补助对象名单及补助标准",
]


REPLY_TEXTS = {
    Outcome.DISCLOSED: "现将您申请的政府信息作为附件提供，请查收。",
    Outcome.PARTIAL: "所申请文件第三部分涉及个人隐私，已作区分处理，其余内容予以提供。",
    SubReason.THIRD_PARTY: "该信息涉及第三方商业秘密，经书面征求意见，第三方不同意公开且理由合理。",
    SubReason.PROCESS: "所申请的会议讨论记录属于行政机关内部的过程性信息。",
    SubReason.NOT_HELD: "经检索，本机关未制作或获取该信息。",
    SubReason.NEW_MAKING: "所申请的统计分析需要对现有信息进行汇总加工，本机关没有现成信息。",
    SubReason.REPEAT: "本机关已于此前就相同内容作出答复。",
    SubReason.PUBLICATION: "该年鉴已公开出版，可在市图书馆查阅或向出版社购买。",
    SubReason.PETITION: "您反映的问题属于投诉事项，已转交信箱办理。",
    SubReason.EXCESSIVE: "您本月提出申请60余件，所说明的理由不能说明其合理性。",
    SubReason.STILL_UNCLEAR: "补正后的申请仍未写明所需文件的名称、文号或其他特征性描述。",
}
FEE_HOW = "请持本通知到本机关政府信息公开受理窗口缴纳，或转账至示例市财政非税收入专户（账号见窗口公示）。"


@contextmanager
def _at(when: datetime):
    with mock.patch.object(timezone, "now", lambda: when):
        yield


def load(builder) -> None:
    """Add this area's demo data. ``builder`` is the demo loader's `_Builder`: its
    ``agencies``, ``homes`` and ``users`` dicts, ``rng``, ``now`` and ``log`` are there to use."""
    _Demo(builder).run()


class _Demo:
    def __init__(self, builder) -> None:
        self.b = builder
        self.rng = builder.rng
        self.now = builder.now
        self.admin = builder.users["admin"]
        self.docs = 0
        self.requests = 0

    def run(self) -> None:
        self._agency_fields()
        self._remedies()
        self._catalogue()
        self._requests()
        self._reports()
        self.b.log(f"    政府信息公开：目录条目 {self.docs} 条，申请 {self.requests} 件")

    def _agency_fields(self) -> None:
        for agency in self.b.agencies.values():
            if agency.kind != AgencyKind.VILLAGE:
                agency.disclosure_office = f"{agency.name}办公室"
                agency.email = agency.email or f"xxgk-{agency.code.lower()}@example.gov.cn"
                # The office's own window and line (条例第十二条), not the agency's switchboard.
                agency.disclosure_address = f"{agency.address or '示例市中心区人民大道1号'} 政务公开窗口"
                agency.disclosure_phone = f"0731-8{agency.pk:06d}"
                agency.disclosure_hours = "工作日 9:00-12:00，13:30-17:30"
                agency.save(
                    update_fields=[
                        "disclosure_office",
                        "email",
                        "disclosure_address",
                        "disclosure_phone",
                        "disclosure_hours",
                    ]
                )

    def _remedies(self) -> None:
        """The city government's own letters name the province and the intermediate court
        (a department's use the city defaults of docs/settings.md)."""
        agency = self.b.agencies.get("SLS-GOV")
        home = SiteHomePage.objects.filter(agency=agency).order_by("depth").first() if agency else None
        column = DisclosureIndexPage.objects.child_of(home).first() if home else None
        if column is not None:
            column.reconsideration_body, column.competent_court = "示例省人民政府", "示例市中级人民法院"
            column.save(update_fields=["reconsideration_body", "competent_court"])

    # --- catalogue ---------------------------------------------------------------------
    def _catalogue(self) -> None:
        owner = self.admin
        for code, home in self.b.homes.items():
            agency = self.b.agencies[code]
            column = DisclosureIndexPage.objects.child_of(home).first()
            if column is None:
                continue
            if agency.kind == AgencyKind.VILLAGE:
                templates = VILLAGE
            else:
                templates = TEMPLATES + EXTRA.get(agency.kind, [])
            count = max(1, round(PER_KIND[agency.kind] * self.b.scale)) if self.b.scale < 1 else PER_KIND[agency.kind]
            made: list[DisclosureDocumentPage] = []
            for i in range(count):
                category, template, kind, topic = templates[i % len(templates)]
                days_ago = self.rng.randint(3, 700)
                when = self.now - timedelta(days=days_ago, hours=self.rng.randint(0, 8))
                late = self.rng.random() < 0.05
                date_made = (
                    when - timedelta(days=self.rng.randint(35, 60) if late else self.rng.randint(1, 12))
                ).date()
                title = template.format(a=agency.short_name, y=date_made.year, n=self.rng.randint(1, 4))
                if i >= len(templates):
                    title = f"{title}（{date_made:%m月%d日}）"
                doc = self._publish(
                    column,
                    owner,
                    when,
                    title=title,
                    summary=f"{agency.name}发布{title}。",
                    date_made=date_made,
                    document_number=f"{agency.short_name[:2]}发〔{date_made.year}〕{i + 1}号"
                    if kind != DocKind.OTHER
                    else "",
                    category=category,
                    topic=topic,
                    doc_kind=kind,
                    body=f"<p>{title}。</p><p>{agency.name}依据《中华人民共和国政府信息公开条例》主动公开本信息。</p>",
                )
                made.append(doc)
            self._supersede_and_interpret(column, owner, agency, made)

    def _publish(self, column, owner, when: datetime, **fields) -> DisclosureDocumentPage:
        self.docs += 1
        doc = DisclosureDocumentPage(
            slug=f"gk{self.docs:05d}",
            draft_title=fields["title"],
            owner=owner,
            live=True,
            has_unpublished_changes=False,
            first_published_at=when,
            last_published_at=when,
            latest_revision_created_at=when,
            **fields,
        )
        column.add_child(instance=doc)
        revision = Revision.objects.create(
            content_object=doc,
            base_content_type=doc.get_base_content_type(),
            user=owner,
            content=doc.serializable_data(),
            object_str=doc.title,
            created_at=when,
        )
        Page.objects.filter(pk=doc.pk).update(latest_revision=revision, live_revision=revision)
        page_published.send(sender=DisclosureDocumentPage, instance=doc, revision=revision)
        return doc

    def _supersede_and_interpret(self, column, owner, agency, made: list[DisclosureDocumentPage]) -> None:
        normative = [d for d in made if d.doc_kind == DocKind.NORMATIVE]
        if agency.kind in (AgencyKind.CITY_GOVERNMENT, AgencyKind.DEPARTMENT) and normative:
            old = normative[0]
            when = min(self.now - timedelta(days=2), old.first_published_at + timedelta(days=200))
            new = self._publish(
                column,
                owner,
                when,
                title=f"{old.title.split('（')[0]}（修订）",
                summary=f"对{old.title}的修订。",
                date_made=(when - timedelta(days=5)).date(),
                document_number=f"{agency.short_name[:2]}发〔{when.year}〕{len(made) + 1}号",
                category=old.category,
                topic=old.topic,
                doc_kind=old.doc_kind,
                body="<p>修订后的文件全文。</p>",
            )
            DisclosureDocumentPage.objects.filter(pk=old.pk).update(
                validity=Validity.REPEALED, validity_date=new.date_made, replaced_by=new
            )
            for expired in normative[1:2]:
                DisclosureDocumentPage.objects.filter(pk=expired.pk).update(
                    validity=Validity.EXPIRED, validity_date=(self.now - timedelta(days=30)).date()
                )
        if agency.kind in (AgencyKind.CITY_GOVERNMENT, AgencyKind.DEPARTMENT):
            for policy in [d for d in made if d.category in (Category.REGULATIONS, Category.PLANS)][:2]:
                when = policy.first_published_at + timedelta(hours=2)
                self._publish(
                    column,
                    owner,
                    when,
                    title=f"《{policy.title}》政策解读",
                    summary=f"{agency.short_name}就{policy.title}答记者问。",
                    date_made=policy.date_made,
                    category=Category.INTERPRETATION,
                    topic=policy.topic,
                    doc_kind=DocKind.OTHER,
                    interprets=policy,
                    body="<p>一、出台背景。</p><p>二、主要内容。</p><p>三、适用范围。</p>",
                )

    # --- requests ------------------------------------------------------------------------
    def _clerks(self, code: str):
        users = self.b.users

        slug = next((s.slug for s in registry.ALL_AGENCIES if s.code == code), "")
        editor = users.get(f"{slug}_editor", self.admin)
        leader = users.get(f"{slug}_leader", self.admin)
        return editor, leader

    def _id_number(self) -> str:
        """A resident ID number with a real birth date and a correct check digit (GB 11643)."""
        birth = f"{self.rng.randint(1960, 2000)}{self.rng.randint(1, 12):02d}{self.rng.randint(1, 28):02d}"
        first17 = f"430102{birth}{self.rng.randint(1, 999):03d}"
        return first17 + citizen_input.id_check_digit(first17)

    def _data(self, kind: str, year: int) -> dict:
        name = self.rng.choice(NAMES)
        is_person = kind == ApplicantType.PERSON
        return {
            "applicant_type": kind,
            "name": name if is_person else ORGS[kind],
            "contact_person": "" if is_person else name,
            "id_type": IdType.ID_CARD if is_person else IdType.CREDIT_CODE,
            "id_number": self._id_number() if is_person else f"91430100MA4L{self.rng.randint(100000, 999999)}",
            "phone": f"139{self.rng.randint(10**7, 10**8 - 1)}",
            "email": f"demo{self.rng.randint(100, 999)}@example.com",
            "address": "示例市中心区人民大道100号",
            "postcode": "410000",
            "description": self.rng.choice(WANTED).format(y=year),
            "delivery_form": self.rng.choice([DeliveryForm.ELECTRONIC, DeliveryForm.PAPER]),
            "delivery_channel": self.rng.choice([DeliveryChannel.EMAIL, DeliveryChannel.POST, DeliveryChannel.ONLINE]),
        }

    def _wd_back(self, n: int) -> datetime:
        cal = calendar.current()
        day = self.now.date()
        while n > 0:
            day -= timedelta(days=1)
            if cal.is_working_day(day):
                n -= 1
        return self.now.replace(year=day.year, month=day.month, day=day.day, hour=10, minute=0)

    def _new(self, agency, when: datetime, kind=ApplicantType.PERSON, *, receive=True) -> DisclosureRequest:
        editor, _ = self._clerks(agency.code)
        with _at(when):
            req, _code = actions.disclosure_request_submit(agency=agency, data=self._data(kind, when.year))
            if receive:
                actions.disclosure_request_confirm_receipt(req=req, actor=editor)
        self.requests += 1
        req.refresh_from_db()
        return req

    def _reply(self, req, when: datetime, outcome: str, sub: str = "", text: str = "", **fields) -> None:
        editor, _ = self._clerks(req.agency.code)
        with _at(when):
            req.refresh_from_db()
            actions.disclosure_request_reply(
                req=req,
                actor=editor,
                outcome=outcome,
                sub_reason=sub,
                reply_text=text or REPLY_TEXTS.get(sub or outcome, "具体理由见上。"),
                **fields,
            )

    def _letters(self, agency, editor, leader) -> None:
        """One request for each letter the office writes besides the common outcomes
        (docs/disclosure.md “Letters and notices”): Art. 36(1), 36(5), 36(7); Art. 35's
        reasons, its longer period and a refusal for excess; the fee notice unpaid, paid
        and lapsed; the Art. 32 notice to an objecting third party; 补正后仍不明确."""
        public = self._new(agency, self._wd_back(9))
        self._reply(
            public,
            self._wd_back(7),
            Outcome.DISCLOSED,
            text="该信息已于今年3月在本机关门户网站“政府信息公开”栏目公开。",
            already_public=True,
            public_link="https://www.example.gov.cn/xxgk/fdzdgknr/ghjh/",
        )
        other = self._new(agency, self._wd_back(9))
        self._reply(
            other,
            self._wd_back(6),
            Outcome.UNAVAILABLE,
            SubReason.NOT_HELD,
            text="经检索，本机关未制作或获取该规划批复，该信息由规划主管部门制作并保存。",
            responsible_agency="示例市自然资源和规划局",
            responsible_contact="0731-88886666（政府信息公开工作机构），示例市中心区人民大道200号",
        )
        query = self._new(agency, self._wd_back(9))
        self._reply(
            query,
            self._wd_back(5),
            Outcome.REFUSED,
            SubReason.ADMIN_QUERY,
            text="您申请的是不动产登记资料，请依照《不动产登记资料查询暂行办法》向不动产登记机构申请查询。",
        )
        delayed = self._new(agency, self._wd_back(12), ApplicantType.RESEARCH)
        with _at(self._wd_back(10)):
            actions.disclosure_request_require_reasons(req=delayed, actor=editor, note="本月已提出申请60余件")
        with _at(self._wd_back(3)):
            actions.disclosure_request_delay(
                req=delayed, actor=leader, days=30, reason="申请理由合理，所涉档案120卷需逐卷检索"
            )
        excessive = self._new(agency, self._wd_back(28))
        with _at(self._wd_back(26)):
            actions.disclosure_request_require_reasons(req=excessive, actor=editor)
        self._reply(excessive, self._wd_back(8), Outcome.NOT_PROCESSED, SubReason.EXCESSIVE)
        unpaid = self._new(agency, self._wd_back(7), ApplicantType.BUSINESS)
        with _at(self._wd_back(5)):
            actions.disclosure_request_fee_notice(req=unpaid, actor=editor, method="volume", quantity=160, how=FEE_HOW)
        paid = self._new(agency, self._wd_back(15), ApplicantType.LEGAL_SERVICE)
        with _at(self._wd_back(13)):
            actions.disclosure_request_fee_notice(req=paid, actor=editor, method="volume", quantity=80, how=FEE_HOW)
        with _at(self._wd_back(10)):
            paid.refresh_from_db()
            actions.disclosure_request_fee_paid(req=paid, actor=editor)
        self._reply(paid, self._wd_back(4), Outcome.DISCLOSED, text="所申请的80页档案复制件已邮寄，请查收。")
        lapsed = self._new(agency, self._wd_back(33))
        with _at(self._wd_back(31)):
            actions.disclosure_request_fee_notice(req=lapsed, actor=editor, method="volume", quantity=45, how=FEE_HOW)
        with _at(self._wd_back(9).replace(hour=2)):
            actions.disclosure_requests_sweep()
        objected = self._new(agency, self._wd_back(25), ApplicantType.PUBLIC_INTEREST)
        with _at(self._wd_back(23)):
            actions.disclosure_request_consult(req=objected, actor=editor, party="示例市恒达建设工程有限公司")
        with _at(self._wd_back(16)):
            actions.disclosure_request_consult_end(
                req=objected, actor=editor, opinion="涉及商业秘密，不同意公开。", objects=True
            )
        with _at(self._wd_back(14)):
            actions.disclosure_request_third_party_notice(
                req=objected,
                actor=editor,
                content="该项目环境影响评价报告中的污染物排放数据",
                reason="排放数据关系周边居民健康，不公开会对公共利益造成重大影响",
            )
        self._reply(objected, self._wd_back(12), Outcome.DISCLOSED, text="现将污染物排放数据提供给您。")
        unclear = self._new(agency, self._wd_back(20))
        with _at(self._wd_back(19)):
            actions.disclosure_request_correction_notice(req=unclear, actor=editor, items="请写明所需文件的名称或文号")
        with _at(self._wd_back(17)):
            actions.disclosure_request_correct(
                req=unclear, actor=None, actor_kind="citizen", description="就是关于那条路的文件。"
            )
        self._reply(unclear, self._wd_back(11), Outcome.UNAVAILABLE, SubReason.STILL_UNCLEAR)

    def _requests(self) -> None:
        codes = ["SLS-GOV", "SLS-JYJ", "SLS-WJW", "SLS-X-QS", "SLS-ZJJ", "SLS-CZJ"]
        if self.b.scale < 0.5:  # the small demo of the tests: the structure, quickly
            codes = codes[:2]
        agencies = [self.b.agencies[c] for c in codes if c in self.b.agencies]
        kinds = list(ApplicantType)
        outcomes = [
            (o, s)
            for o, s in [
                (Outcome.DISCLOSED, ""),
                (Outcome.DISCLOSED, ""),
                (Outcome.PARTIAL, ""),
                (Outcome.REFUSED, SubReason.THIRD_PARTY),
                (Outcome.REFUSED, SubReason.PROCESS),
                (Outcome.UNAVAILABLE, SubReason.NOT_HELD),
                (Outcome.UNAVAILABLE, SubReason.NEW_MAKING),
                (Outcome.NOT_PROCESSED, SubReason.REPEAT),
                (Outcome.NOT_PROCESSED, SubReason.PUBLICATION),
            ]
        ]
        last_year = self.now.year - 1
        # last year: replied, some carried over into this year
        for agency in agencies:
            for i in range(8):
                received = datetime(last_year, 1 + i * 3 // 2, 5 + i, 10, 0, tzinfo=self.now.tzinfo)
                req = self._new(agency, received, kinds[i % len(kinds)])
                outcome, sub = outcomes[(i + len(agency.code)) % len(outcomes)]
                self._reply(req, received + timedelta(days=14), outcome, sub)
            carried = self._new(agency, datetime(last_year, 12, 24, 10, 0, tzinfo=self.now.tzinfo))
            self._reply(carried, datetime(self.now.year, 1, 12, 10, 0, tzinfo=self.now.tzinfo), Outcome.DISCLOSED)
        # this year, every state
        for n, agency in enumerate(agencies):
            editor, leader = self._clerks(agency.code)
            self._new(agency, self.now - timedelta(hours=3 + n), receive=False)  # awaiting confirmation
            self._new(agency, self._wd_back(4 + n), kinds[n % len(kinds)])  # in progress, on time
            self._new(agency, self._wd_back(18))  # warning
            self._new(agency, self._wd_back(24 + n))  # overdue (yellow / red)
            corr = self._new(agency, self._wd_back(5))
            with _at(self._wd_back(3)):
                actions.disclosure_request_correction_notice(
                    req=corr, actor=editor, items="请写明所需信息的文件名称或文号；请提供身份证明复印件"
                )
            cons = self._new(agency, self._wd_back(10), ApplicantType.BUSINESS)
            with _at(self._wd_back(6)):
                actions.disclosure_request_consult(req=cons, actor=editor, party="示例市恒达建设工程有限公司（第三方）")
            with _at(self._wd_back(4)):  # the letter was signed for: its 15 WD run from then
                actions.disclosure_request_consult_served(req=cons, actor=editor, served_on=self._wd_back(5).date())
            ext = self._new(agency, self._wd_back(19), ApplicantType.LEGAL_SERVICE)
            with _at(self._wd_back(2)):
                actions.disclosure_request_extend(
                    req=ext, actor=leader, days=15, reason="需调取历史档案并征求相关科室意见"
                )
            for i, (outcome, sub) in enumerate(outcomes[:5]):
                req = self._new(agency, self._wd_back(30 + 3 * i), kinds[(i + n) % len(kinds)])
                self._reply(req, self._wd_back(12 + 3 * i), outcome, sub)
                if i == 0:
                    with _at(self._wd_back(10)):
                        actions.disclosure_request_archive(req=req, actor=editor)
            # Answered late: it keeps its due date, 7 WD late and its red card (超期答复).
            late = self._new(agency, self._wd_back(33), kinds[n % len(kinds)])
            with _at(self._wd_back(8)):
                cases_sweep_overdue(today=self._wd_back(8).date())
            self._reply(late, self._wd_back(6), Outcome.DISCLOSED)
            # Handed in at the window two days before the clerk registered it.
            with _at(self._wd_back(7)):
                actions.disclosure_request_register(
                    actor=editor,
                    agency=agency,
                    data=self._data(ApplicantType.PERSON, self.now.year),
                    channel=Channel.IN_PERSON,
                    received_on=self._wd_back(9).date(),
                )
                self.requests += 1
            # An online request confirmed after the 1-WD limit, with the reason on record.
            slow = self._new(agency, self._wd_back(7), receive=False)
            with _at(self._wd_back(4)):
                actions.disclosure_request_confirm_receipt(
                    req=slow,
                    actor=editor,
                    received_on=self._wd_back(4).date(),
                    late_reason="网上申请系统故障，恢复后确认",
                )
            lapsed = self._new(agency, self._wd_back(40))
            with _at(self._wd_back(38)):
                actions.disclosure_request_correction_notice(req=lapsed, actor=editor, items="请说明所需信息的具体名称")
            with _at(self._wd_back(20)):
                actions.disclosure_requests_sweep()
            if n == 0:
                self._letters(agency, editor, leader)
                petition = self._new(agency, self._wd_back(8))
                self._reply(petition, self._wd_back(6), Outcome.NOT_PROCESSED, SubReason.PETITION)
                with _at(self._wd_back(6)):
                    actions.disclosure_request_handoff_to_mailbox(req=petition, actor=editor)

        cases_sweep_overdue(today=self.now.date())

    # --- annual reports -----------------------------------------------------------------
    def _reports(self) -> None:
        year = self.now.year - 1
        texts = {
            "overview": f"{year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
            "围绕中心工作深化重点领域信息公开，依法做好依申请公开工作，政府信息公开工作取得新成效。",
            "problems": "一是政策解读形式还不够丰富；二是部分栏目更新不够及时。下一步将加强培训，完善发布审核机制。",
            "other_matters": "本年度未收取信息处理费。",
        }
        for code in ("SLS-GOV", "SLS-JYJ", "SLS-WJW"):
            agency = self.b.agencies.get(code)
            if agency is None:
                continue
            _editor, leader = self._clerks(code)
            with _at(datetime(self.now.year, 1, 20, 10, 0, tzinfo=self.now.tzinfo)):
                report = actions.annual_report_save(
                    agency=agency,
                    year=year,
                    actor=leader,
                    data={
                        **texts,
                        "licensing_decisions": self.rng.randint(50, 400),
                        "penalty_decisions": self.rng.randint(5, 80),
                        "compulsory_decisions": self.rng.randint(0, 10),
                        "fees_amount": "0",
                        "litigation": {
                            "reconsideration": {
                                "upheld": self.rng.randint(0, 2),
                                "corrected": 0,
                                "other": 0,
                                "pending": 0,
                            },
                            "litigation_direct": {
                                "upheld": self.rng.randint(0, 1),
                                "corrected": 0,
                                "other": 0,
                                "pending": 0,
                            },
                            "litigation_after": {"upheld": 0, "corrected": 0, "other": 0, "pending": 0},
                        },
                    },
                )
                actions.annual_report_publish(report=report, actor=leader)
