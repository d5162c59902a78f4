"""Wagtail admin views of 政府信息公开: the request queue and a request's page with its
actions, registering a request that came by letter, fax or in person, the annual reports
and the 20-WD publishing tracker. Thin: parse, check through a selector, call one action,
render. Application errors become a message and their 4xx status."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.admin import messages

from govportal.core import access as core_access
from govportal.core.cases.workflow import available_steps
from govportal.core.errors import GovPortalError, NotFound
from govportal.core.xlsx import XLSX_CONTENT_TYPE
from govportal.disclosure import access, actions, forms, ledger, letters, report, selectors, workflow
from govportal.disclosure.choices import Outcome, SubReason


def _staff_only(request) -> None:
    if not access.handles_requests(request.user):
        raise PermissionDenied


def _first_error(form) -> str:
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        return f"{field.label}：{errors[0]}" if field is not None and field.label else str(errors[0])
    return _("提交的内容有误。")


def request_list(request):
    _staff_only(request)
    qs = selectors.requests_for(request.user).order_by("-case__created_at")
    state = request.GET.get("state", "")
    if state in workflow.STATES:
        qs = qs.filter(case__state=state)
    if request.GET.get("overdue"):
        qs = qs.filter(case__overdue_level__in=["yellow", "red"])
    page = Paginator(qs, 30).get_page(request.GET.get("p"))
    for req in page:
        req.state_label = workflow.STATES.get(req.case.state, req.case.state)
    return TemplateResponse(
        request,
        "disclosure/admin/request_list.html",
        {
            "page": page,
            "states": workflow.STATES,
            "state": state,
            "sees_all": selectors.sees_all_requests(request.user),
        },
    )


ACTION_FORMS = {
    "receive": forms.ReceiveForm,
    "correction_notice": forms.CorrectionNoticeForm,
    "correct": forms.ClerkCorrectionForm,
    "consult": forms.ConsultForm,
    "consult_served": forms.ConsultServedForm,
    "consult_end": forms.ConsultEndForm,
    "extend": forms.ExtendForm,
    "reply": forms.ReplyForm,
    "third_party_notice": forms.ThirdPartyNoticeForm,
    "require_reasons": forms.RequireReasonsForm,
    "delay": forms.DelayForm,
    "fee_notice": forms.FeeNoticeForm,
    "fee_paid": forms.FeePaidForm,
}


def _run(name: str, req, user, data: dict, files) -> None:
    if name == "receive":
        actions.disclosure_request_confirm_receipt(
            req=req, actor=user, received_on=data["received_on"], late_reason=data.get("late_reason") or ""
        )
    elif name == "correction_notice":
        actions.disclosure_request_correction_notice(req=req, actor=user, items=data["items"])
    elif name == "correct":
        actions.disclosure_request_correct(
            req=req, actor=user, actor_kind="clerk", description=data["description"], received_on=data["received_on"]
        )
    elif name == "consult":
        actions.disclosure_request_consult(
            req=req, actor=user, party=data["party"], co_author=data["co_author"], served_on=data.get("served_on")
        )
    elif name == "consult_served":
        actions.disclosure_request_consult_served(req=req, actor=user, served_on=data["served_on"])
    elif name == "consult_end":
        actions.disclosure_request_consult_end(
            req=req, actor=user, opinion=data["opinion"], objects=data.get("objects", False)
        )
    elif name == "extend":
        actions.disclosure_request_extend(req=req, actor=user, days=data["days"], reason=data["reason"])
    elif name == "reply":
        uploads = files.getlist("attachments") if files else []
        actions.disclosure_request_reply(
            req=req,
            actor=user,
            outcome=data["outcome"],
            sub_reason=data.get("sub_reason") or "",
            reply_text=data.get("reply_text") or "",
            attachments=uploads,
            already_public=data.get("already_public", False),
            public_link=data.get("public_link") or "",
            responsible_agency=data.get("responsible_agency") or "",
            responsible_contact=data.get("responsible_contact") or "",
        )
    elif name == "third_party_notice":
        actions.disclosure_request_third_party_notice(
            req=req, actor=user, content=data["content"], reason=data["reason"]
        )
    elif name == "require_reasons":
        actions.disclosure_request_require_reasons(req=req, actor=user, note=data.get("note") or "")
    elif name == "delay":
        actions.disclosure_request_delay(req=req, actor=user, days=data["days"], reason=data["reason"])
    elif name == "fee_notice":
        actions.disclosure_request_fee_notice(
            req=req, actor=user, method=data["method"], quantity=data["quantity"], how=data["how"]
        )
    elif name == "fee_paid":
        actions.disclosure_request_fee_paid(req=req, actor=user, paid_on=data["paid_on"])
    elif name == "handoff":
        actions.disclosure_request_handoff_to_mailbox(req=req, actor=user)
    elif name == "archive":
        actions.disclosure_request_archive(req=req, actor=user)
    elif name == "withdraw":
        actions.disclosure_request_withdraw(req=req, actor=user, actor_kind="clerk", reason=_("申请人申请撤回"))
    else:
        raise NotFound("没有这个操作")


def request_detail(request, pk: int):
    _staff_only(request)
    req = selectors.request_for(request.user, pk)
    status = 200
    bound: dict = {}
    if request.method == "POST":
        name = request.POST.get("action", "")
        form_class = ACTION_FORMS.get(name)
        form = form_class(request.POST, request.FILES) if form_class else None
        if form is not None and not form.is_valid():
            messages.error(request, _first_error(form))
            bound[name] = form
            status = 400
        else:
            try:
                _run(name, req, request.user, form.cleaned_data if form else {}, request.FILES)
            except GovPortalError as exc:
                messages.error(request, exc.message)
                status = exc.status_code
            else:
                messages.success(request, _("已保存。"))
                return redirect("disclosure_admin:request", pk=req.pk)
    req.case.refresh_from_db()
    # The steps this user may take now: the state's transitions the access rules give them.
    allowed = {t.name for t in available_steps(request.user, req.case)}
    action_forms = {}
    today = timezone.localdate()
    if "receive" in allowed:
        action_forms["receive"] = bound.get("receive") or forms.ReceiveForm(initial={"received_on": today})
    if "request_correction" in allowed:
        action_forms["correction_notice"] = bound.get("correction_notice") or forms.CorrectionNoticeForm()
    if "correct" in allowed:
        action_forms["correct"] = bound.get("correct") or forms.ClerkCorrectionForm(initial={"received_on": today})
    if "consult" in allowed:
        action_forms["consult"] = bound.get("consult") or forms.ConsultForm()
    if "consulted" in allowed:
        action_forms["consult_served"] = bound.get("consult_served") or forms.ConsultServedForm(
            initial={"served_on": today}
        )
        action_forms["consult_end"] = bound.get("consult_end") or forms.ConsultEndForm()
    # A clerk who may handle the request but not extend it is told so where the form would be.
    state_allows = {t.name for t in workflow.ensure_registered().allowed(req.case.state)}
    if "extend" in allowed or ("extend" in state_allows and allowed):
        action_forms["extend"] = bound.get("extend") or forms.ExtendForm()
    if "reply" in allowed and selectors.awaits_third_party_notice(req):
        action_forms["third_party_notice"] = bound.get("third_party_notice") or forms.ThirdPartyNoticeForm()
    if "reply" in allowed and not selectors.reasons_required(req):
        action_forms["require_reasons"] = bound.get("require_reasons") or forms.RequireReasonsForm()
    if "delay" in allowed and selectors.reasons_required(req):
        action_forms["delay"] = bound.get("delay") or forms.DelayForm()
    if "fee_notice" in allowed:
        action_forms["fee_notice"] = bound.get("fee_notice") or forms.FeeNoticeForm()
    if "fee_paid" in allowed:
        action_forms["fee_paid"] = bound.get("fee_paid") or forms.FeePaidForm(initial={"paid_on": today})
    if "reply" in allowed:
        action_forms["reply"] = bound.get("reply") or forms.ReplyForm()
    context = {
        "req": req,
        "case": req.case,
        "state_label": workflow.STATES.get(req.case.state, req.case.state),
        "history": selectors.request_history(req, public_only=False),
        "clock": selectors.request_clock(req),
        "action_forms": action_forms,
        "can_archive": "archive" in allowed,
        "can_withdraw": "withdraw" in allowed,
        "can_handoff": req.outcome == Outcome.NOT_PROCESSED and req.sub_reason == SubReason.PETITION,
        "linked_letter": selectors.linked_letter(req),
        "can_extend": access.may_extend(request.user),
        "attachments": list(req.attachments.select_related("stored")),
        "notices": selectors.request_notices(req, applicant_only=False),
    }
    return TemplateResponse(request, "disclosure/admin/request_detail.html", context, status=status)


def request_notice(request, pk: int, notice_id: int):
    """A written notice of the request as PDF, to print (the office's copy, third-party
    letters included)."""
    _staff_only(request)
    req = selectors.request_for(request.user, pk)
    notice = selectors.notice_for(request.user, notice_id)
    if notice.request_id != req.pk:
        raise NotFound("没有找到该通知书")
    response = HttpResponse(letters.notice_pdf(notice), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{req.case.tracking_number}-{notice.kind}-{notice.pk}.pdf"'
    return response


def request_letter(request, pk: int):
    _staff_only(request)
    req = selectors.request_for(request.user, pk)
    if not req.outcome or not req.letter_number:
        raise NotFound("该申请尚未作出答复")
    response = HttpResponse(letters.decision_letter_pdf(req), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{req.case.tracking_number}.pdf"'
    return response


def request_register(request):
    _staff_only(request)
    agencies = selectors.agencies_for(request.user)
    initial = {"agency": core_access.agency_id_of(request.user)}
    form = forms.RegisterForm(request.POST or None, agencies=agencies, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                req, code = actions.disclosure_request_register(
                    actor=request.user,
                    agency=form.cleaned_data["agency"],
                    data=form.applicant_data(),
                    channel=form.cleaned_data["channel"],
                    received_on=form.cleaned_data.get("received_on"),
                )
            except GovPortalError as exc:
                messages.error(request, exc.message)
                status = exc.status_code
            else:
                messages.success(
                    request,
                    _("已登记，办件编号 %(number)s，查询码 %(code)s（请告知申请人，仅显示一次）")
                    % {"number": req.case.tracking_number, "code": code},
                )
                return redirect("disclosure_admin:request", pk=req.pk)
        else:
            messages.error(request, _first_error(form))
            status = 400
    return TemplateResponse(request, "disclosure/admin/register.html", {"form": form}, status=status)


def report_list(request):
    _staff_only(request)
    year = timezone.localdate().year - 1
    agencies = list(selectors.agencies_for(request.user).order_by("sort_order"))
    return TemplateResponse(
        request,
        "disclosure/admin/report_list.html",
        {
            "reports": selectors.reports_for(request.user),
            "agencies": agencies,
            "statuses": report.statuses(agencies, year),
            "year": year,
            "sees_all": selectors.sees_all_requests(request.user),
        },
    )


def report_edit(request, agency_code: str, year: int):
    _staff_only(request)
    agency = selectors.agencies_for(request.user).filter(code=agency_code).first()
    if agency is None:
        raise NotFound("没有找到该单位")
    existing = selectors.reports_for(request.user).filter(agency=agency, year=year).first()
    initial = {}
    if existing:
        initial = {
            f: getattr(existing, f)
            for f in (
                "overview",
                "licensing_decisions",
                "penalty_decisions",
                "compulsory_decisions",
                "fees_amount",
                "problems",
                "other_matters",
                "carry_over_note",
            )
        }
        for key, row in (existing.litigation or {}).items():
            for col, value in row.items():
                initial[f"lit_{key}_{col}"] = value
    form = forms.AnnualReportForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = actions.annual_report_save(
                    agency=agency, year=year, actor=request.user, data=form.report_data()
                )
                if request.POST.get("publish"):
                    actions.annual_report_publish(report=saved, actor=request.user)
            except GovPortalError as exc:
                messages.error(request, exc.message)
                status = exc.status_code
            else:
                messages.success(request, _("已发布。") if request.POST.get("publish") else _("已保存。"))
                return redirect("disclosure_admin:report", agency_code=agency.code, year=year)
        else:
            messages.error(request, _first_error(form))
            status = 400
    built = report.for_report(existing) if existing else report.build(agency=agency, year=year)
    return TemplateResponse(
        request,
        "disclosure/admin/report_edit.html",
        {
            "agency": agency,
            "year": year,
            "form": form,
            "existing": existing,
            "built": built,
            "errors": report.arithmetic_errors(built),
            "carry_over": report.carry_over_differences(built, agency),
            "deadline": report.report_deadline(agency, year),
            "year_ended": timezone.localdate() > date(year, 12, 31),
            "table2": report.table2_rows(built),
            "table3": report.table3_rows(built),
        },
        status=status,
    )


def ledger_view(request):
    """申请登记台账: the requests the user may see, by agency and year, with the downloads."""
    _staff_only(request)
    status = 200
    try:
        filters = ledger.parse_filters(request.GET, user=request.user)
    except GovPortalError as exc:
        if isinstance(exc, NotFound):
            raise
        messages.error(request, exc.message)
        filters, status = ledger.Filters(), exc.status_code
    rows = ledger.rows(request.user, filters)
    this_year = timezone.localdate().year
    query = request.GET.copy()
    return TemplateResponse(
        request,
        "disclosure/admin/ledger.html",
        {
            "rows": rows[:200],
            "count": len(rows),
            "header": ledger.header(),
            "filters": filters,
            "agencies": ledger.agencies(request.user),
            "years": list(range(this_year, this_year - 10, -1)),
            "sees_all": selectors.sees_all_requests(request.user),
            "query": query.urlencode(),
        },
        status=status,
    )


def ledger_export(request, fmt: str):
    _staff_only(request)
    filters = ledger.parse_filters(request.GET, user=request.user)
    stamp = timezone.localdate().strftime("%Y%m%d")
    name = "-".join(p for p in ("ledger", filters.agency_code, str(filters.year or ""), stamp) if p)
    if fmt == "csv":
        response = HttpResponse(ledger.csv_text(request.user, filters), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(ledger.xlsx(request.user, filters), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def tracker(request):
    _staff_only(request)
    return TemplateResponse(request, "disclosure/admin/tracker.html", {"rows": selectors.publish_tracker(request.user)})


urlpatterns = [
    path("", request_list, name="requests"),
    path("register/", request_register, name="register"),
    path("<int:pk>/", request_detail, name="request"),
    path("<int:pk>/letter.pdf", request_letter, name="letter"),
    path("<int:pk>/notice/<int:notice_id>.pdf", request_notice, name="notice"),
    path("reports/", report_list, name="reports"),
    path("reports/<str:agency_code>/<int:year>/", report_edit, name="report"),
    path("tracker/", tracker, name="tracker"),
    path("ledger/", ledger_view, name="ledger"),
    path("ledger.xlsx", ledger_export, {"fmt": "xlsx"}, name="ledger_xlsx"),
    path("ledger.csv", ledger_export, {"fmt": "csv"}, name="ledger_csv"),
]


def admin_url(name: str, *args) -> str:
    return reverse(f"disclosure_admin:{name}", args=args)
