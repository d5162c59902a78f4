"""Admin screens of 便民服务 (travel, culture and the directory) beyond the entries' model
viewset: import and export of the directory (xlsx/CSV), and the 纠错 cases of the user's
agency. Thin: find through `access` (404 for another agency's), call one action, render."""

from __future__ import annotations

from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from wagtail.admin import messages

from govportal.convenience import access, actions, exchange
from govportal.convenience.forms import ImportForm, ReplyForm
from govportal.convenience.workflow import CORRECTION
from govportal.core.cases.workflow import available_steps
from govportal.core.errors import GovPortalError, NotFound
from govportal.core.xlsx import XLSX_CONTENT_TYPE


def _require_staff(request) -> None:
    if not access.may_use_directory_admin(request.user):
        raise Http404


def import_entries(request):
    _require_staff(request)
    agencies = access.import_agencies(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, agencies=agencies)
    context = {"form": form, "headers": exchange.HEADERS, "categories": exchange.categories_labels()}
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                agency = access.import_agency(request.user, form.cleaned_data.get("agency"))
                result = actions.directory_import(
                    actor=request.user, agency=agency, data=upload.read(), filename=upload.name
                )
            except actions.ImportRefused as exc:
                context.update(error=exc.message, bad_rows=exc.rows)
            except GovPortalError as exc:
                context.update(error=exc.message)
            else:
                messages.success(request, f"导入完成：新增 {result['created']} 条，更新 {result['updated']} 条")
                return redirect("convenience_admin:import")
    return TemplateResponse(request, "convenience/admin/import.html", context, status=status)


def export_entries(request):
    _require_staff(request)
    fmt = request.GET.get("format", "xlsx")
    entries = access.entries_for_staff(request.user).order_by("category", "name", "pk")
    stamp = timezone.localtime().strftime("%Y%m%d")
    if fmt == "csv":
        response = HttpResponse(exchange.export_csv(entries), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="directory-{stamp}.csv"'
    else:
        response = HttpResponse(exchange.export_xlsx(entries), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="directory-{stamp}.xlsx"'
    return response


def corrections(request):
    _require_staff(request)
    rows = access.corrections_for(request.user).order_by("case__is_open", "-created_at")
    state = request.GET.get("state", "")
    if state == "open":
        rows = rows.filter(case__is_open=True)
    elif state == "closed":
        rows = rows.filter(case__is_open=False)
    rows = list(rows[:300])
    for row in rows:
        row.state_label = CORRECTION.states.get(row.case.state, row.case.state)
    context = {"rows": rows, "state": state}
    return TemplateResponse(request, "convenience/admin/corrections.html", context)


def correction(request, pk: int):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    try:
        item = access.correction_for(request.user, pk)
    except NotFound as exc:
        raise Http404 from exc
    steps = [t.name for t in available_steps(request.user, item.case)]
    form = ReplyForm(request.POST or None)
    status = 200
    if request.method == "POST" and "reply" in steps:
        status = 400
        if form.is_valid():
            try:
                actions.correction_reply(
                    correction=item,
                    actor=request.user,
                    reply=form.cleaned_data["reply"],
                    corrected=form.cleaned_data["corrected"],
                )
            except GovPortalError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "已答复纠错人")
                return redirect("convenience_admin:correction", pk=item.pk)
    context = {
        "c": item,
        "form": form,
        "can_reply": "reply" in steps,
        "state_label": CORRECTION.states.get(item.case.state, item.case.state),
        "events": item.case.events.order_by("created_at", "pk"),
    }
    return TemplateResponse(request, "convenience/admin/correction.html", context, status=status)


urlpatterns = [
    path("daoru/", import_entries, name="import"),
    path("daochu/", export_entries, name="export"),
    path("jiucuo/", corrections, name="corrections"),
    path("jiucuo/<int:pk>/", correction, name="correction"),
]
