"""Admin screens of the kernel's own case types: 差评整改 (rectification after a bad rating)
for letters, applications and any rated case. Thin: find through the one access rule of
``rectification.py`` (404 for another agency's), call one action, show a message."""

from __future__ import annotations

from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from wagtail.admin import messages

from govportal.core.cases import rectification, workflow
from govportal.core.cases.models import CaseEvent
from govportal.core.errors import GovPortalError, NotFound

S = rectification.S
STATES = {
    "VERIFYING": S.VERIFYING,
    "RECTIFYING": S.RECTIFYING,
    "RECTIFIED": S.RECTIFIED,
    "VISITED": S.VISITED,
    "APPEALING": S.APPEALING,
    "EXCLUDED": S.EXCLUDED,
}


def rectifications(request):
    state = request.GET.get("state", "")
    rows = rectification.rectifications_for(request.user).order_by("-opened_at", "-pk")
    if state == "open":
        rows = rows.filter(case__is_open=True)
    elif state == "closed":
        rows = rows.filter(case__is_open=False)
    return TemplateResponse(
        request,
        "core/cases/admin/rectifications.html",
        {
            "rows": [_row(r) for r in rows[:300]],
            "state": state,
        },
    )


def _row(rect) -> dict:
    rated_type = workflow.get(rect.rated_case.case_type)
    return {
        "r": rect,
        "state_label": rectification.STATES.get(rect.case.state, rect.case.state),
        "rated_type": rated_type.name,
        "late": rectification.is_late(rect),
    }


def rectification_detail(request, pk: int):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    rect = rectification.rectification_for(request.user, pk)
    status = 200
    if request.method == "POST":
        step = request.POST.get("step", "")
        try:
            if step == "verify":
                rectification.rectification_verify(
                    rectification=rect, actor=request.user, note=request.POST.get("note", "")
                )
            elif step == "appeal":
                rectification.rectification_appeal(
                    rectification=rect, actor=request.user, reason=request.POST.get("reason", "")
                )
            elif step in ("appeal_uphold", "appeal_reject"):
                rectification.rectification_appeal_decide(
                    rectification=rect,
                    actor=request.user,
                    upheld=step == "appeal_uphold",
                    note=request.POST.get("note", ""),
                )
            elif step == "visit":
                rectification.rectification_return_visit(
                    rectification=rect,
                    actor=request.user,
                    note=request.POST.get("note", ""),
                    satisfied=request.POST.get("satisfied") == "yes",
                )
            elif step == "rectify":
                rectification.rectification_record(
                    rectification=rect, actor=request.user, measures=request.POST.get("measures", "")
                )
            else:
                raise NotFound("没有这个操作")
        except GovPortalError as exc:
            if exc.status_code == 404:
                raise
            messages.error(request, exc.message)
            status = exc.status_code
        else:
            messages.success(request, "已保存")
            return redirect("cases_admin:rectification", pk=rect.pk)
        rect = rectification.rectification_for(request.user, pk)
    may_act = rectification.rectifications_for(request.user, act=True).filter(pk=rect.pk).exists()
    events = CaseEvent.objects.filter(case=rect.case).select_related("actor").order_by("created_at", "id")
    return TemplateResponse(
        request,
        "core/cases/admin/rectification.html",
        {
            **_row(rect),
            "rated_url": _staff_url(rect.rated_case),
            "events": events,
            "may_act": may_act,
            "may_decide": may_act and rectification.may_decide_appeal(request.user),
            "visit_due": rectification.return_visit_due(rect),
            "states": STATES,
        },
        status=status,
    )


def _staff_url(case) -> str:
    staff_url = workflow.get(case.case_type).staff_url
    return staff_url(case) if staff_url else ""


urlpatterns = [
    path("", rectifications, name="rectifications"),
    path("<int:pk>/", rectification_detail, name="rectification"),
]
