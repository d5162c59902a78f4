"""Demo: 政府网站工作年度报表 — last year's reports generated from the demo's records and
published (the portal, two departments and a township), with the rows only the agency
knows filled in; this year's draft for the education bureau (docs/supervision.md).

The demo city moved onto GovPortal this year, so most of last year's letters, applications,
surveys and interviews were kept by the old platform: where the system counted nothing for
last year, the agency entered the old platform's figure with that reason — the way a city
migrating to GovPortal fills its first report (the 核对 lists each such row with its reason)."""

from __future__ import annotations

from govportal.demo import registry
from govportal.monitor.yearly import actions

PUBLISHED = [registry.CITY_GOVERNMENT_CODE, "SLS-JYJ", "SLS-WJW", "SLS-X-QS"]
DRAFT = "SLS-JYJ"

# What the agencies fill in — plausible for a city portal, scaled down for the others.
_ENTERED = {
    "unique_visitors": 1286540,
    "total_visits": 5832117,
    "interp_products": 46,
    "interp_media": 18,
    "hot_responses": 12,
    "registered_users": 85320,
    "weibo_posts": 1630,
    "weibo_followers": 214500,
    "wechat_posts": 1175,
    "wechat_subscribers": 326800,
    "security_checks": 12,
    "security_problems": 9,
    "security_fixed": 9,
}


# Last year's figures of the old platform (the portal's; scaled down for the others).
_MIGRATED = {
    "info_overview": 320,
    "info_catalogue": 1460,
    "topics_maintained": 6,
    "topics_new": 2,
    "interp_materials": 38,
    "service_items": 1268,
    "service_items_online": 842,
    "apps_natural": 152300,
    "apps_legal": 34100,
    "letters_received": 2315,
    "letters_closed": 2298,
    "letters_published": 1870,
    "surveys_held": 9,
    "surveys_opinions": 1342,
    "surveys_results": 7,
    "interviews_held": 12,
    "interviews_questions": 486,
    "interviews_answered": 471,
}
MIGRATED_REASON = "本平台于2026年启用，2025年数据取自原网站群平台的年度统计"


def _migrated(report, scale: float) -> tuple[dict[str, str], dict[str, str]]:
    """The old platform's figures for the rows the system counted as nothing."""
    computed = {v.key: v.computed for v in report.values.all()}
    values: dict[str, str] = {}
    for key, base in _MIGRATED.items():
        if computed.get(key) in ("0", "", None):
            values[key] = str(max(round(base * scale), 1))
    if "apps_natural" in values or "apps_legal" in values:
        natural = int(values.get("apps_natural", computed.get("apps_natural") or 0))
        legal = int(values.get("apps_legal", computed.get("apps_legal") or 0))
        values["apps_total"] = str(natural + legal)
    if "letters_closed" in values:
        values["letters_avg_days"] = "4.6"
    if computed.get("service_catalogue") == "否" and "service_items" in values:
        values["service_catalogue"] = "是"
    added = sum(int(values[k]) - int(computed.get(k) or 0) for k in ("info_overview", "info_catalogue") if k in values)
    if added:
        values["info_total"] = str(int(computed.get("info_total") or 0) + added)
    return values, {key: MIGRATED_REASON for key, value in values.items() if value != computed.get(key)}


def _entered(home, builder, scale: float) -> dict[str, str]:
    agency = home.agency
    values = {
        key: str(max(int(value * scale), 1 if key.startswith("security") else 0)) for key, value in _ENTERED.items()
    }
    values["security_fixed"] = values["security_problems"]
    values.update(
        {
            "smart_qa": "是" if scale == 1 else "否",
            "security_drills": "是",
            "security_owner": "是",
            "media_has": "是",
            "weibo_name": f"@{agency.short_name}发布",
            "wechat_name": f"{agency.short_name}发布",
            "media_other": "今日头条号" if scale == 1 else "",
            "innov_languages": "否",
            "innov_personal": "否",
            "head": agency.head or "张明",
            "reviewer": "李华",
            "filler": "王晓红",
            "phone": agency.phone,
            "filled_on": f"{builder.now.year}-01-20",
        }
    )
    return values


def load(builder) -> None:
    admin = builder.users["admin"]
    last_year = builder.now.year - 1
    for n, code in enumerate(PUBLISHED):
        home = builder.homes[code]
        report = actions.yearly_report_generate(actor=admin, site=home, year=last_year)
        scale = 1 if n == 0 else 0.08 if home.kind == "department" else 0.03
        actions.yearly_report_edit(actor=admin, report=report, values=_entered(home, builder, scale))
        migrated, reasons = _migrated(report, scale)
        actions.yearly_report_edit(actor=admin, report=report, values=migrated, reasons=reasons)
        actions.yearly_report_publish(actor=admin, report=report)
    actions.yearly_report_generate(actor=admin, site=builder.homes[DRAFT], year=builder.now.year)
