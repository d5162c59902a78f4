"""找回查询码 page (/yanzheng/zhaohui/): POST, then redirect to a neutral answer."""

from __future__ import annotations

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from govportal.core.antiabuse.guard import client_key, is_mobile
from govportal.core.antiabuse.recovery import neutral_message, recover_query_code, send_tracking_numbers
from govportal.core.errors import GovPortalError


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
def recover(request):
    context = {"page_title": _("找回查询码"), "error": "", "sent": request.GET.get("sent") == "1"}
    status = 200
    if request.method == "POST":
        number = request.POST.get("tracking_number", "").strip()
        if not number:
            context["error"], status = _("请填写办件编号或手机号码"), 400
        else:
            try:
                if is_mobile(number):
                    send_tracking_numbers(phone=number, client=client_key(request))
                else:
                    recover_query_code(tracking_number=number, client=client_key(request))
            except GovPortalError as exc:
                context["error"], status = exc.message, exc.status_code
            else:
                return redirect(reverse("antiabuse:recover") + "?sent=1")
    context["message"] = neutral_message() if context["sent"] else ""
    return _private(TemplateResponse(request, "core/antiabuse/recover.html", context, status=status))
