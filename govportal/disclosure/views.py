"""Public pages of 政府信息公开 under /zwgk/: the city catalogue, the request form, the
request's own citizen actions (the correction, the decision letter) — the status page itself
is the kernel's /cases/ with `disclosure.cases`' detail block — and the annual reports. Thin: parse, select, call one action, render."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from govportal.core.antiabuse.guard import FormGuard
from govportal.core.cases.lookup import proven_case
from govportal.core.cases.models import ActorKind
from govportal.core.cases.views import old_lookup_url, render_lookup
from govportal.core.citizen_input import parse_int
from govportal.core.errors import Conflict, GovPortalError, NotFound
from govportal.disclosure import actions, report, selectors, workflow
from govportal.disclosure.cases import request_of
from govportal.disclosure.forms import CorrectionForm, RequestForm
from govportal.disclosure.letters import decision_letter_pdf, notice_pdf
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
    """The request whose code this caller proved: in this session (the kernel's page), or now
    by the ``X-Query-Code`` header (API clients following ``letter_url``), or — discouraged,
    for old links — by ``?query_code=``. The kernel's `proven_case` decides."""
    code = request.headers.get("X-Query-Code", "") or request.GET.get("query_code", "")
    case = proven_case(request, tracking_number, case_type=workflow.KEY, code=code)
    return request_of(case)


@require_http_methods(["GET", "POST"])
def query(request):
    """The old lookup URL: the lookup is the kernel's (/cases/, the request's detail block is
    `disclosure.cases`); a GET is redirected there, a lookup is answered by it. What stays
    here is the request's own action posted from the detail block: the correction
    (补正), for the request this session proved."""
    if request.method != "POST" or "description" not in request.POST or request.POST.get("query_code"):
        return old_lookup_url(request)
    req = _citizen_request(request, request.POST.get("tracking_number", ""))
    form = CorrectionForm(request.POST) if req.case.state == workflow.State.CORRECTING else None
    if form is None:
        raise Conflict(_("该申请当前不需要补正"))
    if not form.is_valid():
        return render_lookup(request, case=req.case, correction_form=form, status=400)
    try:
        actions.disclosure_request_correct(
            req=req, actor=None, actor_kind=ActorKind.CITIZEN, description=form.cleaned_data["description"]
        )
    except GovPortalError as exc:
        form.add_error(None, exc.message)
        return render_lookup(request, case=req.case, correction_form=form, status=exc.status_code)
    req.case.refresh_from_db()
    return render_lookup(request, case=req.case, correction_form=None, corrected=True)


def letter(request):
    req = _citizen_request(request, request.GET.get("tracking_number", ""))
    if not req.outcome or not req.letter_number:
        raise NotFound("该申请尚未作出答复")
    response = HttpResponse(decision_letter_pdf(req), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{req.case.tracking_number}-gaozhishu.pdf"'
    return _private(response)


def notice(request):
    """A written notice addressed to the applicant (补正告知书, 延期答复告知书, 收费通知书, …),
    after the same proof as the decision letter."""
    req = _citizen_request(request, request.GET.get("tracking_number", ""))
    item = selectors.notice_for_applicant(req, request.GET.get("notice", ""))
    response = HttpResponse(notice_pdf(item), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{req.case.tracking_number}-{item.kind}-{item.pk}.pdf"'
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
    """The 2021 layout (国办公开办函〔2021〕30号): Table 二 in four parts, Table 三 without a
    小计 column, Table 四 as one row of fifteen cells."""
    return {
        "table2": report.table2_sections(built),
        "table3": [(label, report.table3_cells(row)) for label, row in report.table3_rows(built)],
        "table3_org_columns": report.TABLE3_ORG_COLUMNS,
        "table4": report.table4_cells(built),
        "fees_sentence": report.fees_sentence(built),
        "lit_labels": [label for _, label in report.LITIGATION_COLUMNS] + [_("总计")],
    }
