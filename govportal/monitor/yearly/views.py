"""The public pages of the yearly reports, mounted at /nianbao/ (config/urls.py): a site's
published reports by year, one report as an accessible table, and its xlsx. Reached from
the 网站年度报表 link in every page's footer (`publishing.py`); rendered in that site's
chrome. Drafts are never shown: an unknown site, year or draft is a 404."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from govportal.cluster.models import SiteHomePage
from govportal.monitor.yearly import export, selectors


def _site(site_id: int) -> SiteHomePage:
    site = SiteHomePage.objects.live().public().select_related("agency").filter(pk=site_id).first()
    if site is None:
        raise Http404
    return site


def site_reports(request, site_id: int):
    site = _site(site_id)
    reports = list(selectors.published_reports(site))
    latest = reports[0] if reports else None
    context = {
        "page": site,
        "site": site,
        "reports": reports,
        "report": latest,
        "groups": selectors.grouped(latest) if latest else [],
        "page_title": _("网站年度报表"),
    }
    return TemplateResponse(request, "monitor/yearly/site_reports.html", context)


def report_detail(request, site_id: int, year: int):
    site = _site(site_id)
    report = selectors.published_report(site, year)
    if report is None:
        raise Http404
    context = {
        "page": site,
        "site": site,
        "report": report,
        "reports": list(selectors.published_reports(site)),
        "groups": selectors.grouped(report),
        "page_title": export.title_of(report),
    }
    return TemplateResponse(request, "monitor/yearly/report.html", context)


def report_xlsx(request, site_id: int, year: int):
    site = _site(site_id)
    report = selectors.published_report(site, year)
    if report is None:
        raise Http404
    response = HttpResponse(export.report_xlsx(report), content_type=export.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="nianbao-{site.pk}-{year}.xlsx"'
    return response
