"""Staff screens of 企业风采 and 招商引资 in the Wagtail admin: the bureau's queue (enterprise
applications and investment enquiries), one enterprise with its decision, one enquiry with
its reply, and one image window with its review steps.

Thin: every object is fetched through `access` (another agency's is a 404), every step is
one action, and an application error becomes a message with its 4xx status.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from wagtail.admin import messages

from govportal.core.cases.workflow import available_steps
from govportal.core.errors import GovPortalError
from govportal.enterprise import access, actions
from govportal.enterprise.models import EnterpriseState, ReviewState
from govportal.enterprise.workflow import ENQUIRY


def _get(qs, pk):
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def queue(request):
    if not access.may_use_bureau_admin(request.user):
        raise Http404
    state = request.GET.get("state", EnterpriseState.SUBMITTED)
    if state not in EnterpriseState.values:
        state = EnterpriseState.SUBMITTED
    context = {
        "enterprises": access.enterprises_visible(request.user).filter(state=state).order_by("-submitted_at")[:200],
        "states": EnterpriseState.choices,
        "state": state,
        "enquiries": access.enquiries_visible(request.user)
        .select_related("case", "project")
        .order_by("-case__is_open", "case__due_date", "-pk")[:200],
        "enquiry_states": ENQUIRY.states,
    }
    return TemplateResponse(request, "enterprise/admin/queue.html", context)


def _enterprise_context(request, enterprise):
    return {
        "enterprise": enterprise,
        "products": list(enterprise.products.all()),
        "documents": list(enterprise.documents.select_related("stored")),
        "may_approve": enterprise.state in (EnterpriseState.SUBMITTED, EnterpriseState.WITHDRAWN),
        "may_reject": enterprise.state == EnterpriseState.SUBMITTED,
        "may_withdraw": enterprise.state == EnterpriseState.APPROVED,
    }


ENTERPRISE_STEPS = {
    "approve": (lambda r, e: actions.enterprise_approve(enterprise=e, actor=r.user), "审核通过并发布"),
    "reject": (
        lambda r, e: actions.enterprise_reject(enterprise=e, actor=r.user, reason=r.POST.get("reason", "")),
        "退回",
    ),
    "withdraw": (
        lambda r, e: actions.enterprise_withdraw(enterprise=e, actor=r.user, reason=r.POST.get("reason", "")),
        "撤下",
    ),
}


def enterprise(request, pk):
    item = _get(access.enterprises_visible(request.user).select_related("agency"), pk)
    template = "enterprise/admin/enterprise.html"
    if request.method == "POST":
        step = ENTERPRISE_STEPS.get(request.POST.get("step", ""))
        if step is None:
            raise Http404
        try:
            step[0](request, item)
        except GovPortalError as exc:
            messages.error(request, exc.message)
            response = TemplateResponse(request, template, _enterprise_context(request, item))
            response.status_code = exc.status_code
            return response
        messages.success(request, _("已保存：%(step)s") % {"step": step[1]})
        return redirect("enterprise_admin:enterprise", item.pk)
    return TemplateResponse(request, template, _enterprise_context(request, item))


def enquiry(request, pk):
    item = _get(access.enquiries_visible(request.user).select_related("case", "project"), pk)
    template = "enterprise/admin/enquiry.html"

    def context():
        steps = {t.name for t in available_steps(request.user, item.case)}
        return {
            "enquiry": item,
            "case": item.case,
            "state_label": ENQUIRY.states.get(item.case.state, item.case.state),
            "may_reply": "reply" in steps,
            "events": item.case.events.select_related("actor").order_by("created_at", "id"),
        }

    if request.method == "POST":
        try:
            actions.enquiry_reply(enquiry=item, actor=request.user, reply=request.POST.get("reply", ""))
        except GovPortalError as exc:
            messages.error(request, exc.message)
            response = TemplateResponse(request, template, context())
            response.status_code = exc.status_code
            return response
        messages.success(request, _("答复已发送"))
        return redirect("enterprise_admin:enquiry", item.pk)
    return TemplateResponse(request, template, context())


WINDOW_STEPS = {
    "submit": (lambda r, w: actions.window_submit(window=w, actor=r.user), "提交审核"),
    "approve": (lambda r, w: actions.window_approve(window=w, actor=r.user), "审核通过"),
    "reject": (lambda r, w: actions.window_reject(window=w, actor=r.user, note=r.POST.get("note", "")), "退回修改"),
}


def window(request, pk):
    item = _get(access.windows_visible(request.user).select_related("home", "image", "submitted_by", "reviewed_by"), pk)
    template = "enterprise/admin/window.html"

    def context():
        return {
            "window": item,
            "may_submit": access.may_edit_window(request.user, item)
            and item.state in (ReviewState.DRAFT, ReviewState.REJECTED),
            "may_review": item.state == ReviewState.SUBMITTED and access.may_review_window(request.user, item),
            "own_submission": item.state == ReviewState.SUBMITTED and item.submitted_by_id == request.user.pk,
        }

    if request.method == "POST":
        step = WINDOW_STEPS.get(request.POST.get("step", ""))
        if step is None:
            raise Http404
        try:
            step[0](request, item)
        except GovPortalError as exc:
            messages.error(request, exc.message)
            response = TemplateResponse(request, template, context())
            response.status_code = exc.status_code
            return response
        messages.success(request, _("已保存：%(step)s") % {"step": step[1]})
        return redirect("enterprise_admin:window", item.pk)
    return TemplateResponse(request, template, context())


urlpatterns = [
    path("", queue, name="queue"),
    path("enterprise/<int:pk>/", enterprise, name="enterprise"),
    path("enquiry/<int:pk>/", enquiry, name="enquiry"),
    path("window/<int:pk>/", window, name="window"),
]
