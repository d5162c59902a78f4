"""Demo: 政府网站工作年度报表 — last year's reports generated from the demo's records and
published (the portal, two departments and a township), with the rows only the agency
knows filled in; this year's draft for the education bureau (docs/supervision.md)."""

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
        actions.yearly_report_publish(actor=admin, report=report)
    actions.yearly_report_generate(actor=admin, site=builder.homes[DRAFT], year=builder.now.year)
