"""Admin views of the 监管 dashboards (监管总览, 建设目标, 网上可办率, 回复时间) and their .xlsx
exports. For the information office and supervisors (``access.may_see_dashboards``); anyone
else gets 404. Read-only: the goals are edited in their own model screens (information office
only). Bad filter input answers 400 with the reason in Chinese."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govportal.core import xlsx
from govportal.core.errors import InvalidInput
from govportal.monitor import access, dashboards

TEMPLATES = "monitor/dashboards/"


def _guard(request) -> None:
    if not access.may_see_dashboards(request.user):
        raise Http404


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=xlsx.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _bad_input(request, template: str, context: dict, exc: InvalidInput) -> TemplateResponse:
    return TemplateResponse(request, TEMPLATES + template, {**context, "error": exc.message}, status=400)


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


# --- 监管总览 ------------------------------------------------------------------------------


def overview(request):
    _guard(request)
    goals = dashboards.goal_progress()
    rates = dashboards.online_licensing()
    replies = dashboards.reply_times(by="mailbox", period=dashboards.parse_period("year", ""))
    return TemplateResponse(
        request,
        TEMPLATES + "overview.html",
        {
            "sites": _site_states(request.user),
            "more": [
                (label, url)
                for label, url in (
                    (_("监测状态"), _url("monitor_state:index")),
                    (_("链接检查"), _url("monitor_links:index")),
                    (_("错敏词巡检"), _url("monitor_wording:sweep")),
                    (_("年度报表"), _url("monitor_yearly_admin:index")),
                )
                if url
            ],
            "goals": goals,
            "goals_behind": [g for g in goals if not g.reached],
            "rates": rates,
            "below_first": [r for r in rates.rows if r.level == 0],
            "replies": replies,
            "may_edit_goals": access.may_edit_goals(request.user),
        },
    )


def _site_states(user) -> dict:
    """The self-check at a glance: how many sites are vetoed, in alarm or losing points, and
    which (the worst first), from the stored results of the runner (``monitor.selectors``)."""
    from govportal.monitor import selectors
    from govportal.monitor.indicators import State

    rank = {State.VETO: 2, State.ALARM: 1}
    sites = list(selectors.sites_for(user))
    results = selectors.results_by_site(sites)
    worst = []
    for site in sites:
        found = {r.state for r in results.get(site.pk, {}).values()} & {State.VETO, State.ALARM}
        if found:
            state = State.VETO if State.VETO in found else State.ALARM
            worst.append((rank[state], site.title, site, state.label))
    worst.sort(key=lambda w: (-w[0], w[1]))
    return {
        "total": len(sites),
        "veto": sum(1 for w in worst if w[0] == rank[State.VETO]),
        "alarm": sum(1 for w in worst if w[0] == rank[State.ALARM]),
        "worst": [
            {"title": title, "state": label, "url": _url("monitor_state:site", site.pk)}
            for _g, title, site, label in worst[:10]
        ],
    }


# --- 建设目标 ----------------------------------------------------------------------------

GOAL_HEADER = ["建设目标", "单位类型", "达标条件", "目标比例（%）", "完成期限", "已完成", "应完成", "完成比例（%）",
               "是否达标", "期限状态", "未完成单位"]  # fmt: skip


def goals(request):
    _guard(request)
    return TemplateResponse(
        request,
        TEMPLATES + "goals.html",
        {
            "goals": dashboards.goal_progress(),
            "may_edit_goals": access.may_edit_goals(request.user),
            "goals_admin": _url("monitor_goals:index"),
            "registry": _url("agencies:index"),
        },
    )


def goals_export(request):
    _guard(request)
    rows = (
        [
            str(p.goal),
            p.goal.get_agency_kind_display(),
            p.goal.get_requirement_display(),
            p.goal.target_percent,
            p.goal.deadline.isoformat(),
            p.done,
            p.total,
            p.share_percent,
            "是" if p.reached else "否",
            p.status,
            "、".join(a.name for a in p.missing),
        ]
        for p in dashboards.goal_progress()
    )
    today = timezone.localdate()
    data = xlsx.sheet_bytes(
        title="建设目标",
        caption=f"网站建设目标完成情况（截至 {today:%Y-%m-%d}）",
        header=GOAL_HEADER,
        rows=rows,
        widths=[26, 12, 24, 10, 12, 8, 8, 12, 8, 12, 60],
    )
    return _xlsx(data, f"goals-{today:%Y%m%d}.xlsx")


# --- 网上可办率 ----------------------------------------------------------------------------


def _rate_header(rep) -> list[str]:
    targets = [f"是否达到{label}（{pct}%）" for label, pct in rep.target_items]
    y1, y2 = rep.years
    return ["部门", "网上可办许可事项数", "行政许可事项数", "网上可办率（%）", *targets,
            f"{y1}年计划网上可办数", f"{y1}年推进措施", f"{y2}年计划网上可办数", f"{y2}年推进措施"]  # fmt: skip


def licensing(request):
    _guard(request)
    context = {"sorts": dashboards.SORT_LABELS, "sort": request.GET.get("sort", "")}
    try:
        sort = dashboards.parse_sort(request.GET.get("sort", ""))
    except InvalidInput as exc:
        return _bad_input(request, "licensing.html", context, exc)
    rep = dashboards.online_licensing(sort=sort)
    return TemplateResponse(
        request,
        TEMPLATES + "licensing.html",
        {**context, "sort": sort, "report": rep, "plans_url": str(rep.plan.url) if rep.plan else ""},
    )


def licensing_export(request):
    _guard(request)
    rep = dashboards.online_licensing(sort=dashboards.parse_sort(request.GET.get("sort", "")))
    y1, y2 = rep.years

    def plan_cells(entry):
        return [entry.planned, entry.measures] if entry else [None, ""]

    rows = (
        [
            r.name,
            r.numerator,
            r.denominator,
            r.rate_percent,
            *["是" if ok else "否" for ok in r.reached],
            *plan_cells(r.plan(y1)),
            *plan_cells(r.plan(y2)),
        ]
        for r in rep.rows
    )
    targets = "、".join(f"{dashboards.percent(t)}%" for t in rep.targets)
    data = xlsx.sheet_bytes(
        title="网上可办率",
        caption=f"{y1}年各部门行政许可事项网上可办率（目标：{targets}）",
        header=_rate_header(rep),
        rows=rows,
        widths=[28, 10, 10, 12, 14, 14, 12, 40, 12, 40],
    )
    return _xlsx(data, f"online-licensing-{y1}.xlsx")


# --- 回复时间 ----------------------------------------------------------------------------

REPLY_HEADER = ["信箱/承办单位", "收信数", "已答复", "按期答复", "超期答复", "平均答复用时（工作日）", "按期答复率（%）",
                "办理中", "超期未答复"]  # fmt: skip


def _reply_report(request):
    period = dashboards.parse_period(request.GET.get("period", ""), request.GET.get("year", "").strip())
    return dashboards.reply_times(by=request.GET.get("by", "") or "mailbox", period=period)


def replies(request):
    _guard(request)
    context = {
        "period": request.GET.get("period", "") or "year",
        "year": request.GET.get("year", ""),
        "by": request.GET.get("by", "") or "mailbox",
        "this_year": timezone.localdate().year,
    }
    try:
        rep = _reply_report(request)
    except InvalidInput as exc:
        return _bad_input(request, "replies.html", context, exc)
    return TemplateResponse(request, TEMPLATES + "replies.html", {**context, "report": rep})


def replies_export(request):
    _guard(request)
    rep = _reply_report(request)
    rows = [
        [
            r.name,
            f.received,
            f.answered,
            f.answered_on_time,
            f.answered_late,
            f.average_working_days,
            f.on_time_rate,
            f.open,
            f.open_overdue,
        ]  # fmt: skip
        for r, f in ((r, r.figures) for r in rep.rows)
    ]
    t = rep.total
    rows.append(["合计", t.received, t.answered, t.answered_on_time, t.answered_late, t.average_working_days,
                 t.on_time_rate, t.open, t.open_overdue])  # fmt: skip
    data = xlsx.sheet_bytes(
        title="互动回复时间",
        caption=f"互动交流来信答复情况（{rep.period.label}，{'按信箱' if rep.by == 'mailbox' else '按承办单位'}）",
        header=REPLY_HEADER,
        rows=rows,
        widths=[28, 8, 8, 8, 8, 14, 12, 8, 10],
    )
    return _xlsx(data, f"replies-{rep.by}-{rep.period.start:%Y%m%d}-{rep.period.end:%Y%m%d}.xlsx")


urlpatterns = [
    path("", overview, name="overview"),
    path("goals/", goals, name="goals"),
    path("goals/export.xlsx", goals_export, name="goals_export"),
    path("licensing/", licensing, name="licensing"),
    path("licensing/export.xlsx", licensing_export, name="licensing_export"),
    path("replies/", replies, name="replies"),
    path("replies/export.xlsx", replies_export, name="replies_export"),
]
