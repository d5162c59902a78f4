"""Staff screens of 协同办公 in the Wagtail admin (menu 协同办公): 收文, 发文, 传阅, drafting,
one document with the steps the user may take, its PDF, and the statistics with the .xlsx
export.

Thin: documents come through `selectors.document_for_staff` (another agency's is a 404),
each step is one action, an application error becomes a message with its 4xx status.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.admin import messages

from govportal.core import access as core
from govportal.core import xlsx
from govportal.core.cases.workflow import available_steps
from govportal.core.citizen_input import parse_int
from govportal.core.errors import GovPortalError, InvalidInput, NotFound
from govportal.core.models import Agency, AgencyKind
from govportal.office import access, actions, selectors
from govportal.office.models import Disclosure, DocKind, Urgency
from govportal.office.workflow import DELIVERY_REPLY, DeliveryState, DocState


def _require_menu(request) -> None:
    if not access.may_use_office(request.user):
        raise Http404


def _document(request, pk):
    try:
        return selectors.document_for_staff(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def index(request):
    _require_menu(request)
    user = request.user
    state = request.GET.get("state", "")
    inbox = list(selectors.inbox(user, state=state)[:200])
    for d in inbox:
        d.state_label = DeliveryState(d.case.state).label
    sent = list(selectors.sent_by_agency(user)[:200])
    for doc in sent:
        doc.state_label = DocState(doc.case.state).label
    return TemplateResponse(
        request,
        "office/admin/index.html",
        {
            "inbox": inbox,
            "sent": sent,
            "to_read": selectors.to_read(user)[:200],
            "state": state if state in DeliveryState.values else "",
            "states": DeliveryState.choices,
            "may_draft": access.is_clerk(user, core.agency_id_of(user)),
            "may_see_statistics": access.may_see_statistics(user),
            "is_office_only": core.is_information_office(user) and not access.has_oa_role(user),
        },
    )


def _form_context(request, data=None, errors=None) -> dict:
    agency_id = core.agency_id_of(request.user)
    return {
        "data": data or {},
        "error": errors,
        "kinds": DocKind.choices,
        "urgencies": Urgency.choices,
        "disclosures": Disclosure.choices,
        "issuers": access.signers_of(agency_id),
        "townships": Agency.objects.filter(kind=AgencyKind.TOWNSHIP, is_active=True).order_by("sort_order"),
        "departments": Agency.objects.filter(kind=AgencyKind.DEPARTMENT, is_active=True).order_by("sort_order"),
        "others": Agency.objects.filter(is_active=True)
        .exclude(kind__in=[AgencyKind.TOWNSHIP, AgencyKind.DEPARTMENT, AgencyKind.VILLAGE])
        .exclude(pk=agency_id)
        .order_by("sort_order"),
        "agency": Agency.objects.filter(pk=agency_id).first(),
    }


def _agencies(post, name) -> list[Agency]:
    ids = [v for v in (parse_int(x, minimum=1) for x in post.getlist(name)[:500]) if v]
    return list(Agency.objects.filter(pk__in=ids, is_active=True))


def new(request):
    _require_menu(request)
    if not access.is_clerk(request.user, core.agency_id_of(request.user)):
        raise Http404
    if request.method != "POST":
        return TemplateResponse(request, "office/admin/new.html", _form_context(request))
    post = request.POST
    data = {k: post.get(k, "") for k in (
        "kind", "title", "body", "urgency", "disclosure", "classification", "attachment_note", "number_mark",
        "reply_days", "meeting_at", "meeting_place")}  # fmt: skip
    data["wants_attendance"] = post.get("wants_attendance") == "1"
    try:
        document = actions.document_draft(
            actor=request.user,
            data=data,
            issuer=parse_int(post.get("issuer", ""), minimum=1) or 0,
            target=post.get("target", ""),
            agencies=_agencies(post, "agencies"),
            cc_agencies=_agencies(post, "cc"),
            files=request.FILES.getlist("attachments"),
        )
    except GovPortalError as exc:
        messages.error(request, exc.message)
        response = TemplateResponse(request, "office/admin/new.html", _form_context(request, data, exc.message))
        response.status_code = exc.status_code
        return response
    messages.success(request, _("已保存草稿"))
    return redirect("office_admin:detail", document.pk)


def _detail_context(request, document) -> dict:
    user = request.user
    sender = access.is_sender_staff(user, document)
    delivery = None if sender else selectors.delivery_for_user(user, document)
    steps = {t.name for t in available_steps(user, document.case)} if sender else set()
    delivery_steps = {t.name for t in available_steps(user, delivery.case)} if delivery else set()
    deliveries = selectors.deliveries_of(document) if sender else []
    sent = selectors.is_sent(document)
    return {
        "document": document,
        "state_label": DocState(document.case.state).label,
        "sender": sender,
        "steps": steps,
        "delivery": delivery,
        "delivery_steps": delivery_steps,
        "delivery_clerk": delivery is not None and access.is_clerk(user, delivery.agency_id),
        "my_circulation": next((c for c in delivery.circulations.all() if c.user_id == user.pk), None)
        if delivery
        else None,
        "colleagues": get_user_model()
        .objects.filter(agency_id=delivery.agency_id, is_active=True)
        .exclude(pk=user.pk)
        .order_by("pk")
        if delivery
        else [],
        "deliveries": deliveries,
        "summary": selectors.sent_summary(document) if sender and sent else None,
        "planned": selectors.planned_agencies(document) if sender and not sent else [],
        "events": selectors.events_of(document, delivery, sender=sender),
        "attachments": document.attachments.select_related("stored"),
        "may_press": sender and sent and access.is_clerk(user, document.agency_id),
        "may_publish": sender
        and sent
        and document.disclosure == Disclosure.ACTIVE
        and not document.published_key
        and access.is_clerk(user, document.agency_id),
        "reply_type": delivery is not None and delivery.case.case_type == DELIVERY_REPLY,
        "attendee_rows": range(1, 6),
    }


def detail(request, pk):
    document = _document(request, pk)
    return TemplateResponse(request, "office/admin/detail.html", _detail_context(request, document))


def document_pdf(request, pk):
    document = _document(request, pk)
    if not document.doc_number:
        raise Http404(_("签发后才有正式文本"))
    response = HttpResponse(selectors.document_pdf(document), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="office-{document.pk}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _delivery_of(request, document):
    delivery = selectors.delivery_for_user(request.user, document)
    if delivery is None:
        raise NotFound(_("没有找到本单位的收文"))
    return delivery


def _sender_delivery(request, document):
    pk = parse_int(request.POST.get("delivery", ""), minimum=1)
    delivery = document.deliveries.filter(pk=pk).first() if pk else None
    if delivery is None:
        raise InvalidInput(_("请选择要催办的单位"), field="delivery")
    return delivery


def _attendees(post) -> list[tuple[str, str]]:
    return list(zip(post.getlist("attendee_name")[:30], post.getlist("attendee_post")[:30], strict=False))


def _readers(request, delivery) -> list:
    ids = [v for v in (parse_int(x, minimum=1) for x in request.POST.getlist("users")[:200]) if v]
    return list(get_user_model().objects.filter(pk__in=ids, agency_id=delivery.agency_id))


STEPS = {
    "submit": lambda r, d: actions.document_submit(document=d, actor=r.user),
    "revise": lambda r, d: actions.document_revise(
        document=d, actor=r.user, title=r.POST.get("title", ""), body=r.POST.get("body", "")
    ),
    "reject": lambda r, d: actions.document_reject(document=d, actor=r.user, reason=r.POST.get("reason", "")),
    "sign": lambda r, d: actions.document_sign(document=d, actor=r.user),
    "send": lambda r, d: actions.document_send(document=d, actor=r.user),
    "press": lambda r, d: actions.delivery_press(delivery=_sender_delivery(r, d), actor=r.user),
    "press_all": lambda r, d: actions.document_press_all(document=d, actor=r.user),
    "publish": lambda r, d: actions.document_publish(document=d, actor=r.user),
    "sign_for": lambda r, d: actions.delivery_sign_for(delivery=_delivery_of(r, d), actor=r.user),
    "return": lambda r, d: actions.delivery_return(
        delivery=_delivery_of(r, d), actor=r.user, reason=r.POST.get("reason", "")
    ),
    "reply": lambda r, d: actions.delivery_reply(
        delivery=_delivery_of(r, d), actor=r.user, text=r.POST.get("reply", ""), attendees=_attendees(r.POST)
    ),
    "circulate": lambda r, d: actions.delivery_circulate(
        delivery=(dl := _delivery_of(r, d)), actor=r.user, users=_readers(r, dl)
    ),
    "read": lambda r, d: actions.circulation_read(delivery=_delivery_of(r, d), actor=r.user),
}
STEP_LABELS = {
    "submit": "提交签发",
    "revise": "修改草稿",
    "reject": "退回修改",
    "sign": "签发",
    "send": "发出",
    "press": "催办",
    "press_all": "催办",
    "publish": "发布到信息公开目录",
    "sign_for": "签收",
    "return": "退回",
    "reply": "回复",
    "circulate": "分发传阅",
    "read": "已阅",
}


def act(request, pk, step):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    document = _document(request, pk)
    handler = STEPS.get(step)
    if handler is None:
        raise Http404
    try:
        handler(request, document)
    except GovPortalError as exc:
        messages.error(request, exc.message)
        document = _document(request, pk)
        response = TemplateResponse(request, "office/admin/detail.html", _detail_context(request, document))
        response.status_code = exc.status_code
        return response
    messages.success(request, _("已完成：%(step)s") % {"step": STEP_LABELS[step]})
    return redirect("office_admin:detail", document.pk)


def _parse_date(value: str, default: date) -> date:
    try:
        return date.fromisoformat((value or "").strip())
    except (TypeError, ValueError):
        return default


def _period(request) -> tuple[date, date]:
    today = timezone.localdate()
    date_to = _parse_date(request.GET.get("to", ""), today)
    date_from = _parse_date(request.GET.get("from", ""), date_to - timedelta(days=90))
    return (date_to, date_from) if date_from > date_to else (date_from, date_to)


def stats(request):
    if not access.may_see_statistics(request.user):
        raise Http404
    date_from, date_to = _period(request)
    return TemplateResponse(
        request,
        "office/admin/stats.html",
        {
            "rows": selectors.statistics(request.user, date_from=date_from, date_to=date_to),
            "date_from": date_from.isoformat(),
            "date_to": date_to.isoformat(),
        },
    )


def export(request):
    if not access.may_see_statistics(request.user):
        raise Http404
    date_from, date_to = _period(request)
    header = ["单位", "发文", "收文", "已签收", "待签收", "退回", "平均签收用时（小时）", "需回复",
              "已回复", "逾期回复", "超期未回复"]  # fmt: skip
    rows = (
        [
            r.agency.name,
            r.sent,
            r.received,
            r.signed,
            r.pending,
            r.returned,
            r.avg_sign_hours,
            r.replies_due,
            r.replied,
            r.late_replies,
            r.open_overdue,
        ]  # fmt: skip
        for r in selectors.statistics(request.user, date_from=date_from, date_to=date_to)
    )
    data = xlsx.sheet_bytes(title="协同办公统计", header=header, rows=rows, widths=[28] + [10] * 10)
    response = HttpResponse(data, content_type=xlsx.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="office-{date_from:%Y%m%d}-{date_to:%Y%m%d}.xlsx"'
    return response


urlpatterns = [
    path("", index, name="index"),
    path("new/", new, name="new"),
    path("stats/", stats, name="stats"),
    path("stats/export.xlsx", export, name="export"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/pdf/", document_pdf, name="pdf"),
    path("<int:pk>/<slug:step>/", act, name="act"),
]
