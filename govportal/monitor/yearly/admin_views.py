"""年度报表 — the staff screens of the yearly website reports in the Wagtail admin.

- the list: the reports the user may see (the information office and supervisors: every
  site's; staff: their agency's sites'), and generating a year's reports for the user's sites
  (one or all);
- one report: every row of the form with its value, the system's count and its source, the
  override reasons, the history; the form to change values (a computed figure needs a
  reason), 核对 (the differences with the sources), 发布, and the xlsx.

Every report is fetched through `access.report_for` (another agency's: 404) before anything
else; every write is one action; an application error becomes a message with its 4xx status.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.admin import messages

from govportal.core.citizen_input import parse_int
from govportal.core.errors import GovPortalError
from govportal.monitor import access
from govportal.monitor.yearly import actions, export, selectors
from govportal.monitor.yearly.form import BOOL, DATE, DECIMAL, INT, ROWS


def _years() -> list[int]:
    this = timezone.localdate().year
    return list(range(this, max(2017, this - 5) - 1, -1))


def index(request):
    if not access.may_use_reports(request.user):
        raise Http404
    status = request.GET.get("status", "")
    year = parse_int(request.GET.get("year"), minimum=2017, maximum=9999)
    reports = selectors.reports_for(request.user)
    if status in ("draft", "published"):
        reports = reports.filter(status=status)
    if year:
        reports = reports.filter(year=year)
    sites = [s for s in selectors.sites_for(request.user) if access.may_work_on_report(request.user, s.agency_id)]
    context = {
        "reports": reports[:500],
        "sites": sites,
        "years": _years(),
        "default_year": timezone.localdate().year - 1,
        "status": status,
        "year": year,
    }
    return TemplateResponse(request, "monitor/yearly/admin/index.html", context)


def generate(request):
    if not access.may_use_reports(request.user):
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    year = parse_int(request.POST.get("year"), minimum=2017, maximum=9999)
    if year is None:
        return _error(request, _("请选择年度"))
    try:
        actions.check_year(year)
    except GovPortalError as exc:
        return _error(request, exc.message, status=exc.status_code)
    sites = [s for s in selectors.sites_for(request.user) if access.may_work_on_report(request.user, s.agency_id)]
    raw = request.POST.get("site", "")
    if raw:
        pk = parse_int(raw, minimum=1)
        sites = [s for s in sites if s.pk == pk]
        if not sites:
            raise Http404
    if not sites:
        return _error(request, _("没有可以生成年度报表的网站"))
    done, skipped = [], []
    for site in sites:
        try:
            done.append(actions.yearly_report_generate(actor=request.user, site=site, year=year))
        except GovPortalError as exc:
            if len(sites) == 1:
                return _error(request, exc.message, status=exc.status_code)
            skipped.append(site.title)
    messages.success(request, _("已生成 %(n)s 个网站的%(year)s年度报表") % {"n": len(done), "year": year})
    if skipped:
        messages.warning(request, _("已发布、未重新生成：%(sites)s") % {"sites": "、".join(skipped)})
    if len(done) == 1:
        return redirect("monitor_yearly_admin:report", done[0].pk)
    return redirect("monitor_yearly_admin:index")


def _error(request, message: str, status: int = 400):
    response = TemplateResponse(request, "monitor/yearly/admin/error.html", {"message": message})
    response.status_code = status
    return response


def _context(request, report, **extra) -> dict:
    return {
        "report": report,
        "groups": selectors.grouped(report),
        "history": selectors.history(report),
        "may_work": access.may_work_on_report(request.user, report.agency_id) and not report.is_published,
        "BOOL": BOOL,
        "INT": INT,
        "DECIMAL": DECIMAL,
        "DATE": DATE,
        **extra,
    }


def report(request, pk: int):
    report = selectors.report_for(request.user, pk)
    return TemplateResponse(request, "monitor/yearly/admin/report.html", _context(request, report))


def edit(request, pk: int):
    report = selectors.report_for(request.user, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    values, reasons = {}, {}
    for row in ROWS:
        if row.derived_total:
            continue
        if row.key in request.POST:
            values[row.key] = request.POST.get(row.key, "")
        reason = request.POST.get(f"reason_{row.key}", "")
        if reason:
            reasons[row.key] = reason
    try:
        changed = actions.yearly_report_edit(actor=request.user, report=report, values=values, reasons=reasons)
    except GovPortalError as exc:
        messages.error(request, exc.message)
        response = TemplateResponse(
            request, "monitor/yearly/admin/report.html", _context(request, report, posted=request.POST)
        )
        response.status_code = exc.status_code
        return response
    messages.success(request, _("已保存 %(n)s 项修改") % {"n": len(changed)})
    return redirect("monitor_yearly_admin:report", report.pk)


def check(request, pk: int):
    report = selectors.report_for(request.user, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        diffs = actions.yearly_report_check(actor=request.user, report=report)
    except GovPortalError as exc:
        return _error(request, exc.message, status=exc.status_code)
    report.refresh_from_db()
    return TemplateResponse(
        request, "monitor/yearly/admin/report.html", _context(request, report, checked=True, diffs=diffs)
    )


def publish(request, pk: int):
    report = selectors.report_for(request.user, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        actions.yearly_report_publish(actor=request.user, report=report)
    except GovPortalError as exc:
        messages.error(request, exc.message)
        report.refresh_from_db()
        diffs = actions.report_differences(report, store=False)
        response = TemplateResponse(
            request, "monitor/yearly/admin/report.html", _context(request, report, checked=True, diffs=diffs)
        )
        response.status_code = exc.status_code
        return response
    messages.success(request, _("年度报表已发布，公众可在网站页脚的“网站年度报表”中查看"))
    return redirect("monitor_yearly_admin:report", report.pk)


def xlsx(request, pk: int):
    report = selectors.report_for(request.user, pk)
    response = HttpResponse(export.report_xlsx(report), content_type=export.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="nianbao-{report.site_id}-{report.year}.xlsx"'
    return response


urlpatterns = [
    path("", index, name="index"),
    path("generate/", generate, name="generate"),
    path("<int:pk>/", report, name="report"),
    path("<int:pk>/edit/", edit, name="edit"),
    path("<int:pk>/check/", check, name="check"),
    path("<int:pk>/publish/", publish, name="publish"),
    path("<int:pk>/xlsx/", xlsx, name="xlsx"),
]
