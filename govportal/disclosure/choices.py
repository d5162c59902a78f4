"""The statutory vocabularies of 政府信息公开, shared by the catalogue, the requests and the
annual report (STANDARDS §1; 《政府信息公开条例》2019, 国办公开办函〔2021〕30号).

The outcome/sub-reason taxonomy is the one of Table 3 of the annual report: a reply records
one `Outcome` and, where the table has rows below it, one `SubReason`; the report counts
replies by exactly these values.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from govportal.core.models import AgencyKind


class Category(models.TextChoices):
    """法定主动公开内容 — Art. 20 (every agency), Art. 21 (cities/counties, townships), 村务公开."""

    REGULATIONS = "a20_01", _("规章和规范性文件")
    ORGANISATION = "a20_02", _("机构职能")
    PLANS = "a20_03", _("规划计划和政策")
    STATISTICS = "a20_04", _("统计信息")
    LICENSING = "a20_05", _("行政许可和其他对外管理服务事项")
    PENALTIES = "a20_06", _("行政处罚和行政强制")
    BUDGETS = "a20_07", _("财政预算决算")
    FEES = "a20_08", _("行政事业性收费")
    PROCUREMENT = "a20_09", _("政府集中采购")
    CONSTRUCTION = "a20_10", _("重大建设项目")
    LIVELIHOOD = "a20_11", _("扶贫、教育、医疗、社会保障、促进就业")
    EMERGENCY = "a20_12", _("突发公共事件应急预案和预警信息")
    INSPECTIONS = "a20_13", _("环境保护、公共卫生、安全生产、食品药品、产品质量监督检查")
    RECRUITMENT = "a20_14", _("公务员招考录用")
    OTHER_BY_LAW = "a20_15", _("法律法规规定应当公开的其他政府信息")
    # Art. 21, cities and counties
    MUNICIPAL = "a21_c1", _("市政建设")
    PUBLIC_SERVICE = "a21_c2", _("公共服务")
    PUBLIC_WELFARE = "a21_c3", _("公益事业")
    EXPROPRIATION = "a21_c4", _("土地征收和房屋征收")
    PUBLIC_ORDER = "a21_c5", _("治安管理")
    SOCIAL_ASSISTANCE = "a21_c6", _("社会救助")
    # Art. 21, townships
    RURAL_POLICY = "a21_t1", _("贯彻落实农业农村政策")
    FARMLAND_WATER = "a21_t2", _("农田水利工程建设运营")
    LAND_CONTRACT = "a21_t3", _("农村土地承包经营权流转")
    HOMESTEAD = "a21_t4", _("宅基地使用情况审核")
    TOWN_EXPROPRIATION = "a21_t5", _("土地征收")
    FUNDRAISING = "a21_t6", _("筹资筹劳")
    TOWN_ASSISTANCE = "a21_t7", _("社会救助")
    VILLAGE_AFFAIRS = "village", _("村务公开")
    # Columns of the 政府信息公开 layout that are not Art. 20/21 items
    SYSTEM = "system", _("政府信息公开制度")
    INTERPRETATION = "interpretation", _("政策解读")


ART20 = [c for c in Category if c.value.startswith("a20_")]
ART21_CITY = [c for c in Category if c.value.startswith("a21_c")]
ART21_TOWNSHIP = [c for c in Category if c.value.startswith("a21_t")]


def categories_for(kind: str) -> list[Category]:
    """The categories an agency of ``kind`` discloses (its catalogue's browse list)."""
    if kind == AgencyKind.VILLAGE:
        return [Category.VILLAGE_AFFAIRS]
    cats = list(ART20)
    if kind == AgencyKind.CITY_GOVERNMENT:
        cats += ART21_CITY
    elif kind == AgencyKind.TOWNSHIP:
        cats += ART21_TOWNSHIP
    return [*cats, Category.INTERPRETATION, Category.SYSTEM]


class Topic(models.TextChoices):
    """主题分类 — the State Council's topic classification; the value is the topic code
    used by the ``{topic}`` segment of index numbers."""

    GENERAL = "01", _("综合政务")
    ECONOMY = "02", _("国民经济管理、国有资产监管")
    FINANCE = "03", _("财政、金融、审计")
    LAND = "04", _("国土资源、能源")
    AGRICULTURE = "05", _("农业、林业、水利")
    INDUSTRY = "06", _("工业、交通")
    COMMERCE = "07", _("商贸、海关、旅游")
    MARKET = "08", _("市场监管、安全生产监管")
    CONSTRUCTION = "09", _("城乡建设、环境保护")
    SCIENCE = "10", _("科技、教育")
    CULTURE = "11", _("文化、广电、新闻出版")
    HEALTH = "12", _("卫生、体育")
    POPULATION = "13", _("人口与计划生育、妇女儿童工作")
    LABOUR = "14", _("劳动、人事、监察")
    PUBLIC_SECURITY = "15", _("公安、安全、司法")
    CIVIL_AFFAIRS = "16", _("民政、扶贫、救灾")
    ETHNIC = "17", _("民族、宗教")
    FOREIGN = "18", _("对外事务")
    HK_MACAO_TAIWAN = "19", _("港澳台侨工作")
    DEFENCE = "20", _("国防")
    OTHER = "21", _("其他")


class DocKind(models.TextChoices):
    """What the annual report's Table 2 counts under Art. 20 (1)."""

    RULE = "rule", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")
    OTHER = "other", _("其他")


class Validity(models.TextChoices):
    IN_FORCE = "in_force", _("现行有效")
    AMENDED = "amended", _("已修改")
    REPEALED = "repealed", _("已废止")
    EXPIRED = "expired", _("已失效")


SUPERSEDED = {Validity.AMENDED, Validity.REPEALED, Validity.EXPIRED}


class ApplicantType(models.TextChoices):
    """Table 3's columns: a natural person and the five kinds of organisation."""

    PERSON = "person", _("自然人")
    BUSINESS = "business", _("商业企业")
    RESEARCH = "research", _("科研机构")
    PUBLIC_INTEREST = "public_interest", _("社会公益组织")
    LEGAL_SERVICE = "legal_service", _("法律服务机构")
    OTHER_ORG = "other_org", _("其他组织")


class IdType(models.TextChoices):
    ID_CARD = "id_card", _("居民身份证")
    PASSPORT = "passport", _("护照")
    HMT_PERMIT = "hmt_permit", _("港澳台居民居住证/通行证")
    CREDIT_CODE = "credit_code", _("统一社会信用代码")
    OTHER = "other", _("其他证件")


class Channel(models.TextChoices):
    """How a request arrived — decides its receipt date (Art. 31)."""

    ONLINE = "online", _("网上申请")
    IN_PERSON = "in_person", _("当面提交")
    REGISTERED_POST = "registered_post", _("挂号信/邮政特快专递")
    ORDINARY_POST = "ordinary_post", _("平常信函")
    FAX = "fax", _("传真")


class DeliveryForm(models.TextChoices):
    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子文档")
    OTHER = "other", _("其他")


class DeliveryChannel(models.TextChoices):
    POST = "post", _("邮寄")
    EMAIL = "email", _("电子邮件")
    PICKUP = "pickup", _("当面领取")
    ONLINE = "online", _("网上获取")


class Outcome(models.TextChoices):
    DISCLOSED = "disclosed", _("予以公开")
    PARTIAL = "partial", _("部分公开")
    REFUSED = "refused", _("不予公开")
    UNAVAILABLE = "unavailable", _("无法提供")
    NOT_PROCESSED = "not_processed", _("不予处理")
    OTHER = "other", _("其他处理")


class SubReason(models.TextChoices):
    # 不予公开
    STATE_SECRET = "state_secret", _("属于国家秘密")
    OTHER_LAW = "other_law", _("其他法律行政法规禁止公开")
    THREE_SECURITIES = "three_securities", _("危及“三安全一稳定”")
    THIRD_PARTY = "third_party", _("保护第三方合法权益")
    INTERNAL = "internal", _("属于三类内部事务信息")
    PROCESS = "process", _("属于四类过程性信息")
    ENFORCEMENT_FILE = "enforcement_file", _("属于行政执法案卷")
    ADMIN_QUERY = "admin_query", _("属于行政查询事项")
    # 无法提供
    NOT_HELD = "not_held", _("本机关不掌握相关政府信息")
    NEW_MAKING = "new_making", _("没有现成信息需要另行制作")
    STILL_UNCLEAR = "still_unclear", _("补正后申请内容仍不明确")
    # 不予处理
    PETITION = "petition", _("信访举报投诉类申请")
    REPEAT = "repeat", _("重复申请")
    PUBLICATION = "publication", _("要求提供公开出版物")
    EXCESSIVE = "excessive", _("无正当理由大量反复申请")
    CONFIRM = "confirm", _("要求行政机关确认或重新出具已获取信息")
    # 其他处理
    NO_CORRECTION = "no_correction", _("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
    FEE_UNPAID = "fee_unpaid", _("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")
    OTHER = "other", _("其他")


SUB_REASONS: dict[str, list[SubReason]] = {
    Outcome.DISCLOSED: [],
    Outcome.PARTIAL: [],
    Outcome.REFUSED: [
        SubReason.STATE_SECRET,
        SubReason.OTHER_LAW,
        SubReason.THREE_SECURITIES,
        SubReason.THIRD_PARTY,
        SubReason.INTERNAL,
        SubReason.PROCESS,
        SubReason.ENFORCEMENT_FILE,
        SubReason.ADMIN_QUERY,
    ],
    Outcome.UNAVAILABLE: [SubReason.NOT_HELD, SubReason.NEW_MAKING, SubReason.STILL_UNCLEAR],
    Outcome.NOT_PROCESSED: [
        SubReason.PETITION,
        SubReason.REPEAT,
        SubReason.PUBLICATION,
        SubReason.EXCESSIVE,
        SubReason.CONFIRM,
    ],
    Outcome.OTHER: [SubReason.NO_CORRECTION, SubReason.FEE_UNPAID, SubReason.OTHER],
}


def report_rows() -> list[tuple[str, str, str]]:
    """Table 3's outcome rows in order: (outcome, sub_reason or "", label)."""
    rows = []
    numerals = "一二三四五六"
    for i, outcome in enumerate(Outcome):
        rows.append((outcome.value, "", f"（{numerals[i]}）{outcome.label}"))
        for j, sub in enumerate(SUB_REASONS[outcome], start=1):
            rows.append((outcome.value, sub.value, f"{j}.{sub.label}"))
    return rows


class NoticeKind(models.TextChoices):
    """The written notices of a request besides the decision letter (告知书), each numbered
    in its own yearly series of the agency (`actions.NOTICE_NUMBERS`)."""

    CORRECTION = "correction", _("补正告知书")  # Art. 30
    EXTENSION = "extension", _("延期答复告知书")  # Art. 33
    CONSULTATION = "consultation", _("征求意见函")  # Arts. 32, 34 — to the third party
    THIRD_PARTY = "third_party", _("第三方告知书")  # Art. 32 — disclosing over its objection
    LAPSE = "lapse", _("终止办理告知书")  # Art. 30 / 国办函〔2020〕109号: 视为放弃申请
    REASONS = "reasons", _("说明理由通知书")  # Art. 35
    DELAY = "delay", _("延迟答复告知书")  # Art. 35
    FEE = "fee", _("信息处理费收费通知书")  # Art. 42, 国办函〔2020〕109号


# Notices addressed to a third party (printed and posted by the office; the applicant's
# lookup does not list them).
THIRD_PARTY_NOTICES = frozenset({NoticeKind.CONSULTATION, NoticeKind.THIRD_PARTY})

NOTICE_SERIES_MARK = {
    NoticeKind.CORRECTION: "依申补",
    NoticeKind.EXTENSION: "依申延",
    NoticeKind.CONSULTATION: "依申征",
    NoticeKind.THIRD_PARTY: "依申三",
    NoticeKind.LAPSE: "依申终",
    NoticeKind.REASONS: "依申理",
    NoticeKind.DELAY: "依申迟",
    NoticeKind.FEE: "依申费",
}


class FeeMethod(models.TextChoices):
    """国办函〔2020〕109号 第三条: by piece or by volume, one of them per request."""

    PIECE = "piece", _("按件计收")
    VOLUME = "volume", _("按量计收")


# The legal basis a decision letter cites, per outcome and sub-reason (《条例》 articles).
# A key (outcome, "") is the outcome without a sub-reason; two outcomes depend on a
# field: 予以公开 of information already public cites Art. 36(1) (with the link), and
# 本机关不掌握 where another agency is responsible cites Art. 36(5) (with its name and
# contact) instead of Art. 36(4).
LEGAL_BASIS: dict[tuple[str, str], str] = {
    (Outcome.DISCLOSED, ""): "第三十六条第（二）项",
    (Outcome.PARTIAL, ""): "第三十六条第（二）项、第（三）项和第三十七条",
    (Outcome.REFUSED, SubReason.STATE_SECRET): "第十四条和第三十六条第（三）项",
    (Outcome.REFUSED, SubReason.OTHER_LAW): "第十四条和第三十六条第（三）项",
    (Outcome.REFUSED, SubReason.THREE_SECURITIES): "第十四条和第三十六条第（三）项",
    (Outcome.REFUSED, SubReason.THIRD_PARTY): "第十五条、第三十二条和第三十六条第（三）项",
    (Outcome.REFUSED, SubReason.INTERNAL): "第十六条第一款和第三十六条第（三）项",
    (Outcome.REFUSED, SubReason.PROCESS): "第十六条第二款和第三十六条第（三）项",
    (Outcome.REFUSED, SubReason.ENFORCEMENT_FILE): "第十六条第二款和第三十六条第（三）项",
    (Outcome.REFUSED, SubReason.ADMIN_QUERY): "第三十六条第（七）项",
    (Outcome.UNAVAILABLE, SubReason.NOT_HELD): "第三十六条第（四）项",
    (Outcome.UNAVAILABLE, SubReason.NEW_MAKING): "第三十八条",
    (Outcome.UNAVAILABLE, SubReason.STILL_UNCLEAR): "第三十条",
    (Outcome.NOT_PROCESSED, SubReason.PETITION): "第三十九条第一款",
    (Outcome.NOT_PROCESSED, SubReason.REPEAT): "第三十六条第（六）项",
    (Outcome.NOT_PROCESSED, SubReason.PUBLICATION): "第三十九条第二款",
    (Outcome.NOT_PROCESSED, SubReason.EXCESSIVE): "第三十五条",
    (Outcome.NOT_PROCESSED, SubReason.CONFIRM): "第三十八条",
    (Outcome.OTHER, SubReason.NO_CORRECTION): "第三十条",
    (Outcome.OTHER, SubReason.FEE_UNPAID): "第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
    (Outcome.OTHER, SubReason.OTHER): "",
}
ALREADY_PUBLIC_BASIS = "第三十六条第（一）项"
OTHER_AGENCY_BASIS = "第三十六条第（五）项"

# Sub-reasons that depend on an earlier step of the request: the event that must be in its
# history before the sub-reason can be chosen (and the message when it is not).
STEP_DEPENDENT: dict[str, tuple[str, object]] = {
    SubReason.STILL_UNCLEAR: ("correct", _("只有申请人补正之后，才能以“补正后申请内容仍不明确”答复")),
    SubReason.NO_CORRECTION: ("correction_lapsed", _("只有补正期限届满申请人未补正的，才能以“逾期不补正”终止")),
    SubReason.FEE_UNPAID: ("fee_lapsed", _("只有收费通知的缴费期限届满未缴费的，才能以“逾期未缴费”终止")),
    SubReason.EXCESSIVE: (
        "require_reasons",
        _("只有先要求申请人说明理由（《条例》第三十五条），才能以“无正当理由大量反复申请”不予处理"),
    ),
}
