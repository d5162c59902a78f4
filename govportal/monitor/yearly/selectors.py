"""Reads of the yearly reports: the admin list, one report's rows, the public listing."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from govportal.cluster.models import SiteHomePage
from govportal.monitor import access
from govportal.monitor.yearly.form import ROWS, Row
from govportal.monitor.yearly.models import ReportStatus, YearlyReport, YearlyReportEdit


@dataclass(frozen=True)
class Line:
    row: Row
    value: str
    computed: str | None
    source: str
    reason: str
    edited_by: str
    edited_at: object

    @property
    def overridden(self) -> bool:
        return self.computed is not None and bool(self.reason)


def reports_for(user) -> QuerySet[YearlyReport]:
    return access.reports_visible(user, YearlyReport.objects.select_related("site", "agency")).order_by(
        "-year", "site__path"
    )


def report_for(user, pk: int) -> YearlyReport:
    return access.report_for(user, YearlyReport.objects.select_related("site", "agency"), pk)


def sites_for(user) -> QuerySet[SiteHomePage]:
    """The live sites whose reports the user may generate (office: all; staff: own agency's)."""
    return access.sites_visible(user, SiteHomePage.objects.live().select_related("agency")).order_by("path")


def lines(report: YearlyReport) -> list[Line]:
    stored = {v.key: v for v in report.values.select_related("edited_by")}
    out = []
    for row in ROWS:
        v = stored.get(row.key)
        if v is None:
            out.append(Line(row, "", None, "", "", "", None))
            continue
        who = (v.edited_by.get_full_name() or v.edited_by.get_username()) if v.edited_by else ""
        out.append(Line(row, v.value, v.computed, v.source, v.reason, who, v.edited_at))
    return out


def grouped(report: YearlyReport) -> list[tuple[str, list[Line]]]:
    out: list[tuple[str, list[Line]]] = []
    for line in lines(report):
        if out and out[-1][0] == line.row.group:
            out[-1][1].append(line)
        else:
            out.append((line.row.group, [line]))
    return out


def history(report: YearlyReport) -> list[tuple[YearlyReportEdit, str]]:
    """The latest changes, each with the label of its row ("" for generate/check/publish)."""
    from govportal.monitor.yearly.form import BY_KEY

    out = []
    for edit in report.edits.select_related("actor")[:200]:
        row = BY_KEY.get(edit.key)
        out.append((edit, f"{row.group} · {row.label}" if row and row.group else (row.label if row else "")))
    return out


def published_reports(site: SiteHomePage) -> QuerySet[YearlyReport]:
    return YearlyReport.objects.filter(site=site, status=ReportStatus.PUBLISHED).order_by("-year")


def published_report(site: SiteHomePage, year: int) -> YearlyReport | None:
    return published_reports(site).filter(year=year).first()
