"""The rows of the national form 《政府网站工作年度报表》, in order, and where each value comes
from. The form is the one the State Council's notice on the yearly reports circulated
(国办函〔2018〕12号, implementing 国办发〔2017〕47号 《政府网站发展指引》).

Every row has a ``key`` (stored with its value), a ``label`` as printed, the ``group`` heading
it sits under (merged in the xlsx and the table), a ``kind`` (how it is entered and shown) and
a ``source``:

- ``site:<field>`` — the site registry (cluster.SiteHomePage and its registry page);
- ``cluster:<what>`` — counted from the cluster's own pages (articles per column type, 专题);
- ``figure:<key>`` — a number an area declares (``cluster.supervision.register_yearly_figure``);
- ``ratio:<a>/<b>`` or ``sum:<a>+<b>…`` or ``any:<key>`` — derived from other computed values;
- ``""`` — entered by the agency (what the system cannot know: visits, security, new media,
  innovation, the people who filled in the form).

Computed rows are checked against their sources (核对); a person may change one only with a
reason. Derived-from-entered rows (``total:``) are recalculated on every save.
"""

from __future__ import annotations

from dataclasses import dataclass

INT, DECIMAL, BOOL, TEXT, DATE = "int", "decimal", "bool", "text", "date"


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    group: str = ""
    kind: str = INT
    source: str = ""
    unit: str = ""
    default: str = ""  # an entered row's value in a new report (what the platform itself provides)

    @property
    def computed(self) -> bool:
        return bool(self.source) and not self.source.startswith("total:")

    @property
    def derived_total(self) -> bool:
        return self.source.startswith("total:")

    @property
    def entered(self) -> bool:
        return not self.source


G_INFO = "信息发布（条）"
G_TOPICS = "专栏专题（个）"
G_INTERP = "政策解读（条）"
G_SERVICE = "办事服务"
G_APPS = "办事服务 · 办件量（件）"
G_INTERACT = "互动交流"
G_LETTERS = "互动交流 · 留言办理"
G_SURVEYS = "互动交流 · 征集调查（期）"
G_INTERVIEWS = "互动交流 · 在线访谈（期）"
G_SECURITY = "安全防护（次）"
G_MEDIA = "移动新媒体"
G_WEIBO = "移动新媒体 · 微博"
G_WECHAT = "移动新媒体 · 微信"
G_INNOVATION = "创新发展"
G_FILLED = "填报信息"

ROWS: tuple[Row, ...] = (
    Row("site_name", "网站名称", kind=TEXT, source="site:title"),
    Row("home_url", "首页网址", kind=TEXT, source="site:url"),
    Row("host_unit", "主办单位", kind=TEXT, source="site:host_unit"),
    Row("site_type", "网站类型", kind=TEXT, source="site:type"),
    Row("site_code", "政府网站标识码", kind=TEXT, source="site:site_code"),
    Row("icp_record", "ICP备案号", kind=TEXT, source="site:icp_record"),
    Row("psb_record", "公安机关备案号", kind=TEXT, source="site:psb_record"),
    Row("unique_visitors", "独立用户访问总量", unit="个"),
    Row("total_visits", "网站总访问量", unit="次"),
    Row("info_total", "总数", G_INFO, source="cluster:info_total"),
    Row("info_overview", "概况类信息更新量", G_INFO, source="cluster:info_overview"),
    Row("info_news", "政务动态信息更新量", G_INFO, source="cluster:info_news"),
    Row("info_catalogue", "信息公开目录信息更新量", G_INFO, source="figure:disclosure.catalogue_entries"),
    Row("topics_maintained", "维护数量", G_TOPICS, source="cluster:topics_maintained"),
    Row("topics_new", "新开设数量", G_TOPICS, source="cluster:topics_new"),
    Row("interp_total", "总数", G_INTERP, source="total:interp_materials+interp_products+interp_media"),
    Row("interp_materials", "解读材料数量", G_INTERP, source="figure:disclosure.interpretations"),
    Row("interp_products", "解读产品数量", G_INTERP),
    Row("interp_media", "媒体评论文章数量", G_INTERP),
    Row("hot_responses", "回应公众关注热点或重大舆情数量", unit="次"),
    Row("service_catalogue", "是否发布服务事项目录", G_SERVICE, kind=BOOL, source="any:servicehall.items"),
    Row("registered_users", "注册用户数", G_SERVICE, unit="个"),
    Row("service_items", "政务服务事项数量", G_SERVICE, source="figure:servicehall.items", unit="项"),
    Row(
        "service_items_online",
        "可全程在线办理政务服务事项数量",
        G_SERVICE,
        source="figure:servicehall.items_fully_online",
        unit="项",
    ),
    Row("apps_total", "总数", G_APPS, source="figure:servicehall.applications"),
    Row("apps_natural", "自然人办件量", G_APPS, source="figure:servicehall.applications_natural"),
    Row("apps_legal", "法人办件量", G_APPS, source="figure:servicehall.applications_legal"),
    Row("unified_platform", "是否使用统一平台", G_INTERACT, kind=BOOL, source="site:unified_platform"),
    Row("letters_received", "收到留言数量", G_LETTERS, source="figure:interaction.letters_received", unit="条"),
    Row("letters_closed", "办结留言数量", G_LETTERS, source="figure:interaction.letters_closed", unit="条"),
    Row(
        "letters_avg_days",
        "平均办理时间",
        G_LETTERS,
        kind=DECIMAL,
        source="ratio:interaction.letters_close_days/interaction.letters_closed",
        unit="天",
    ),
    Row("letters_published", "公开答复数量", G_LETTERS, source="figure:interaction.letters_published", unit="条"),
    Row("surveys_held", "征集调查期数", G_SURVEYS, source="figure:participation.held"),
    Row("surveys_opinions", "收到意见数量", G_SURVEYS, source="figure:participation.opinions", unit="条"),
    Row("surveys_results", "公布调查结果期数", G_SURVEYS, source="figure:participation.results_published"),
    Row("interviews_held", "访谈期数", G_INTERVIEWS, source="figure:interviews.held"),
    Row("interviews_questions", "网民留言数量", G_INTERVIEWS, source="figure:interviews.questions", unit="条"),
    Row("interviews_answered", "答复网民提问数量", G_INTERVIEWS, source="figure:interviews.answered", unit="条"),
    Row("smart_qa", "是否提供智能问答", kind=BOOL),
    Row("security_checks", "安全检测评估次数", G_SECURITY),
    Row("security_problems", "发现问题数量", G_SECURITY),
    Row("security_fixed", "问题整改数量", G_SECURITY),
    Row("security_monitoring", "是否建立安全监测预警机制", G_SECURITY, kind=BOOL, default="是"),
    Row("security_drills", "是否开展应急演练", G_SECURITY, kind=BOOL),
    Row("security_owner", "是否明确网站安全责任人", G_SECURITY, kind=BOOL),
    Row("media_has", "是否有移动新媒体", G_MEDIA, kind=BOOL),
    Row("weibo_name", "名称", G_WEIBO, kind=TEXT),
    Row("weibo_posts", "信息发布量", G_WEIBO),
    Row("weibo_followers", "关注量", G_WEIBO),
    Row("wechat_name", "名称", G_WECHAT, kind=TEXT),
    Row("wechat_posts", "信息发布量", G_WECHAT),
    Row("wechat_subscribers", "订阅数", G_WECHAT),
    Row("media_other", "其他", G_MEDIA, kind=TEXT),
    Row("innov_search", "搜索即服务", G_INNOVATION, kind=BOOL, default="是"),
    Row("innov_languages", "多语言版本", G_INNOVATION, kind=BOOL),
    Row("innov_accessible", "无障碍浏览", G_INNOVATION, kind=BOOL, default="是"),
    Row("innov_personal", "千人千网", G_INNOVATION, kind=BOOL),
    Row("innov_other", "其他", G_INNOVATION, kind=TEXT),
    Row("unit_name", "单位名称", G_FILLED, kind=TEXT, source="site:agency_name"),
    Row("head", "负责人", G_FILLED, kind=TEXT),
    Row("reviewer", "审核人", G_FILLED, kind=TEXT),
    Row("filler", "填报人", G_FILLED, kind=TEXT),
    Row("phone", "联系电话", G_FILLED, kind=TEXT),
    Row("filled_on", "填报日期", G_FILLED, kind=DATE),
)

BY_KEY: dict[str, Row] = {r.key: r for r in ROWS}


def groups() -> list[tuple[str, list[Row]]]:
    """The rows in order, consecutive rows of one heading together (the merged cells)."""
    out: list[tuple[str, list[Row]]] = []
    for row in ROWS:
        if out and out[-1][0] == row.group:
            out[-1][1].append(row)
        else:
            out.append((row.group, [row]))
    return out
