"""Reads of 协同办公, filtered by `access` (another agency's document is a 404)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from govportal.core import access as core
from govportal.core.errors import NotFound
from govportal.core.models import Agency, AgencyKind
from govportal.office import access, pdf
from govportal.office.models import Circulation, Delivery, Disclosure, OfficeDocument
from govportal.office.workflow import DELIVERY_REPLY, DeliveryState, DocState


def _documents() -> QuerySet[OfficeDocument]:
    return OfficeDocument.objects.select_related("case", "agency", "issuer", "drafted_by")


def document_for_staff(user, pk) -> OfficeDocument:
    document = access.documents_visible(user, _documents()).filter(pk=pk).first()
    if document is None:
        raise NotFound("没有找到该公文")
    return document


def sent_by_agency(user) -> QuerySet[OfficeDocument]:
    """发文: the user's agency's documents (OA roles only)."""
    agency_id = core.agency_id_of(user)
    if agency_id is None or not access.has_oa_role(user):
        return OfficeDocument.objects.none()
    return _documents().filter(agency_id=agency_id)


def inbox(user, *, state: str = "") -> QuerySet[Delivery]:
    """收文: the deliveries to the user's agency (its OA clerks only)."""
    agency_id = core.agency_id_of(user)
    if agency_id is None or not access.is_clerk(user, agency_id):
        return Delivery.objects.none()
    qs = Delivery.objects.filter(agency_id=agency_id).select_related("document__agency", "case", "signed_by")
    if state in DeliveryState.values:
        qs = qs.filter(case__state=state)
    return qs.order_by("-case__created_at", "-id")


def to_read(user) -> QuerySet[Circulation]:
    """传阅: what was given to the user to read."""
    if not core.has_agency(user):
        return Circulation.objects.none()
    return (
        Circulation.objects.filter(user=user, delivery__agency_id=core.agency_id_of(user))
        .select_related("delivery__document__agency")
        .order_by("read_at", "-sent_at")
    )


def deliveries_of(document: OfficeDocument) -> list[Delivery]:
    """Who has signed for it when, who has not, who replied (the sender's view)."""
    return list(
        document.deliveries.select_related("agency", "case", "signed_by", "replied_by")
        .prefetch_related("attendees")
        .order_by("agency__sort_order", "agency__code")
    )


def delivery_for_user(user, document: OfficeDocument) -> Delivery | None:
    delivery = access.delivery_of(user, document)
    if delivery is None or not access.may_read_delivery(user, delivery):
        return None
    return (
        Delivery.objects.select_related("case", "agency", "signed_by", "replied_by")
        .prefetch_related("attendees", Prefetch("circulations", queryset=Circulation.objects.select_related("user")))
        .get(pk=delivery.pk)
    )


def events_of(document: OfficeDocument, delivery: Delivery | None = None, *, sender: bool = False) -> list:
    """The kernel's log: the document's own steps (the sender sees every delivery's too; a
    receiving agency its own delivery's)."""
    from govportal.core.cases.models import CaseEvent

    cases = [document.case_id]
    if sender:
        cases += list(document.deliveries.values_list("case_id", flat=True))
    elif delivery is not None:
        cases = [delivery.case_id]
    events = CaseEvent.objects.filter(case_id__in=cases).select_related("actor", "case__agency")
    return list(events.exclude(type="addressed").order_by("created_at", "id"))


def planned_agencies(document: OfficeDocument) -> list[tuple[Agency, str]]:
    from govportal.office.actions import planned_recipients

    rows = planned_recipients(document)
    agencies = Agency.objects.in_bulk([r["agency_id"] for r in rows])
    return [(agencies[r["agency_id"]], r["role"]) for r in rows if r["agency_id"] in agencies]


def document_pdf(document: OfficeDocument) -> bytes:
    planned = planned_agencies(document)
    upward = bool(planned) and all(a.kind == AgencyKind.CITY_GOVERNMENT for a, _ in planned)
    printed = timezone.localtime(document.sent_at).date() if document.sent_at else document.written_on
    return pdf.render_document(
        issuing_name=f"{document.issuing_name}文件" if document.kind == "document" else document.issuing_name,
        doc_number=document.doc_number,
        issuer_name=document.issuer.get_full_name() or document.issuer.username,
        upward=upward,
        urgency=document.get_urgency_display() if document.urgency else "",
        title=document.title,
        main_to=document.main_to,
        body=document.body + _meeting_text(document),
        attachments=[a.display_name for a in document.attachments.select_related("stored")],
        attachment_note=document.attachment_note,
        signer_agency=document.agency.name,
        written_on=document.written_on or timezone.localdate(),
        disclosure_label=Disclosure(document.disclosure).label,
        cc=document.cc,
        printed_by=f"{document.agency.short_name}办公室",
        printed_on=printed or timezone.localdate(),
    )


def _meeting_text(document: OfficeDocument) -> str:
    if document.kind != "meeting" or not document.meeting_at:
        return ""
    at = timezone.localtime(document.meeting_at).strftime("%Y年%m月%d日 %H:%M")
    lines = [f"\n会议时间：{at}", f"会议地点：{document.meeting_place}"]
    if document.wants_attendance:
        lines.append("请于回复期限内在协同办公系统填报会议回执（参会人员姓名、职务）。")
    return "\n".join(lines)


# --- statistics -------------------------------------------------------------------------------


@dataclass
class AgencyStats:
    agency: Agency
    sent: int = 0
    received: int = 0
    signed: int = 0
    pending: int = 0
    returned: int = 0
    sign_hours_total: float = 0.0
    replies_due: int = 0
    replied: int = 0
    late_replies: int = 0
    open_overdue: int = 0

    @property
    def avg_sign_hours(self) -> str:
        return f"{self.sign_hours_total / self.signed:.1f}" if self.signed else ""


def _bounds(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(date_from, time.min))
    end = timezone.make_aware(datetime.combine(date_to, time.max))
    return start, end


def statistics(user, *, date_from: date, date_to: date) -> list[AgencyStats]:
    """Per agency, documents sent and received in the period, sign-for times and late
    replies. The information office sees every agency; an OA member only their own.
    Counts only: no titles, no content."""
    if not access.may_see_statistics(user):
        return []
    start, end = _bounds(date_from, date_to)
    scope = access.statistics_agency_scope(user)
    docs = OfficeDocument.objects.filter(sent_at__range=(start, end))
    deliveries = Delivery.objects.filter(case__created_at__range=(start, end)).select_related("case")
    if scope is not None:
        docs = docs.filter(agency_id=scope)
        deliveries = deliveries.filter(agency_id=scope)
    rows: dict[int, AgencyStats] = {}
    agencies = {}

    def row(agency_id) -> AgencyStats:
        if agency_id not in rows:
            agencies.setdefault(agency_id, None)
            rows[agency_id] = AgencyStats(agency=None)  # type: ignore[arg-type]
        return rows[agency_id]

    for agency_id in docs.values_list("agency_id", flat=True):
        row(agency_id).sent += 1
    today = timezone.localdate()
    for d in deliveries:
        r = row(d.agency_id)
        r.received += 1
        state = d.case.state
        if state == DeliveryState.PENDING:
            r.pending += 1
        elif state == DeliveryState.RETURNED:
            r.returned += 1
        if d.signed_at:
            r.signed += 1
            r.sign_hours_total += max(0.0, (d.signed_at - d.case.created_at).total_seconds() / 3600)
        if d.case.case_type == DELIVERY_REPLY and state != DeliveryState.RETURNED:
            r.replies_due += 1
            if state == DeliveryState.REPLIED:
                r.replied += 1
                if d.case.closed_on_time is False:
                    r.late_replies += 1
            elif d.case.due_date and d.case.due_date < today:
                r.open_overdue += 1
    for agency in Agency.objects.filter(pk__in=rows):
        rows[agency.pk].agency = agency
    return sorted(rows.values(), key=lambda r: (r.agency.sort_order, r.agency.code))


def sent_summary(document: OfficeDocument) -> dict:
    deliveries = deliveries_of(document)
    signed = sum(1 for d in deliveries if d.signed_at)
    return {
        "total": len(deliveries),
        "signed": signed,
        "pending": sum(1 for d in deliveries if d.case.state == DeliveryState.PENDING),
        "returned": sum(1 for d in deliveries if d.case.state == DeliveryState.RETURNED),
        "replied": sum(1 for d in deliveries if d.case.state == DeliveryState.REPLIED),
        "attendees": sum(len(d.attendees.all()) for d in deliveries),
    }


def is_sent(document: OfficeDocument) -> bool:
    return document.case.state == DocState.SENT
