"""申请登记台账 — the register of disclosure requests an office keeps (Art. 45 of the
Regulations: register, review, handle, reply, archive), exportable as .xlsx and CSV.

One row per request the user may see (`access.requests_visible`: a clerk their agency's,
the information office every agency's), filtered by agency and by the year of receipt (the
receipt date, or the submission date while receipt is unconfirmed). Each row has the dates
(submitted, received, receipt confirmed, due, replied), the steps in order, the outcome and
the lateness in working days on the working-day calendar. The due date of a closed request
is the one in force when it closed (the kernel's ``closed_due_date``), so a late reply stays
late in the register.

Both exports keep text that a spreadsheet would read as a formula as text (`core.xlsx.as_text`:
a cell starting with = + - @ gets a leading apostrophe), since names and descriptions are
what applicants typed.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from io import StringIO

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from govportal.core import calendar
from govportal.core.cases.models import CaseEvent
from govportal.core.citizen_input import parse_int
from govportal.core.errors import InvalidInput, NotFound
from govportal.core.xlsx import as_text, sheet_bytes
from govportal.disclosure import access, workflow
from govportal.disclosure.choices import ApplicantType, Channel, Outcome, SubReason
from govportal.disclosure.models import DisclosureRequest
from govportal.disclosure.selectors import request_agencies

HEADER = [
    N_("办件编号"),
    N_("受理机关"),
    N_("申请人类型"),
    N_("申请人"),
    N_("申请方式"),
    N_("所需信息"),
    N_("提交日期"),
    N_("收到申请日期"),
    N_("确认收到日期"),
    N_("答复期限"),
    N_("答复日期"),
    N_("办理步骤"),
    N_("办理结果"),
    N_("具体情形"),
    N_("告知书文号"),
    N_("状态"),
    N_("超期（工作日）"),
]
WIDTHS = [20, 16, 10, 12, 8, 40, 11, 11, 11, 11, 11, 60, 10, 24, 18, 10, 8]

# Steps shown in the register (the kernel's own bookkeeping events are left out).
_NOT_STEPS = frozenset(
    {
        "deadline_recomputed",
        "timer_recomputed",
        "overdue_level",
        "reminder",
        "query_code_reset",
        "timer_start",
        "timer_stop",
    }
)


@dataclass(frozen=True)
class Filters:
    agency_code: str = ""
    year: int | None = None


def header() -> list[str]:
    """The column headings (translated)."""
    return [_(h) for h in HEADER]


def parse_filters(params, *, user) -> Filters:
    """The agency (its code, among the agencies the user may see) and the year of receipt;
    bad input is a 400 with a Chinese message, another agency's code a 404."""
    code = (params.get("agency") or "").strip()
    year_text = (params.get("year") or "").strip()
    year = None
    if year_text:
        year = parse_int(year_text, minimum=2008, maximum=timezone.localdate().year)
        if year is None:
            raise InvalidInput("年度不正确", field="year")
    if code and not agencies(user).filter(code=code).exists():
        raise NotFound("没有找到该单位")
    return Filters(agency_code=code, year=year)


def agencies(user):
    return access.agencies_visible(user, request_agencies())


def requests(user, filters: Filters) -> QuerySet[DisclosureRequest]:
    qs = access.requests_visible(user, DisclosureRequest.objects.select_related("case", "agency"))
    if filters.agency_code:
        qs = qs.filter(agency__code=filters.agency_code)
    if filters.year is not None:
        qs = qs.filter(
            Q(received_on__year=filters.year) | Q(received_on__isnull=True, case__created_at__year=filters.year)
        )
    return qs.order_by("case__created_at", "pk")


def _day(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value).date()
    return value.isoformat()


def lateness(req: DisclosureRequest, *, today: date | None = None, cal=None) -> int:
    """Working days past the due date: of the reply (or of today while the request is open)."""
    case = req.case
    due = case.due_date if case.is_open else (case.closed_due_date or case.due_date)
    if due is None:
        return 0
    if req.replied_on is not None:
        end = req.replied_on
    elif case.is_open:
        end = today or timezone.localdate()
    elif case.closed_at is not None:
        end = timezone.localtime(case.closed_at).date()
    else:
        return 0
    return max(0, (cal or calendar.current()).working_days_between(due, end))


def rows(user, filters: Filters) -> list[list]:
    reqs = list(requests(user, filters))
    events: dict[int, list[CaseEvent]] = {}
    for event in CaseEvent.objects.filter(case_id__in=[r.case_id for r in reqs]).order_by("created_at", "id"):
        events.setdefault(event.case_id, []).append(event)
    cal, today = calendar.current(), timezone.localdate()
    out = []
    for req in reqs:
        case_events = events.get(req.case_id, [])
        confirmed = next((e.created_at for e in case_events if e.type == "receive"), None)
        steps = "；".join(f"{_day(e.created_at)} {e.label or e.type}" for e in case_events if e.type not in _NOT_STEPS)
        due = req.case.due_date if req.case.is_open else (req.case.closed_due_date or req.case.due_date)
        out.append(
            [
                req.case.tracking_number,
                req.agency.name,
                str(ApplicantType(req.applicant_type).label),
                req.name,
                str(Channel(req.channel).label) if req.channel in Channel.values else req.channel,
                req.description,
                _day(req.case.created_at),
                _day(req.received_on),
                _day(confirmed),
                _day(due),
                _day(req.replied_on),
                steps,
                str(Outcome(req.outcome).label) if req.outcome else "",
                str(SubReason(req.sub_reason).label) if req.sub_reason else "",
                req.letter_number,
                str(workflow.STATES.get(req.case.state, req.case.state)),
                lateness(req, today=today, cal=cal),
            ]
        )
    return out


def caption(filters: Filters) -> str:
    parts = ["政府信息公开申请登记台账"]
    if filters.agency_code:
        parts.append(f"单位 {filters.agency_code}")
    if filters.year is not None:
        parts.append(f"{filters.year}年收到")
    parts.append(f"导出时间 {timezone.localtime():%Y-%m-%d %H:%M}")
    return " · ".join(parts)


def xlsx(user, filters: Filters) -> bytes:
    return sheet_bytes(
        title="申请登记台账", header=header(), rows=rows(user, filters), caption=caption(filters), widths=WIDTHS
    )


def csv_text(user, filters: Filters) -> str:
    """UTF-8 CSV with a byte-order mark (Excel opens it as UTF-8); every text cell through
    `as_text`, so "=cmd|..." or "@SUM(...)" stays text."""
    out = StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(header())
    for row in rows(user, filters):
        writer.writerow([as_text(v) for v in row])
    return out.getvalue()
