"""Every write of the yearly reports: generate (and refresh), edit, check (核对), publish,
and the reminder before the 31 January deadline.

- ``yearly_report_generate``: creates the site's report for the year, or refreshes a draft:
  every computed row takes the fresh count, except a figure a person changed (it keeps the
  person's value and reason, and its ``computed`` moves to the fresh count); entered rows
  are left alone (a new report starts them at the form's defaults).
- ``yearly_report_edit``: changes values; a computed figure set to anything but what the
  system counted needs a reason; setting it back to the count drops the override. Every
  change is logged (who, what, old → new, why, when).
- ``yearly_report_check`` (核对): counts every computed row again and lists where the report
  differs from its sources: an override (shown with its reason) or an unexplained one (the
  records changed since the report was made).
- ``yearly_report_publish``: checks, and refuses while an unexplained difference remains.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govportal.cluster.models import SiteHomePage, SiteKind
from govportal.core.citizen_input import parse_int, strip_controls, to_half_width
from govportal.core.errors import Conflict, InvalidInput, NotAllowed
from govportal.core.models import User
from govportal.core.outbox.actions import outbox_put
from govportal.monitor import access
from govportal.monitor.yearly import sources
from govportal.monitor.yearly.form import BOOL, BY_KEY, DATE, DECIMAL, INT, ROWS, TEXT, Row
from govportal.monitor.yearly.models import ReportStatus, YearlyReport, YearlyReportEdit, YearlyReportValue

MAX_TEXT = 200
MAX_REASON = 500
YES, NO = sources.YES, sources.NO


@dataclass(frozen=True)
class Difference:
    key: str
    label: str
    value: str  # what the report says
    fresh: str  # what the sources say now
    reason: str  # the override's reason; "" = unexplained
    source: str

    @property
    def explained(self) -> bool:
        return bool(self.reason)


def row_title(row: Row) -> str:
    return f"{row.group} · {row.label}" if row.group else row.label


def _guard(actor, report_or_agency_id) -> None:
    agency_id = report_or_agency_id.agency_id if isinstance(report_or_agency_id, YearlyReport) else report_or_agency_id
    if not access.may_work_on_report(actor, agency_id):
        raise NotAllowed(_("只有市信息办和本单位工作人员可以编辑本网站的年度报表"))


def check_year(year: int) -> None:
    current = timezone.localdate().year
    if not (2017 <= year <= current):
        raise InvalidInput(_("年度须在2017年至%(year)s年之间") % {"year": current}, field="year")


def _log(report, key, old, new, reason, actor, kind="edit", now=None) -> None:
    YearlyReportEdit.objects.create(
        report=report, key=key, old=old, new=new, reason=reason, actor=actor, at=now or timezone.now(), kind=kind
    )


def _recalc_totals(report: YearlyReport, values: dict[str, YearlyReportValue]) -> None:
    for row in ROWS:
        if not row.derived_total:
            continue
        total = 0
        for key in row.source.partition(":")[2].split("+"):
            total += parse_int(values[key].value) or 0 if key in values else 0
        v = values[row.key]
        if v.value != str(total):
            v.value = str(total)
            v.save(update_fields=["value"])


@transaction.atomic
def yearly_report_generate(*, actor: User | None, site: SiteHomePage, year: int) -> YearlyReport:
    if actor is not None:
        _guard(actor, site.agency_id)
    check_year(year)
    now = timezone.now()
    report = YearlyReport.objects.select_for_update().filter(site=site, year=year).first()
    if report is not None and report.is_published:
        raise Conflict(_("%(year)s年度报表已发布，不能重新生成") % {"year": year})
    if report is None:
        report = YearlyReport.objects.create(site=site, agency_id=site.agency_id, year=year, generated_at=now)
    else:
        report.generated_at = now
        report.agency_id = site.agency_id
        report.save(update_fields=["generated_at", "agency", "updated_at"])
    fresh = sources.compute(site, year)
    values = {v.key: v for v in report.values.all()}
    for row in ROWS:
        v = values.get(row.key)
        if row.computed:
            c = fresh[row.key]
            if v is None:
                values[row.key] = YearlyReportValue.objects.create(
                    report=report, key=row.key, value=c.value, computed=c.value, source=c.source
                )
            else:
                if not v.overridden:
                    v.value = c.value
                v.computed, v.source = c.value, c.source
                if v.value == v.computed:
                    v.reason = ""
                v.save(update_fields=["value", "computed", "source", "reason"])
        elif v is None:
            values[row.key] = YearlyReportValue.objects.create(
                report=report, key=row.key, value=row.default, computed=None, source=""
            )
    _recalc_totals(report, values)
    _log(report, "", "", "", "", actor, kind="generate", now=now)
    return report


def clean_value(row: Row, raw) -> str:
    """The stored text of an entered value, or InvalidInput with a Chinese message."""
    text = strip_controls(to_half_width(str(raw or ""))).strip()
    title = row_title(row)
    if len(text) > MAX_TEXT:
        raise InvalidInput(_("“%(row)s”不能超过%(n)s个字") % {"row": title, "n": MAX_TEXT}, field=row.key)
    if text == "" or row.kind == TEXT:
        return text
    if row.kind == INT:
        number = parse_int(text.replace(",", ""), minimum=0)
        if number is None:
            raise InvalidInput(_("“%(row)s”须为不小于0的整数") % {"row": title}, field=row.key)
        return str(number)
    if row.kind == DECIMAL:
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or number < 0 or number > 100000:
            raise InvalidInput(_("“%(row)s”须为不小于0的数字") % {"row": title}, field=row.key)
        return str(number.quantize(Decimal("0.1")))
    if row.kind == BOOL:
        if text not in (YES, NO):
            raise InvalidInput(_("“%(row)s”请选择“是”或“否”") % {"row": title}, field=row.key)
        return text
    if row.kind == DATE:
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise InvalidInput(_("“%(row)s”须为日期，格式如 2026-01-20") % {"row": title}, field=row.key) from None
    return text


@transaction.atomic
def yearly_report_edit(
    *, actor: User, report: YearlyReport, values: dict[str, str], reasons: dict[str, str] | None = None
) -> list[str]:
    """Change the given rows; ``reasons`` by row key (needed for a computed figure set to a
    value other than the count). Returns the keys changed."""
    _guard(actor, report)
    report = YearlyReport.objects.select_for_update().get(pk=report.pk)
    if report.is_published:
        raise Conflict(_("年度报表已发布，不能修改"))
    reasons = reasons or {}
    stored = {v.key: v for v in report.values.all()}
    now = timezone.now()
    changed = []
    for key, raw in values.items():
        row = BY_KEY.get(key)
        if row is None or row.derived_total:
            raise InvalidInput(_("报表中没有可填写的“%(key)s”项") % {"key": key[:40]})
        new = clean_value(row, raw)
        v = stored[key]
        reason = strip_controls(str(reasons.get(key, "") or "")).strip()
        if len(reason) > MAX_REASON:
            raise InvalidInput(_("修改理由不能超过%(n)s个字") % {"n": MAX_REASON}, field=f"reason_{key}")
        overrides = v.is_computed and new != v.computed
        if new == v.value and not (overrides and reason and reason != v.reason):
            continue
        if overrides and not reason:
            raise InvalidInput(
                _("“%(row)s”是系统统计的数字（%(computed)s），改为%(new)s须填写理由")
                % {"row": row_title(row), "computed": v.computed, "new": new or _("空")},
                field=f"reason_{key}",
            )
        old = v.value
        v.value = new
        v.reason = reason if overrides else ""
        v.edited_by, v.edited_at = actor, now
        v.save(update_fields=["value", "reason", "edited_by", "edited_at"])
        _log(report, key, old, new, reason, actor, now=now)
        changed.append(key)
    _recalc_totals(report, stored)
    if changed:
        report.save(update_fields=["updated_at"])
    return changed


def report_differences(report: YearlyReport, *, store: bool) -> list[Difference]:
    """The computed rows whose value differs from a fresh count; with ``store`` the fresh
    counts are kept as the rows' ``computed`` (a draft only)."""
    fresh = sources.compute(report.site, report.year)
    out = []
    for v in report.values.all():
        row = BY_KEY.get(v.key)
        if row is None or not row.computed:
            continue
        c = fresh[v.key]
        if store and (v.computed != c.value or v.source != c.source):
            v.computed, v.source = c.value, c.source
            v.save(update_fields=["computed", "source"])
        if v.value != c.value:
            out.append(Difference(v.key, row_title(row), v.value, c.value, v.reason, c.source))
    order = {r.key: i for i, r in enumerate(ROWS)}
    return sorted(out, key=lambda d: order[d.key])


@transaction.atomic
def yearly_report_check(*, actor: User, report: YearlyReport) -> list[Difference]:
    """核对: every computed row counted again; the differences with the report's values.
    A figure nobody changed but whose source moved stays as it is (and is unexplained) until
    the report is generated again or a person gives the reason to keep it."""
    _guard(actor, report)
    report = YearlyReport.objects.select_for_update().get(pk=report.pk)
    diffs = report_differences(report, store=not report.is_published)
    report.checked_at = timezone.now()
    report.save(update_fields=["checked_at", "updated_at"])
    _log(report, "", "", str(len(diffs)), "", actor, kind="check", now=report.checked_at)
    return diffs


@transaction.atomic
def yearly_report_publish(*, actor: User, report: YearlyReport) -> YearlyReport:
    _guard(actor, report)
    report = YearlyReport.objects.select_for_update().get(pk=report.pk)
    if report.is_published:
        raise Conflict(_("年度报表已发布"))
    unexplained = [d for d in report_differences(report, store=True) if not d.explained]
    if unexplained:
        listed = "；".join(f"{d.label}：报表 {d.value or '空'}，系统 {d.fresh}" for d in unexplained[:5])
        raise Conflict(
            _("核对发现%(n)s处与数据来源不一致且未说明理由，不能发布（%(list)s）。请重新生成或填写理由。")
            % {"n": len(unexplained), "list": listed}
        )
    now = timezone.now()
    report.status = ReportStatus.PUBLISHED
    report.published_at, report.published_by, report.checked_at = now, actor, now
    report.save(update_fields=["status", "published_at", "published_by", "checked_at", "updated_at"])
    _log(report, "", "", "", "", actor, kind="publish", now=now)
    return report


# --- The reminder before 31 January -----------------------------------------------------------


def deadline(year: int) -> date:
    """The report of ``year`` is due on the home page by 31 January of the next year."""
    return date(year + 1, 1, 31)


@transaction.atomic
def yearly_report_remind(*, now: datetime | None = None) -> int:
    """From ``MONITOR_REPORT_REMIND_DAYS`` days before 31 January until that day: tell each
    live site's agency (its e-mail) that last year's report is not published yet, and the
    information office (active superusers with an e-mail) once with the list of those sites —
    once per site and year, and once more from ``MONITOR_REPORT_LAST_CALL_DAYS`` days before
    the deadline. Village pages (村村有网页) are pages of their township's site, not sites of
    their own, and are left out. The outbox key makes each message once, however often the
    job runs. Returns the messages due today (one already in the outbox is not put again)."""
    today = timezone.localdate(now)
    year = today.year - 1
    due = deadline(year)
    days_left = (due - today).days
    if not (0 <= days_left <= settings.GOVPORTAL_MONITOR_REPORT_REMIND_DAYS):
        return 0
    stage = "last" if days_left <= settings.GOVPORTAL_MONITOR_REPORT_LAST_CALL_DAYS else "first"
    published = set(
        YearlyReport.objects.filter(year=year, status=ReportStatus.PUBLISHED).values_list("site_id", flat=True)
    )
    missing = [
        site
        for site in SiteHomePage.objects.live().exclude(kind=SiteKind.VILLAGE).select_related("agency").order_by("path")
        if site.pk not in published
    ]
    facts = {"year": year, "due": due.isoformat(), "days": days_left}
    put = 0
    for site in missing:
        if not site.agency.email:
            continue
        outbox_put(
            key=f"monitor:yearly-remind:{site.pk}:{year}:{stage}:{site.agency.email}",
            channel="email",
            recipient=site.agency.email,
            subject=_("%(site)s %(year)s年度政府网站工作年度报表尚未发布") % {"site": site.title, "year": year},
            body=_(
                "%(site)s的%(year)s年度《政府网站工作年度报表》尚未发布。按规定应于%(due)s前在网站首页发布，"
                "还有%(days)s天。请在管理后台“网站监管 → 年度报表”中生成、核对并发布。"
            )
            % {"site": site.title, **facts},
            payload={"site": site.pk, "year": year, "stage": stage},
        )
        put += 1
    if missing:
        listing = "\n".join(f"- {site.title}（{site.agency.name}）" for site in missing)
        for recipient in access.office_alarm_addresses():
            outbox_put(
                key=f"monitor:yearly-remind:office:{year}:{stage}:{recipient}",
                channel="email",
                recipient=recipient,
                subject=_("%(n)s个网站的%(year)s年度政府网站工作年度报表尚未发布") % {"n": len(missing), **facts},
                body=_(
                    "以下网站的%(year)s年度《政府网站工作年度报表》尚未发布（应于%(due)s前发布，还有%(days)s天）：\n"
                )
                % facts
                + listing,
                payload={"sites": [site.pk for site in missing], "year": year, "stage": stage},
            )
            put += 1
    return put
