"""Reads of 政府信息公开 whose answer depends on who asks, and the public catalogue.

Access to requests (one place): the city's information office (superuser) and users with
``disclosure.view_all_requests`` see every request; other staff with
``disclosure.handle_request`` see their own agency's; anyone else sees none. A request
outside what a user may see is a 404 (`NotFound`), never a 403.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from govportal.cluster.models import SiteHomePage
from govportal.core import calendar
from govportal.core.cases.models import CaseEvent
from govportal.core.citizen_input import parse_int
from govportal.core.errors import NotFound
from govportal.core.models import Agency, AgencyKind
from govportal.disclosure import access, workflow
from govportal.disclosure.choices import (
    SUPERSEDED,
    THIRD_PARTY_NOTICES,
    Category,
    Channel,
    Outcome,
    SubReason,
    Topic,
    Validity,
    categories_for,
)
from govportal.disclosure.models import (
    AnnualReport,
    DisclosureDocumentPage,
    DisclosureIndexPage,
    DisclosureNotice,
    DisclosureRequest,
    IndexNumber,
)

PER_PAGE = 20


# --- requests: who sees what ------------------------------------------------------------
# The rules are in `access`; selectors take their filters from it.
sees_all_requests = access.sees_all_requests


def requests_for(user) -> QuerySet[DisclosureRequest]:
    return access.requests_visible(user, DisclosureRequest.objects.select_related("case", "agency"))


def request_for(user, pk) -> DisclosureRequest:
    try:
        return requests_for(user).get(pk=int(pk))
    except (DisclosureRequest.DoesNotExist, ValueError, TypeError):
        raise NotFound("没有找到该申请") from None


def request_agencies() -> QuerySet[Agency]:
    """Agencies that take requests: every active agency with a 政府信息公开 column, except
    villages (村务公开 is not a government organ's disclosure)."""
    steplen = DisclosureIndexPage.steplen
    parents = [p[:-steplen] for p in DisclosureIndexPage.objects.live().values_list("path", flat=True)]
    agency_ids = SiteHomePage.objects.filter(path__in=parents).values_list("agency_id", flat=True)
    return Agency.objects.filter(pk__in=agency_ids, is_active=True).exclude(kind=AgencyKind.VILLAGE)


def _choice_label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _date_text(value: str) -> str:
    return value[:10]  # stored ISO dates, shown YYYY-MM-DD


# Each step's payload in the words of the register: (key, how it reads). Keys not listed
# (internal ones: silent, co_author, kind) are not shown.
_DETAIL = [
    ("items", lambda v: f"补正事项：{v}"),
    ("description", lambda v: f"补正内容：{v}"),
    ("party", lambda v: f"征求意见对象：{v}"),
    ("opinion", lambda v: f"第三方意见：{v}"),
    ("days", lambda v: f"延长 {v} 个工作日"),
    ("reason", lambda v: f"理由：{v}"),
    ("approved_by", lambda v: f"批准人：{v}"),
    ("outcome", lambda v: f"答复类型：{_choice_label(Outcome, v)}"),
    ("sub_reason", lambda v: f"（{_choice_label(SubReason, v)}）"),
    ("letter_number", lambda v: f"文号：{v}"),
    ("notice", lambda v: f"告知书：{v}"),
    ("amount", lambda v: f"信息处理费：{v} 元"),
    ("channel", lambda v: f"渠道：{_choice_label(Channel, v)}"),
    ("received_on", lambda v: f"收到日期：{_date_text(v)}"),
    ("due", lambda v: f"期限至：{_date_text(v)}"),
]


def event_detail(payload: dict | None) -> str:
    """A history step's payload as readable Chinese (never a dict's repr)."""
    payload = payload if isinstance(payload, dict) else {}
    parts = [fmt(payload[key]) for key, fmt in _DETAIL if payload.get(key) not in (None, "", [], {})]
    return "；".join(parts).replace("；（", "（")


def request_history(req: DisclosureRequest, *, public_only: bool) -> list[CaseEvent]:
    qs = CaseEvent.objects.filter(case=req.case).select_related("actor").order_by("created_at", "id")
    if public_only:
        qs = qs.filter(is_public=True)
    events = list(qs)
    for event in events:
        event.detail = event_detail(event.payload)
    return events


def request_clock(req: DisclosureRequest) -> dict:
    """The dates a clerk needs beside the kernel's due date: the last day for a correction
    notice (7 WD from receipt) and the end of a running consultation (its stored timer)."""
    cal = calendar.current()
    out: dict = {"correction_notice_by": None, "consultation_until": None}
    if req.received_on and not CaseEvent.objects.filter(case=req.case, type="request_correction").exists():
        out["correction_notice_by"] = cal.add_working_days(req.received_on, workflow.CORRECTION_NOTICE_DAYS)
    if req.case.state == workflow.State.CONSULTING:
        timer = req.timer(workflow.Timer.CONSULTATION)
        if timer is not None and timer.is_running:
            out["consultation_until"] = timer.due_on
            out["consultation_party"] = timer.start_event.payload.get("party", "") if timer.start_event else ""
    return out


def remedy_bodies(agency) -> tuple[str, str]:
    """(行政复议机关, 管辖法院) named in the agency's decision letters: its 政府信息公开
    column's settings, else the city defaults (GOVPORTAL_DISCLOSURE_RECONSIDERATION_BODY,
    GOVPORTAL_DISCLOSURE_COURT)."""
    body, court = "", ""
    for home in SiteHomePage.objects.filter(agency_id=agency.pk).order_by("depth", "path"):
        column = DisclosureIndexPage.objects.child_of(home).first()
        if column is not None:
            body, court = column.reconsideration_body, column.competent_court
            break
    return (
        body or settings.GOVPORTAL_DISCLOSURE_RECONSIDERATION_BODY,
        court or settings.GOVPORTAL_DISCLOSURE_COURT,
    )


def request_notices(req: DisclosureRequest, *, applicant_only: bool) -> list[DisclosureNotice]:
    """The written notices of a request; the applicant's lookup lists only those addressed
    to them (a letter to a third party is the office's to print and post)."""
    qs = DisclosureNotice.objects.filter(request=req).order_by("issued_on", "id")
    if applicant_only:
        qs = qs.exclude(kind__in=THIRD_PARTY_NOTICES)
    return list(qs)


def notice_for_applicant(req: DisclosureRequest, pk) -> DisclosureNotice:
    notice = next((n for n in request_notices(req, applicant_only=True) if str(n.pk) == str(pk)), None)
    if notice is None:
        raise NotFound("没有找到该通知书")
    return notice


def notice_for(user, pk) -> DisclosureNotice:
    """A notice of a request this user may see (404 otherwise)."""
    try:
        return DisclosureNotice.objects.select_related("request__case", "request__agency").get(
            pk=int(pk), request__in=requests_for(user)
        )
    except (DisclosureNotice.DoesNotExist, ValueError, TypeError):
        raise NotFound("没有找到该通知书") from None


def reasons_required(req: DisclosureRequest) -> bool:
    """Whether the office has asked the applicant for reasons (Art. 35)."""
    return CaseEvent.objects.filter(case_id=req.case_id, type="require_reasons").exists()


def awaits_third_party_notice(req: DisclosureRequest) -> bool:
    """The third party objected in the last consultation and has not been told in writing
    that the office discloses anyway (Art. 32)."""
    last = CaseEvent.objects.filter(case_id=req.case_id, type="consulted").order_by("-created_at", "-id").first()
    if last is None or not last.payload.get("objects"):
        return False
    return not CaseEvent.objects.filter(case_id=req.case_id, type="third_party_notice").exists()


def fees_collected(*, agency=None, year: int) -> dict:
    """信息处理费 paid in ``year`` (by the payment date), for the annual report's section 六:
    {"count": requests that paid, "amount": the sum in yuan (Decimal)}."""
    qs = DisclosureRequest.objects.filter(fee_paid_on__year=year, fee_amount__isnull=False)
    if agency is not None:
        qs = qs.filter(agency=agency)
    totals = qs.aggregate(count=Count("pk"), amount=Sum("fee_amount"))
    return {"count": totals["count"] or 0, "amount": totals["amount"] or Decimal("0")}


def applicant_requests_in_month(req: DisclosureRequest) -> int:
    """How many requests the same applicant (same ID) made to the same agency in the
    calendar month of this one, before it (国办函〔2020〕109号 按件计收 counts a month)."""
    day = timezone.localtime(req.created_at).date()
    return (
        DisclosureRequest.objects.filter(
            agency_id=req.agency_id,
            id_type=req.id_type,
            id_number=req.id_number,
            pk__lt=req.pk,  # made before this one
            created_at__year=day.year,
            created_at__month=day.month,
        )
        .exclude(pk=req.pk)
        .count()
    )


def submitted_request(tracking_number: str) -> DisclosureRequest:
    """The request a submission just answered with (or a replay of it answers with again)."""
    return DisclosureRequest.objects.select_related("case", "agency").get(case__tracking_number=tracking_number)


def linked_letter(req: DisclosureRequest) -> str:
    event = CaseEvent.objects.filter(case=req.case, type="linked_letter").order_by("-created_at", "-id").first()
    return str(event.payload.get("tracking_number", "")) if event else ""


# --- the public catalogue ------------------------------------------------------------------
def public_documents() -> QuerySet[DisclosureDocumentPage]:
    return DisclosureDocumentPage.objects.live().public()


def _year(value: str) -> int | None:
    return parse_int(value, minimum=1990, maximum=2100)


def catalogue_context(request, *, index: DisclosureIndexPage | None = None, category: str | None = None) -> dict:
    """The catalogue: one column's documents (``index``) or the whole city's, filtered by
    agency, category, topic, year, validity and a title/number/summary query."""
    from django.http import Http404

    qs = public_documents()
    agency = index.agency if index is not None else None
    if index is not None:
        qs = qs.descendant_of(index)
    params = request.GET
    selected = {
        "category": category or params.get("category", ""),
        "topic": params.get("topic", ""),
        "year": params.get("year", ""),
        "validity": params.get("validity", ""),
        "q": params.get("q", "").strip()[:100],
        "agency": params.get("agency", ""),
    }
    if selected["category"] in Category.values:
        qs = qs.filter(category=selected["category"])
    if selected["topic"] in Topic.values:
        qs = qs.filter(topic=selected["topic"])
    if (year := _year(selected["year"])) is not None:
        qs = qs.filter(date_made__year=year)
    if selected["validity"] in Validity.values:
        qs = qs.filter(validity=selected["validity"])
    if selected["q"]:
        q = selected["q"]
        numbered = IndexNumber.objects.filter(number__icontains=q).values_list("page_id", flat=True)
        qs = qs.filter(
            Q(title__icontains=q) | Q(summary__icontains=q) | Q(document_number__icontains=q) | Q(pk__in=numbered)
        )
    agencies = []
    if index is None:
        agencies = list(request_agencies().order_by("sort_order"))
        if selected["agency"]:
            home = _home_for_agency_code(selected["agency"])
            if home is not None:
                qs = qs.descendant_of(home)
    qs = qs.order_by("-date_made", "-pk")
    paginator = Paginator(qs, PER_PAGE)
    number = params.get("page", "1")
    number = parse_int(number, minimum=1, maximum=paginator.num_pages)
    if number is None:
        raise Http404
    page = paginator.page(number)
    pages = list(page.object_list)
    numbers = dict(IndexNumber.objects.filter(page_id__in=[p.pk for p in pages]).values_list("page_id", "number"))
    for p in pages:
        p.__dict__["index_number"] = numbers.get(p.pk, "")
    years = range(timezone.localdate().year, timezone.localdate().year - 10, -1)
    query = params.copy()
    query.pop("page", None)
    return {
        "documents": page,
        "document_list": pages,
        "selected": selected,
        "categories": categories_for(agency.kind if agency else AgencyKind.CITY_GOVERNMENT)
        if agency
        else list(Category),
        "topics": list(Topic),
        "validities": list(Validity),
        "years": list(years),
        "agencies": agencies,
        "total": paginator.count,
        "query_string": query.urlencode(),
        "fixed_category": category,
    }


def _home_for_agency_code(code: str):
    return SiteHomePage.objects.filter(agency__code=code).order_by("depth").first()


def guide_context(index: DisclosureIndexPage) -> dict:
    """指南 (Art. 12): read live from the agency record, so it is never out of date."""
    agency = index.agency
    return {
        "agency": agency,
        "office": agency.disclosure_office or f"{agency.name}办公室",
        # The office's own contact data (Art. 12), each falling back to its agency's.
        "office_contact": {
            key: getattr(agency, f"disclosure_{key}") or getattr(agency, own)
            for key, own in (
                ("address", "address"),
                ("postcode", "postcode"),
                ("hours", "office_hours"),
                ("phone", "phone"),
                ("fax", "fax"),
                ("email", "email"),
            )
        },
        "categories": categories_for(agency.kind),
        "correction_days": settings.GOVPORTAL_DISCLOSURE_CORRECTION_DAYS,
    }


def document_context(page: DisclosureDocumentPage) -> dict:
    return {
        "site_home": page.site_home,
        "interpretations": list(page.interpretations.live().public().order_by("-date_made")),
        "interpreted": page.interprets if page.interprets_id and page.interprets.live else None,
        "replacement": page.replaced_by if page.replaced_by_id and page.replaced_by.live else None,
        "replaces": list(page.replaces.live().public()),
        "attachment_list": list(page.attachments.select_related("document")),
        "is_superseded": page.validity in SUPERSEDED,
    }


def published_reports(*, agency=None, year: int | None = None) -> QuerySet[AnnualReport]:
    qs = AnnualReport.objects.filter(is_published=True).select_related("agency")
    if agency is not None:
        qs = qs.filter(agency=agency)
    if year is not None:
        qs = qs.filter(year=year)
    return qs


def published_report(*, agency_code: str, year: int) -> AnnualReport:
    report = published_reports(year=year).filter(agency__code=agency_code).first()
    if report is None:
        raise NotFound("没有找到该年度报告")
    return report


def reports_for(user) -> QuerySet[AnnualReport]:
    return access.reports_visible(user, AnnualReport.objects.select_related("agency"))


def agencies_for(user) -> QuerySet[Agency]:
    return access.agencies_visible(user, request_agencies())


# --- the 20-WD proactive-publishing tracker ----------------------------------------------
def publish_tracker(user, *, today: date | None = None) -> list[dict]:
    """Documents not published within 20 WD of being made (Art. 26): published late, or
    still unpublished past the limit. Staff see their agency's; the information office all."""

    today = today or timezone.localdate()
    cal = calendar.current()
    limit = settings.GOVPORTAL_DISCLOSURE_PUBLISH_DAYS
    qs = access.tracker_documents(user, DisclosureDocumentPage.objects.all())
    if qs is None:
        return []
    rows = []
    earliest = cal.add_working_days(today, 0)
    for doc in qs.only("pk", "title", "date_made", "first_published_at", "live", "path", "depth").order_by(
        "-date_made"
    ):
        due = cal.add_working_days(doc.date_made, limit)
        published = timezone.localtime(doc.first_published_at).date() if doc.first_published_at else None
        if published is not None and published > due:
            rows.append(
                {"page": doc, "due": due, "published": published, "late_days": cal.working_days_between(due, published)}
            )
        elif published is None and today > due:
            rows.append(
                {"page": doc, "due": due, "published": None, "late_days": cal.working_days_between(due, earliest)}
            )
    return rows
