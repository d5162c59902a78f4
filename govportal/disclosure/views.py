"""Public pages of 政府信息公开 under /zwgk/: the city catalogue, the request form, the
citizen's status page (with the correction form, the decision letter and reply files) and
the annual reports. Thin: parse, select, call one action, render."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from govportal.core.cases.models import ActorKind
from govportal.core.cases.selectors import TooManyAttempts, case_for_citizen, citizen_view
from govportal.core.cases.views import client_key
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


@require_http_methods(["GET", "POST"])
def apply(request):
    agencies = selectors.request_agencies().order_by("sort_order")
    initial = {}
    if code := request.GET.get("agency"):
        initial["agency"] = agencies.filter(code=code).first()
    form = RequestForm(request.POST or None, agencies=agencies, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                req, code = actions.disclosure_request_submit(
                    agency=form.cleaned_data["agency"], data=form.applicant_data()
                )
            except GovPortalError as exc:
                form.add_error(
                    getattr(exc, "field", None) if getattr(exc, "field", None) in form.fields else None, exc.message
                )
                status = exc.status_code
            else:
                return _private(
                    render(request, "disclosure/apply_done.html", {"req": req, "query_code": code}, status=201)
                )
        else:
            status = 400
    return _private(TemplateResponse(request, "disclosure/apply.html", {"form": form}, status=status))


def _citizen_request(request, data) -> DisclosureRequest:
    case = case_for_citizen(
        tracking_number=data.get("tracking_number", ""),
        query_code=data.get("query_code", ""),
        client=client_key(request),
    )
    req = DisclosureRequest.objects.filter(case=case).select_related("case", "agency").first()
    if req is None:
        raise NotFound("办件编号或查询码不正确")
    return req


@require_http_methods(["GET", "POST"])
def query(request):
    data = request.POST if request.method == "POST" else request.GET
    number = data.get("tracking_number", "").strip()
    context = {"tracking_number": number, "query_code": data.get("query_code", "").strip(), "error": None}
    status = 200
    if number or context["query_code"]:
        try:
            req = _citizen_request(request, data)
        except (NotFound, TooManyAttempts) as exc:
            context["error"] = exc.message
            status = exc.status_code
        else:
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
                    # Links carry only the file's random key: the code proven here is
                    # remembered in the session for the file view (core/files).
                    "attachments": list(req.attachments.select_related("stored")),
                }
            )
    return _private(TemplateResponse(request, "disclosure/query.html", context, status=status))


def letter(request):
    req = _citizen_request(request, request.GET)
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
