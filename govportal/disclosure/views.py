"""Public pages of 政府信息公开 under /zwgk/: the city catalogue, the request form, the
citizen's status page (with the correction form, the decision letter and reply files) and
the annual reports. Thin: parse, select, call one action, render."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from govportal.core.antiabuse.guard import FormGuard, client_key
from govportal.core.cases.models import ActorKind, Case
from govportal.core.cases.selectors import case_for_citizen, citizen_view
from govportal.core.cases.views import has_proof, lookup_redirect, remember_proof
from govportal.core.citizen_input import parse_int
from govportal.core.errors import GovPortalError, NotFound
from govportal.core.files.citizen import remember_case
from govportal.disclosure import actions, report, selectors, workflow
from govportal.disclosure.forms import CorrectionForm, RequestForm
from govportal.disclosure.letters import decision_letter_pdf
from govportal.disclosure.models import DisclosureRequest


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def home(request):
    context = selectors.catalogue_context(request)
    context.update({"page_title": _("政府信息公开"), "reports": selectors.published_reports()[:10]})
    return TemplateResponse(request, "disclosure/zwgk_home.html", context)


def _apply_context(form, guard) -> dict:
    return {"form": form, **guard.context(), "captcha_error": form.errors.get("captcha_answer", [""])[0]}


@require_http_methods(["GET", "POST"])
def apply(request):
    """The request form under the submission policy (`core.antiabuse`): CAPTCHA, limits, and
    a one-time form token — a double click or a refresh shows the first request's page."""
    agencies = selectors.request_agencies().order_by("sort_order")
    initial = {}
    if code := request.GET.get("agency"):
        initial["agency"] = agencies.filter(code=code).first()
    guard = FormGuard(request, phone_field="phone")
    if guard.wants_sms_code:  # the form shown again, as typed, without judging it yet
        guard.send_sms_code()
        form = RequestForm(agencies=agencies, initial=request.POST.dict())
        return _private(
            TemplateResponse(request, "disclosure/apply.html", _apply_context(form, guard), status=guard.status_code)
        )
    form = RequestForm(request.POST or None, agencies=agencies, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():

            def run() -> tuple[int, dict]:
                req, code = actions.disclosure_request_submit(
                    agency=form.cleaned_data["agency"], data=form.applicant_data()
                )
                return 201, {"tracking_number": req.case.tracking_number, "query_code": code}

            try:
                outcome = guard.submit(run=run)
            except GovPortalError as exc:
                field = getattr(exc, "field", None)
                if field == "captcha_answer":
                    form.errors["captcha_answer"] = form.error_class([exc.message])
                else:
                    form.add_error(field if field in form.fields else None, exc.message)
                status = exc.status_code
            else:
                req = selectors.submitted_request(outcome.body["tracking_number"])
                context = {"req": req, "query_code": outcome.body["query_code"]}
                return _private(render(request, "disclosure/apply_done.html", context, status=outcome.status_code))
        else:
            status = 400
    return _private(TemplateResponse(request, "disclosure/apply.html", _apply_context(form, guard), status=status))


def _citizen_request(request, tracking_number: str) -> DisclosureRequest:
    """The request whose code this caller proved: in this session (the query page), or now
    by the ``X-Query-Code`` header (API clients following ``letter_url``), or — discouraged,
    for old links — by ``?query_code=``."""
    number = (tracking_number or "").strip().upper()
    code = request.headers.get("X-Query-Code", "") or request.GET.get("query_code", "")
    if code:
        case = case_for_citizen(tracking_number=number, query_code=code, client=client_key(request))
    elif number and has_proof(request, number):
        case = Case.objects.filter(tracking_number=number).first()
    else:
        case = None
    req = DisclosureRequest.objects.filter(case=case).select_related("case", "agency").first() if case else None
    if req is None:
        raise NotFound("办件编号或查询码不正确")
    return req


@require_http_methods(["GET", "POST"])
def query(request):
    """POST tracking number + query code → the proof in the session → redirect to
    ``?tracking_number=``; the page, its correction form and its downloads go by the proof,
    so the code is never in a URL."""
    data = request.POST if request.method == "POST" else request.GET
    number = data.get("tracking_number", "").strip().upper()[:32]
    code = data.get("query_code", "").strip()
    context = {"tracking_number": number, "error": None}
    status = 200
    if code:  # a lookup (POST), or an old link with the code in it
        try:
            case = case_for_citizen(tracking_number=number, query_code=code, client=client_key(request))
        except GovPortalError as exc:
            context["error"], status = exc.message, exc.status_code
        else:
            remember_proof(request, case.tracking_number)
            return _private(lookup_redirect("disclosure:query", case.tracking_number))
        return _private(TemplateResponse(request, "disclosure/query.html", context, status=status))
    if request.method == "POST" and "description" not in request.POST:
        context["error"], status = _("请填写办件编号和查询码"), 400
        return _private(TemplateResponse(request, "disclosure/query.html", context, status=status))
    if not number or not has_proof(request, number):
        return _private(TemplateResponse(request, "disclosure/query.html", context, status=status))
    try:
        req = _citizen_request(request, number)
    except NotFound as exc:
        context["error"], status = exc.message, exc.status_code
        return _private(TemplateResponse(request, "disclosure/query.html", context, status=status))
    # Links carry only the file's random key: the proof is remembered for the file view too.
    remember_case(request, req.case)
    form = CorrectionForm(request.POST or None) if req.case.state == workflow.State.CORRECTING else None
    if request.method == "POST" and form is not None:
        if form.is_valid():
            try:
                actions.disclosure_request_correct(
                    req=req,
                    actor=None,
                    actor_kind=ActorKind.CITIZEN,
                    description=form.cleaned_data["description"],
                )
            except GovPortalError as exc:
                form.add_error(None, exc.message)
                status = exc.status_code
            else:
                req.refresh_from_db()
                req.case.refresh_from_db()
                form = None
                context["corrected"] = True
        else:
            status = 400
    context.update(
        {
            "req": req,
            "view": citizen_view(req.case),
            "correction_form": form,
            "linked_letter": selectors.linked_letter(req),
            "attachments": list(req.attachments.select_related("stored")),
        }
    )
    return _private(TemplateResponse(request, "disclosure/query.html", context, status=status))


def letter(request):
    req = _citizen_request(request, request.GET.get("tracking_number", ""))
    if not req.outcome or not req.letter_number:
        raise NotFound("该申请尚未作出答复")
    response = HttpResponse(decision_letter_pdf(req), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{req.case.tracking_number}-gaozhishu.pdf"'
    return _private(response)


def _year(value) -> int:
    year = parse_int(value)
    if year is None:
        raise Http404
    if not 2000 <= year <= 2100:
        raise Http404
    return year


def report_page(request, agency_code: str, year: int):
    rep = selectors.published_report(agency_code=agency_code, year=_year(year))
    built = report.for_report(rep)
    return TemplateResponse(request, "disclosure/report.html", {"report": rep, "built": built, **_report_tables(built)})


def report_xlsx(request, agency_code: str, year: int):
    rep = selectors.published_report(agency_code=agency_code, year=_year(year))
    return _xlsx(report.for_report(rep), f"{agency_code}-{year}")


def city_report(request, year: int):
    built = report.city(_year(year))
    if not built.agencies:
        raise NotFound("该年度尚无已发布的年度报告")
    return TemplateResponse(
        request, "disclosure/report.html", {"report": None, "built": built, **_report_tables(built)}
    )


def city_report_xlsx(request, year: int):
    built = report.city(_year(year))
    if not built.agencies:
        raise NotFound("该年度尚无已发布的年度报告")
    return _xlsx(built, f"city-{year}")


def _xlsx(built, name: str) -> HttpResponse:
    response = HttpResponse(
        report.xlsx(built), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="annual-report-{name}.xlsx"'
    return response


def _report_tables(built) -> dict:
    return {
        "table2": report.table2_rows(built),
        "table3": report.table3_rows(built),
        "table4": [(label, built.litigation[key]) for key, label in report.LITIGATION_ROWS],
        "lit_columns": report.LITIGATION_COLUMNS,
        "applicant_columns": report.COLUMNS,
    }
