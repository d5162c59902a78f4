"""监测状态 — the admin screens of the self-check (网站监管 submenu): every site the user may see
× every indicator, with its state in words and colour, the countdown to the veto, filters by
state and site kind and an .xlsx export; one site's indicators with their findings, history
and latest probes, and "检测" (run the checks of the site now).

Thin: sites come through `selectors` scoped by `access` (another agency's site is a 404), the
one write is the runner (`checks.check_site`)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem

from govportal.cluster.models import SiteKind
from govportal.core import xlsx
from govportal.core.errors import NotFound
from govportal.monitor import access, checks, selectors
from govportal.monitor.indicators import State, indicators
from govportal.monitor.models import IndicatorResult

# Colours go with the words, never instead of them (GB/T 37668): the state's text is in the cell.
STATE_STYLE = {
    State.OK: "background:#e6f4ea;color:#14532d",
    State.ALARM: "background:#fff4ce;color:#713f12",
    State.VETO: "background:#fde2e1;color:#7f1d1d;font-weight:bold",
    State.DEDUCT: "background:#fde9d9;color:#7c2d12",
    State.UNKNOWN: "background:#f1f1f1;color:#333",
}


def countdown(veto_at: datetime | None, state: str, now: datetime) -> str:
    """ "距否决还有 N 天" from the result's ``veto_at`` (whole days, rounded up); nothing once
    the site is vetoed or when no date can be known."""
    if veto_at is None or state == State.VETO:
        return ""
    seconds = (veto_at - now).total_seconds()
    if seconds <= 0:
        return _("已到否决时间，待下次检测")
    return _("距否决还有 %(n)s 天") % {"n": math.ceil(seconds / 86400)}


@dataclass
class Cell:
    indicator_key: str
    applies: bool
    result: IndicatorResult | None
    countdown: str = ""

    @property
    def state(self) -> str:
        return self.result.state if self.result else State.UNKNOWN

    @property
    def label(self) -> str:
        if not self.applies:
            return _("不适用")
        return str(State(self.state).label)

    @property
    def style(self) -> str:
        return STATE_STYLE.get(self.state, "") if self.applies else ""


def _require_menu(request) -> None:
    if not access.may_use_monitor(request.user):
        raise Http404


def _rows(request, sites, now) -> list[dict]:
    found = selectors.results_by_site(sites)
    shown = indicators()
    rows = []
    for site in sites:
        results = found.get(site.pk, {})
        cells = []
        for ind in shown:
            result = results.get(ind.key)
            cell = Cell(ind.key, ind.applies_to(site), result)
            if result is not None and result.state == State.ALARM:
                # In the table only where it matters: an alarm is the time left to act.
                cell.countdown = countdown(result.veto_at, result.state, now)
            cells.append(cell)
        rows.append({"site": site, "cells": cells})
    return rows


def _filters(request) -> tuple[str, str]:
    state, kind = request.GET.get("state", ""), request.GET.get("kind", "")
    if (state and state not in State.values) or (kind and kind not in SiteKind.values):
        raise ValueError
    return state, kind


def _filtered_rows(request, now):
    state, kind = _filters(request)
    sites = list(selectors.sites_for(request.user, kind=kind))
    rows = _rows(request, sites, now)
    if state:
        rows = [r for r in rows if any(c.applies and c.state == state for c in r["cells"])]
    return rows, state, kind


def index(request):
    _require_menu(request)
    now = timezone.now()
    try:
        rows, state, kind = _filtered_rows(request, now)
    except ValueError:
        return HttpResponseBadRequest(
            _("筛选条件无效：请从列表中选择状态和网站类型。"), content_type="text/plain; charset=utf-8"
        )
    return TemplateResponse(
        request,
        "monitor/admin/state_index.html",
        {
            "rows": rows,
            "indicators": indicators(),
            "states": State.choices,
            "kinds": SiteKind.choices,
            "state": state,
            "kind": kind,
            "styles": STATE_STYLE,
            "query": request.GET.urlencode(),
        },
    )


def export(request):
    _require_menu(request)
    now = timezone.now()
    try:
        rows, _state, _kind = _filtered_rows(request, now)
    except ValueError:
        return HttpResponseBadRequest(
            _("筛选条件无效：请从列表中选择状态和网站类型。"), content_type="text/plain; charset=utf-8"
        )
    shown = indicators()
    header = [_("网站"), _("网站类型"), _("所属单位")] + [str(i.label) for i in shown]

    def cell_text(cell: Cell) -> str:
        if not cell.applies or cell.result is None:
            return cell.label
        parts = [cell.label, cell.result.summary, cell.countdown]
        return "；".join(p for p in parts if p)

    data = xlsx.sheet_bytes(
        title=_("网站监测状态"),
        caption=_("网站监测状态（导出时间 %(t)s）") % {"t": timezone.localtime(now).strftime("%Y-%m-%d %H:%M")},
        header=header,
        rows=(
            [r["site"].title, r["site"].get_kind_display(), r["site"].agency.name] + [cell_text(c) for c in r["cells"]]
            for r in rows
        ),
        widths=[24, 14, 24] + [40] * len(shown),
    )
    response = HttpResponse(data, content_type=xlsx.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="monitor-{timezone.localdate():%Y%m%d}.xlsx"'
    return response


def _site(request, pk: int):
    _require_menu(request)
    try:
        return selectors.site_for(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def site(request, pk: int):
    home = _site(request, pk)
    now = timezone.now()
    results = selectors.site_results(home)
    parts = []
    for ind in indicators():
        if not ind.applies_to(home):
            continue
        result = results.get(ind.key)
        parts.append(
            {
                "indicator": ind,
                "result": result,
                "state_label": State(result.state).label if result else State.UNKNOWN.label,
                "style": STATE_STYLE[State(result.state)] if result else STATE_STYLE[State.UNKNOWN],
                "countdown": countdown(result.veto_at, result.state, now) if result else "",
            }
        )
    labels = {i.key: i.label for i in indicators()}
    history = [
        {
            "change": c,
            "label": labels.get(c.indicator, c.indicator),
            "old": State(c.old_state).label,
            "new": State(c.new_state).label,
        }
        for c in selectors.site_history(home)
    ]
    return TemplateResponse(
        request,
        "monitor/admin/state_site.html",
        {
            "home": home,
            "parts": parts,
            "history": history,
            "probes": selectors.recent_probes(home),
            "may_recheck": access.may_recheck(request.user, home),
        },
    )


def recheck(request, pk: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    home = _site(request, pk)
    if not access.may_recheck(request.user, home):
        raise Http404
    checks.check_site(home, actor=request.user)
    messages.success(request, _("已重新检测“%(site)s”。") % {"site": home.title})
    return redirect("monitor_state:site", pk=home.pk)


urlpatterns = [
    path("", index, name="index"),
    path("export.xlsx", export, name="export"),
    path("sites/<int:pk>/", site, name="site"),
    path("sites/<int:pk>/check/", recheck, name="check"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("monitor/state/", include((urlpatterns, "monitor_state"), namespace="monitor_state"))]


class StateMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_use_monitor(request.user)


@hooks.register("register_monitor_menu_item")
def register_state_menu_item():
    return StateMenuItem(gettext_lazy("监测状态"), reverse("monitor_state:index"), icon_name="pick", order=100)
